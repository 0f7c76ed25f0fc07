// Encryption at rest with WebCrypto only (Node ≥ 18 and browsers alike): AES-256-GCM, key from the
// passphrase by PBKDF2-HMAC-SHA256. The whole header is authenticated as AAD.
//
// Layout, version 1 (62-byte header, big-endian):
//   0  magic "SCRV"          4  format version (1)      5  KDF id (1 = PBKDF2-HMAC-SHA256)
//   6  iterations (uint32)  10  salt (16 bytes)        26  IV (12 bytes)
//  38  key check (16 bytes: SHA-256 of "selfcrm-vault-key-check" ‖ key, truncated)
//  54  header checksum (8 bytes: SHA-256 of bytes 0–53, truncated)
//  62  ciphertext ‖ GCM tag (16 bytes)
// The checksum tells a damaged header (E_INTEGRITY) from a wrong passphrase (E_DECRYPT, key check
// mismatch); with the right key, any change to the ciphertext or tag fails GCM (E_INTEGRITY).
import { SelfCrmError } from '../runtime/errors.js';

/** The least PBKDF2 work accepted, for saving and for loading (OWASP 2023 for PBKDF2-HMAC-SHA256). */
export const MIN_PBKDF2_ITERATIONS = 600_000;
const MAX_PBKDF2_ITERATIONS = 10_000_000;
const MAGIC = [0x53, 0x43, 0x52, 0x56];
const FORMAT_VERSION = 1;
const KDF_PBKDF2_SHA256 = 1;
const HEADER_BYTES = 62;
const TAG_BYTES = 16;
const encoder = new TextEncoder();

/** Options for encrypting a vault. */
export interface EncryptOptions {
  passphrase: string;
  /** PBKDF2 iterations, at least 600,000 (the default). */
  iterations?: number;
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new SelfCrmError('E_UNSUPPORTED', 'WebCrypto (crypto.subtle) is not available here');
  return s;
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    joined.set(p, offset);
    offset += p.length;
  }
  return new Uint8Array(await subtle().digest('SHA-256', joined));
}

interface DerivedKeys {
  key: CryptoKey;
  check: Uint8Array;
  /** HMAC-SHA256 key for the vault's grants and ledger (HKDF from the same secret). */
  macKey: CryptoKey;
}

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<DerivedKeys> {
  const base = await subtle().importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 256));
  const key = await subtle().importKey('raw', bits, 'AES-GCM', false, ['encrypt', 'decrypt']);
  const check = (await sha256(encoder.encode('selfcrm-vault-key-check'), bits)).slice(0, 16);
  const hkdf = await subtle().importKey('raw', bits, 'HKDF', false, ['deriveKey']);
  const macKey = await subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('selfcrm/vault-sharing-mac/1') },
    hkdf,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
  bits.fill(0);
  return { key, check, macKey };
}

function requirePassphrase(passphrase: unknown): string {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new SelfCrmError('E_SCHEMA', 'the passphrase must be a non-empty string');
  }
  return passphrase;
}

/** True when `bytes` start like an encrypted vault. */
export function isEncryptedVault(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && MAGIC.every((b, i) => bytes[i] === b);
}

/** Encrypts `plaintext` with a fresh random salt and IV. */
export async function encryptBytes(plaintext: Uint8Array, options: EncryptOptions): Promise<Uint8Array> {
  return (await encryptWithMacKey(plaintext, options)).bytes;
}

/** @internal encryptBytes, also giving the file's HMAC key for grants and ledger (see vault_state.ts). */
export async function encryptWithMacKey(plaintext: Uint8Array, options: EncryptOptions): Promise<{ bytes: Uint8Array; macKey: CryptoKey }> {
  const passphrase = requirePassphrase(options?.passphrase);
  const iterations = options.iterations ?? MIN_PBKDF2_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < MIN_PBKDF2_ITERATIONS || iterations > MAX_PBKDF2_ITERATIONS) {
    throw new SelfCrmError('E_RANGE', `PBKDF2 iterations must be an integer from ${MIN_PBKDF2_ITERATIONS} to ${MAX_PBKDF2_ITERATIONS}`);
  }
  const header = new Uint8Array(HEADER_BYTES);
  const view = new DataView(header.buffer);
  header.set(MAGIC, 0);
  header[4] = FORMAT_VERSION;
  header[5] = KDF_PBKDF2_SHA256;
  view.setUint32(6, iterations);
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  header.set(salt, 10);
  header.set(iv, 26);
  const { key, check, macKey } = await deriveKey(passphrase, salt, iterations);
  header.set(check, 38);
  header.set((await sha256(header.subarray(0, 54))).subarray(0, 8), 54);
  const sealed = new Uint8Array(
    await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: header, tagLength: 128 }, key, new Uint8Array(plaintext)),
  );
  const out = new Uint8Array(HEADER_BYTES + sealed.length);
  out.set(header, 0);
  out.set(sealed, HEADER_BYTES);
  return { bytes: out, macKey };
}

/**
 * Decrypts what encryptBytes wrote.
 * @throws SelfCrmError `E_INTEGRITY` for a damaged or truncated file (header, IV, ciphertext or tag),
 *   `E_DECRYPT` for a wrong passphrase, `E_VERSION` for a newer format.
 */
export async function decryptBytes(data: Uint8Array, passphrase: string): Promise<Uint8Array> {
  return (await decryptWithMacKey(data, passphrase)).plain;
}

/** @internal decryptBytes, also giving the file's HMAC key for grants and ledger. */
export async function decryptWithMacKey(data: Uint8Array, passphrase: string): Promise<{ plain: Uint8Array; macKey: CryptoKey }> {
  requirePassphrase(passphrase);
  if (!isEncryptedVault(data)) throw new SelfCrmError('E_INTEGRITY', 'not an encrypted SelfCRM vault (bad magic)');
  if (data.length < HEADER_BYTES + TAG_BYTES) throw new SelfCrmError('E_INTEGRITY', 'the encrypted vault is truncated');
  const header = data.slice(0, HEADER_BYTES);
  const checksum = (await sha256(header.subarray(0, 54))).subarray(0, 8);
  if (!checksum.every((b, i) => b === header[54 + i])) {
    throw new SelfCrmError('E_INTEGRITY', 'the encrypted vault header is damaged');
  }
  if (header[4] !== FORMAT_VERSION) {
    throw new SelfCrmError('E_VERSION', `encrypted vault format ${header[4]} is newer than this reader (${FORMAT_VERSION})`);
  }
  const iterations = new DataView(header.buffer).getUint32(6);
  if (header[5] !== KDF_PBKDF2_SHA256 || iterations < MIN_PBKDF2_ITERATIONS || iterations > MAX_PBKDF2_ITERATIONS) {
    throw new SelfCrmError('E_INTEGRITY', 'the encrypted vault names unsupported key-derivation parameters');
  }
  const { key, check, macKey } = await deriveKey(passphrase, header.slice(10, 26), iterations);
  if (!check.every((b, i) => b === header[38 + i])) throw new SelfCrmError('E_DECRYPT', 'wrong passphrase');
  try {
    const plain = new Uint8Array(
      await subtle().decrypt(
        { name: 'AES-GCM', iv: header.slice(26, 38), additionalData: header, tagLength: 128 },
        key,
        data.slice(HEADER_BYTES),
      ),
    );
    return { plain, macKey };
  } catch {
    throw new SelfCrmError('E_INTEGRITY', 'the encrypted vault was modified or damaged (authentication failed)');
  }
}
