// The vault's signing key pair, kept in this browser's IndexedDB as CryptoKey objects (never in
// the vault document, which may be exported).
const DB = 'selfcrm-demo-keys';
const STORE = 'keys';

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function run(db, mode, fn) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error);
  });
}

export async function loadOrCreateKeyPair(createKeyPair) {
  const db = await open();
  try {
    const stored = await run(db, 'readonly', (s) => s.get('signing'));
    if (stored) return stored;
    const pair = await createKeyPair();
    await run(db, 'readwrite', (s) => s.put(pair, 'signing'));
    return pair;
  } finally {
    db.close();
  }
}
