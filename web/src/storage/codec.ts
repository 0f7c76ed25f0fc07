// What a saved vault is on disk or in IndexedDB: UTF-8 JSON text, or that text encrypted.
import { SelfCrmError } from '../runtime/errors.js';
import { Vault, type VaultOptions } from '../vault/vault.js';
import { decryptWithMacKey, encryptWithMacKey, isEncryptedVault } from './crypto.js';
import { checkVersion, versionOf, type SavedVersion, type VaultState } from './vault_state.js';

/** How to save: with a passphrase the vault is encrypted (AES-256-GCM, PBKDF2 ≥ 600,000). */
export interface SaveOptions {
  passphrase?: string;
  iterations?: number;
}
/**
 * How to load: the passphrase is required for an encrypted vault; given for a plaintext file it
 * is E_INTEGRITY (an encrypted vault was expected).
 */
export interface LoadVaultOptions extends VaultOptions {
  passphrase?: string;
}

/**
 * @internal The bytes to store for `vault` and the record storage keeps apart (vault_state.ts);
 * `plainKey` tags a plaintext vault's grants and ledger (browser storage keeps one per vault).
 */
export async function encodeVaultVersion(vault: Vault, options: SaveOptions = {}, plainKey?: CryptoKey): Promise<{ bytes: Uint8Array; version: SavedVersion }> {
  if (!(vault instanceof Vault)) throw new SelfCrmError('E_SCHEMA', 'expected a Vault');
  const text = vault.toString();
  const plain = new TextEncoder().encode(text);
  if (options.passphrase === undefined) return { bytes: plain, version: await versionOf(text, { encrypted: false, macKey: plainKey }) };
  const { bytes, macKey } = await encryptWithMacKey(plain, { passphrase: options.passphrase, iterations: options.iterations });
  return { bytes, version: await versionOf(text, { encrypted: true, macKey }) };
}

/** The bytes to store for `vault`. */
export async function encodeVault(vault: Vault, options: SaveOptions = {}): Promise<Uint8Array> {
  return (await encodeVaultVersion(vault, options)).bytes;
}

/** @internal decodeVault, checking grants and ledger against what storage remembered (if anything). */
export async function decodeVaultChecked(bytes: Uint8Array, options: LoadVaultOptions, state: VaultState | undefined): Promise<Vault> {
  let plain = bytes;
  let macKey: CryptoKey | undefined;
  if (isEncryptedVault(bytes)) {
    if (options.passphrase === undefined) throw new SelfCrmError('E_DECRYPT', 'this vault is encrypted: a passphrase is needed');
    ({ plain, macKey } = await decryptWithMacKey(bytes, options.passphrase));
  } else if (bytes[0] !== 0x7b /* { */) {
    throw new SelfCrmError('E_INTEGRITY', 'neither a vault document nor an encrypted vault');
  } else if (options.passphrase !== undefined) {
    throw new SelfCrmError('E_INTEGRITY', 'a passphrase was given but this vault file is not encrypted: refused (an encrypted vault may have been replaced)');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new SelfCrmError('E_INTEGRITY', 'the vault is not valid UTF-8');
  }
  const vault = Vault.fromJSON(text, options);
  try {
    await checkVersion(state, text, { encrypted: macKey !== undefined, macKey: macKey ?? state?.key });
  } catch (e) {
    vault.dispose();
    throw e;
  }
  return vault;
}

/** A vault from stored bytes; never returns from damaged data (E_INTEGRITY, E_DECRYPT, E_PARSE…). */
export function decodeVault(bytes: Uint8Array, options: LoadVaultOptions = {}): Promise<Vault> {
  return decodeVaultChecked(bytes, options, undefined);
}
