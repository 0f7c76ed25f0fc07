// Byte-level helpers shared by packets and the ledger: UTF-8, base64url (RFC 4648 §5, no padding)
// and SHA-256 through WebCrypto, which Node ≥ 18 and every current browser provide.
import { SelfCrmError } from '../runtime/errors.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array, path = ''): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new SelfCrmError('E_PARSE', 'not valid UTF-8', path);
  }
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; ++i) binary += String.fromCharCode(bytes[i] as number);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes canonical base64url; anything else (padding, spare bits set, other characters) is E_PARSE. */
export function fromBase64url(text: string, path = ''): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new SelfCrmError('E_PARSE', 'not base64url', path);
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; ++i) out[i] = binary.charCodeAt(i);
  // atob ignores the spare low bits of the last character: refuse such non-canonical text, so one
  // byte string has exactly one accepted encoding.
  if (base64url(out) !== text) throw new SelfCrmError('E_PARSE', 'not canonical base64url', path);
  return out;
}

// Browsers and Node ≥ 19 have a global `crypto`; Node 18 only has node:crypto's webcrypto, which
// the Node entry point hands over here (index.node.ts) rather than patching the global.
let provided: Crypto | undefined;

/** @internal Sets the WebCrypto implementation to use when there is no global one. */
export function setWebCrypto(crypto: Crypto): void {
  provided = crypto;
}

function webCrypto(): Crypto {
  const c = globalThis.crypto ?? provided;
  if (!c?.subtle) throw new SelfCrmError('E_NOT_READY', 'WebCrypto (crypto.subtle) is not available here');
  return c;
}

export function subtle(): SubtleCrypto {
  return webCrypto().subtle;
}

/** True for a WebCrypto key (duck-typed: Node 18 has no global CryptoKey class). */
export function isCryptoKey(value: unknown): value is CryptoKey {
  return typeof value === 'object' && value !== null && typeof (value as CryptoKey).type === 'string' &&
    typeof (value as CryptoKey).algorithm === 'object' && Array.isArray((value as CryptoKey).usages);
}

/** SHA-256 of the UTF-8 bytes of `text`, base64url-encoded. */
export async function sha256(text: string): Promise<string> {
  return base64url(new Uint8Array(await subtle().digest('SHA-256', utf8(text))));
}

/** Fills `array` from the platform's cryptographic generator. */
export function fillRandom<T extends Uint8Array | Uint32Array>(array: T): T {
  webCrypto().getRandomValues(array);
  return array;
}

/** `n` bytes from the platform's cryptographic generator. */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  webCrypto().getRandomValues(out);
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
