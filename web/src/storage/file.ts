// Node only: a vault saved as one file, replaced atomically (see atomic_file.ts).
import { readFile } from 'node:fs/promises';

import { SelfCrmError } from '../runtime/errors.js';
import type { Vault } from '../vault/vault.js';
import { writeFileAtomic } from './atomic_file.js';
import { decodeVault, encodeVault, type LoadVaultOptions, type SaveOptions } from './codec.js';

function ioError(e: unknown, what: string, path: string): SelfCrmError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new SelfCrmError('E_NOT_FOUND', `${what}: no file ${path}`);
  return new SelfCrmError('E_IO', `${what} ${path}: ${(e as Error)?.message ?? String(e)}`);
}

/**
 * Saves `vault` to `path`: write a temporary file beside it, fsync it, rename it over `path`,
 * fsync the folder. With `passphrase` the file is encrypted.
 * @throws SelfCrmError `E_IO` when the file system refuses.
 */
export async function saveVaultFile(path: string, vault: Vault, options: SaveOptions = {}): Promise<void> {
  if (typeof path !== 'string' || path === '') throw new SelfCrmError('E_SCHEMA', 'the path must be a non-empty string');
  const bytes = await encodeVault(vault, options);
  try {
    await writeFileAtomic(path, bytes);
  } catch (e) {
    throw ioError(e, 'could not save the vault to', path);
  }
}

/**
 * Loads a vault saved by saveVaultFile.
 * @throws SelfCrmError `E_NOT_FOUND` (no file), `E_DECRYPT` (wrong or missing passphrase),
 *   `E_INTEGRITY` (damaged), or the document's own parse errors.
 */
export async function loadVaultFile(path: string, options: LoadVaultOptions = {}): Promise<Vault> {
  if (typeof path !== 'string' || path === '') throw new SelfCrmError('E_SCHEMA', 'the path must be a non-empty string');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw ioError(e, 'could not load the vault', path);
  }
  return decodeVault(bytes, options);
}
