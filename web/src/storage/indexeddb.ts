// Browser storage: vaults as records of one IndexedDB object store, keyed by a name the app picks;
// their state records (vault_state.ts) in a second store under the same key, written in the same
// transaction, so a vault and its record never disagree.
import { SelfCrmError } from '../runtime/errors.js';
import type { Vault } from '../vault/vault.js';
import { decodeVaultChecked, encodeVaultVersion, type LoadVaultOptions, type SaveOptions } from './codec.js';
import { isCryptoKey, isPlainObject } from '../share/encoding.js';
import { newTagKey, parseState } from './vault_state.js';

/** Which IndexedDB database holds the vaults (default "selfcrm"). */
export interface IndexedDbOptions {
  database?: string;
}

const STORE = 'vaults';
// Sorts after `vaults`, so code that reads the database's first store still finds the vaults.
const STATE = 'vaults-state';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new SelfCrmError('E_IO', `IndexedDB: ${req.error?.message ?? 'request failed'}`));
  });
}

function openDatabase(name: string): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') {
    return Promise.reject(new SelfCrmError('E_UNSUPPORTED', 'IndexedDB is not available here'));
  }
  const req = indexedDB.open(name, 2);
  req.onupgradeneeded = () => {
    for (const store of [STORE, STATE]) if (!req.result.objectStoreNames.contains(store)) req.result.createObjectStore(store);
  };
  return request(req);
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key === '') throw new SelfCrmError('E_SCHEMA', 'the vault key must be a non-empty string');
  return key;
}

/** Stores `vault` under `key` (replacing what was there, in one transaction); encrypted with `passphrase`. */
export async function saveVaultToIndexedDB(key: string, vault: Vault, options: SaveOptions & IndexedDbOptions = {}): Promise<void> {
  checkKey(key);
  const db = await openDatabase(options.database ?? 'selfcrm');
  try {
    // A plaintext vault's tag key stays with its record across saves (made on the first).
    const stored = await request(db.transaction(STATE, 'readonly').objectStore(STATE).get(key)).catch(() => undefined);
    const previous = isPlainObject(stored) && isCryptoKey(stored.key) ? stored.key : undefined;
    const tagKey = options.passphrase === undefined ? previous ?? (await newTagKey()) : undefined;
    const { bytes, version } = await encodeVaultVersion(vault, options, tagKey);
    const tx = db.transaction([STORE, STATE], 'readwrite');
    tx.objectStore(STORE).put(bytes, key);
    tx.objectStore(STATE).put({ format: 'selfcrm-vault-state/1', current: version, next: null, ...(tagKey ? { key: tagKey } : {}) }, key);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(new SelfCrmError('E_IO', `IndexedDB: ${tx.error?.message ?? 'aborted'}`));
    });
  } finally {
    db.close();
  }
}

/** Loads the vault stored under `key`. @throws `E_NOT_FOUND`, `E_DECRYPT`, `E_INTEGRITY`, … */
export async function loadVaultFromIndexedDB(key: string, options: LoadVaultOptions & IndexedDbOptions = {}): Promise<Vault> {
  checkKey(key);
  const db = await openDatabase(options.database ?? 'selfcrm');
  let stored: unknown;
  let state: unknown;
  try {
    const tx = db.transaction([STORE, STATE], 'readonly');
    [stored, state] = await Promise.all([request(tx.objectStore(STORE).get(key)), request(tx.objectStore(STATE).get(key))]);
  } finally {
    db.close();
  }
  if (stored === undefined) throw new SelfCrmError('E_NOT_FOUND', `no vault stored under "${key}"`);
  if (!(stored instanceof Uint8Array)) throw new SelfCrmError('E_INTEGRITY', 'the stored vault is not a byte array');
  return decodeVaultChecked(stored, options, state === undefined ? undefined : parseState(state));
}

/** Deletes the vault stored under `key` (nothing happens if there is none). */
export async function deleteVaultFromIndexedDB(key: string, options: IndexedDbOptions = {}): Promise<void> {
  checkKey(key);
  const db = await openDatabase(options.database ?? 'selfcrm');
  try {
    const tx = db.transaction([STORE, STATE], 'readwrite');
    await Promise.all([request(tx.objectStore(STORE).delete(key)), request(tx.objectStore(STATE).delete(key))]);
  } finally {
    db.close();
  }
}
