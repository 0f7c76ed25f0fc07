/**
 * SelfCRM for Node: the `.wasm` file is read from the package directory (Node's fetch cannot
 * load a file path), unless `ready()` is given other loading options.
 * @packageDocumentation
 */
import { createHash, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setCompanySource } from './runtime/company_loader.js';
import { setDefaultBinarySource } from './runtime/loader.js';
import createSelfCrmCompanyModule from './selfcrm-company.mjs';
import { setWebCrypto } from './share/encoding.js';
import { setStreamingSha256 } from './share/sha256_sync.js';

setDefaultBinarySource(async () => new Uint8Array(await readFile(new URL('./selfcrm.wasm', import.meta.url))));
// Fitting's module is read and compiled on first use only: commands that never fit never pay for it.
setCompanySource(createSelfCrmCompanyModule, () => new Uint8Array(readFileSync(new URL('./selfcrm-company.wasm', import.meta.url))));

// Sharing: WebCrypto for Node 18, which has no global `crypto`.
setWebCrypto(webcrypto as unknown as Crypto);
// Imported archives are hashed as they stream: node:crypto's SHA-256 is native.
setStreamingSha256(() => {
  const hash = createHash('sha256');
  return { update: (bytes: Uint8Array) => hash.update(bytes), digest: () => new Uint8Array(hash.digest()) };
});

export * from './api.js';
// Node-only: atomic vault files (kept out of the browser entry's imports).
export { loadVaultFile, saveVaultFile, updateVaultFile, type LockOptions } from './storage/file.js';
