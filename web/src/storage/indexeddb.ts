// Browser storage: vaults as records of one IndexedDB object store, keyed by a name the app picks.
import { SelfCrmError } from '../runtime/errors.js';
import type { Vault } from '../vault/vault.js';
import { decodeVault, encodeVault, type LoadVaultOptions, type SaveOptions } from './codec.js';

/** Which IndexedDB database holds the vaults (default "selfcrm"). */
export interface IndexedDbOptions {
  database?: string;
}

const STORE = 'vaults';

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
  const req = indexedDB.open(name, 1);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
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
  const bytes = await encodeVault(vault, options);
  const db = await openDatabase(options.database ?? 'selfcrm');
  try {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(bytes, key);
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
  try {
    stored = await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(key));
  } finally {
    db.close();
  }
  if (stored === undefined) throw new SelfCrmError('E_NOT_FOUND', `no vault stored under "${key}"`);
  if (!(stored instanceof Uint8Array)) throw new SelfCrmError('E_INTEGRITY', 'the stored vault is not a byte array');
  return decodeVault(stored, options);
}

/** Deletes the vault stored under `key` (nothing happens if there is none). */
export async function deleteVaultFromIndexedDB(key: string, options: IndexedDbOptions = {}): Promise<void> {
  checkKey(key);
  const db = await openDatabase(options.database ?? 'selfcrm');
  try {
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(key));
  } finally {
    db.close();
  }
}
