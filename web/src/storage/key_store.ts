// Pairwise signing keys in this origin's IndexedDB, stored as CryptoKey objects: a non-extractable
// private key survives reloads without ever being readable by script, not even the vault's own.
import { SelfCrmError } from '../runtime/errors.js';
import { checkOrigin, type PairwiseKey, type PairwiseKeyStore } from '../share/pairwise.js';

const STORE = 'pairwise';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new SelfCrmError('E_IO', `IndexedDB: ${req.error?.message ?? 'request failed'}`));
  });
}

async function withStore<T>(database: string, mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  if (typeof indexedDB === 'undefined') throw new SelfCrmError('E_UNSUPPORTED', 'IndexedDB is not available here');
  const open = indexedDB.open(database, 1);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE);
  };
  const db = await request(open);
  try {
    const tx = db.transaction(STORE, mode);
    const result = await request(fn(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(new SelfCrmError('E_IO', `IndexedDB: ${tx.error?.message ?? 'aborted'}`));
    });
    return result;
  } finally {
    db.close();
  }
}

/** Pairwise keys kept in IndexedDB (database `selfcrm-keys` unless named), one per origin. */
export function indexedDbKeyStore(options: { database?: string } = {}): PairwiseKeyStore & { list(): Promise<PairwiseKey[]> } {
  const database = options.database ?? 'selfcrm-keys';
  return {
    get: (origin) => withStore(database, 'readonly', (s) => s.get(checkOrigin(origin)) as IDBRequest<PairwiseKey | undefined>),
    put: async (key) => void (await withStore(database, 'readwrite', (s) => s.put(key, checkOrigin(key.origin)))),
    list: () => withStore(database, 'readonly', (s) => s.getAll() as IDBRequest<PairwiseKey[]>),
  };
}
