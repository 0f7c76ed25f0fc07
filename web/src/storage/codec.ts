// What a saved vault is on disk or in IndexedDB: UTF-8 JSON text, or that text encrypted.
import { SelfCrmError } from '../runtime/errors.js';
import { Vault, type VaultOptions } from '../vault/vault.js';
import { decryptBytes, encryptBytes, isEncryptedVault } from './crypto.js';

/** How to save: with a passphrase the vault is encrypted (AES-256-GCM, PBKDF2 ≥ 600,000). */
export interface SaveOptions {
  passphrase?: string;
  iterations?: number;
}
/** How to load: the passphrase is required for an encrypted vault, ignored otherwise. */
export interface LoadVaultOptions extends VaultOptions {
  passphrase?: string;
}

/** The bytes to store for `vault`. */
export async function encodeVault(vault: Vault, options: SaveOptions = {}): Promise<Uint8Array> {
  if (!(vault instanceof Vault)) throw new SelfCrmError('E_SCHEMA', 'expected a Vault');
  const plain = new TextEncoder().encode(vault.toString());
  if (options.passphrase === undefined) return plain;
  return encryptBytes(plain, { passphrase: options.passphrase, iterations: options.iterations });
}

/** A vault from stored bytes; never returns from damaged data (E_INTEGRITY, E_DECRYPT, E_PARSE…). */
export async function decodeVault(bytes: Uint8Array, options: LoadVaultOptions = {}): Promise<Vault> {
  let plain = bytes;
  if (isEncryptedVault(bytes)) {
    if (options.passphrase === undefined) throw new SelfCrmError('E_DECRYPT', 'this vault is encrypted: a passphrase is needed');
    plain = await decryptBytes(bytes, options.passphrase);
  } else if (bytes[0] !== 0x7b /* { */) {
    throw new SelfCrmError('E_INTEGRITY', 'neither a vault document nor an encrypted vault');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new SelfCrmError('E_INTEGRITY', 'the vault is not valid UTF-8');
  }
  return Vault.fromJSON(text, options);
}
