/**
 * SelfCRM for Node: the `.wasm` file is read from the package directory (Node's fetch cannot
 * load a file path), unless `ready()` is given other loading options.
 * @packageDocumentation
 */
import { readFile } from 'node:fs/promises';
import { setDefaultBinarySource } from './loader.js';

setDefaultBinarySource(async () => new Uint8Array(await readFile(new URL('./selfcrm.wasm', import.meta.url))));

export * from './api.js';
// Node-only: atomic vault files (kept out of the browser entry's imports).
export { loadVaultFile, saveVaultFile } from './storage/file.js';
