// Node only: a vault saved as one file, replaced atomically (see atomic_file.ts), one writer at a
// time (file_lock.ts), with its state record beside it (vault_state.ts).
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { SelfCrmError } from '../runtime/errors.js';
import type { Vault } from '../vault/vault.js';
import { writeFileAtomic } from './atomic_file.js';
import { decodeVaultChecked, encodeVaultVersion, type LoadVaultOptions, type SaveOptions } from './codec.js';
import { withFileLock, type LockOptions } from './file_lock.js';
import { parseState, type SavedVersion, type VaultState } from './vault_state.js';

export type { LockOptions } from './file_lock.js';

function ioError(e: unknown, what: string, path: string): SelfCrmError {
  if (e instanceof SelfCrmError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new SelfCrmError('E_NOT_FOUND', `${what}: no file ${path}`);
  return new SelfCrmError('E_IO', `${what} ${path}: ${(e as Error)?.message ?? String(e)}`);
}

function checkPath(path: unknown): string {
  if (typeof path !== 'string' || path === '') throw new SelfCrmError('E_SCHEMA', 'the path must be a non-empty string');
  return path;
}

/** Where the state record of the vault file `path` lives. */
export function statePathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.state`);
}

async function readState(path: string): Promise<VaultState | undefined> {
  let text: string;
  try {
    text = await readFile(statePathOf(path), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    return parseState(JSON.parse(text));
  } catch {
    throw new SelfCrmError('E_INTEGRITY', `the vault state record ${statePathOf(path)} is damaged`);
  }
}

const writeState = (path: string, state: VaultState) => writeFileAtomic(statePathOf(path), new TextEncoder().encode(JSON.stringify(state)));

// Holding the lock: the record first names the version being saved, then the file is replaced,
// then the record keeps only it. A crash anywhere leaves a file the record accepts.
async function saveLocked(path: string, vault: Vault, options: SaveOptions): Promise<void> {
  const { bytes, version } = await encodeVaultVersion(vault, options);
  try {
    const before = await readState(path).catch(() => undefined);
    const current: SavedVersion | null = before?.current ?? null;
    await writeState(path, { format: 'selfcrm-vault-state/1', current, next: version });
    await writeFileAtomic(path, bytes);
    await writeState(path, { format: 'selfcrm-vault-state/1', current: version, next: null });
  } catch (e) {
    throw ioError(e, 'could not save the vault to', path);
  }
}

async function loadLocked(path: string, options: LoadVaultOptions): Promise<Vault> {
  let bytes: Uint8Array;
  let state: VaultState | undefined;
  try {
    bytes = new Uint8Array(await readFile(path));
    state = await readState(path);
  } catch (e) {
    throw ioError(e, 'could not load the vault', path);
  }
  return decodeVaultChecked(bytes, options, state);
}

/**
 * Saves `vault` to `path`: write a temporary file beside it, fsync it, rename it over `path`,
 * fsync the folder, holding the file's lock. With `passphrase` the file is encrypted.
 * @throws SelfCrmError `E_IO` when the file system refuses; `E_LOCKED` when another process keeps the lock.
 */
export async function saveVaultFile(path: string, vault: Vault, options: SaveOptions & LockOptions = {}): Promise<void> {
  checkPath(path);
  await withFileLock(path, options, () => saveLocked(path, vault, options));
}

/**
 * Loads a vault saved by saveVaultFile (holding the lock while it reads).
 * @throws SelfCrmError `E_NOT_FOUND` (no file), `E_DECRYPT` (wrong or missing passphrase),
 *   `E_INTEGRITY` (damaged; grants or ledger changed outside SelfCRM; ledger cut short; a plaintext
 *   file where an encrypted vault was), `E_LOCKED`, or the document's own parse errors.
 */
export async function loadVaultFile(path: string, options: LoadVaultOptions & LockOptions = {}): Promise<Vault> {
  checkPath(path);
  return withFileLock(path, { ...options, readOnly: true }, () => loadLocked(path, options));
}

/**
 * Loads, changes and saves a vault file as one step: the lock is held throughout, so two
 * processes updating one file both keep their changes. `fn` may be async; nothing is saved if it throws.
 * @returns what `fn` returned.
 */
export async function updateVaultFile<T>(
  path: string,
  fn: (vault: Vault) => T | Promise<T>,
  options: LoadVaultOptions & SaveOptions & LockOptions = {},
): Promise<T> {
  checkPath(path);
  return withFileLock(path, options, async () => {
    using vault = await loadLocked(path, options);
    const result = await fn(vault);
    await saveLocked(path, vault, options);
    return result;
  });
}
