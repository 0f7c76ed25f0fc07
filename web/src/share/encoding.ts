// Byte-level helpers shared by packets and the ledger: UTF-8, base64url (RFC 4648 §5, no padding)
// and SHA-256 through WebCrypto, which Node ≥ 18 and every current browser provide.
import { SelfCrmError } from '../errors.js';

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

/** Decodes base64url; anything outside its alphabet (including padding) is E_PARSE. */
export function fromBase64url(text: string, path = ''): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new SelfCrmError('E_PARSE', 'not base64url', path);
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; ++i) out[i] = binary.charCodeAt(i);
  return out;
}

export function subtle(): SubtleCrypto {
  const c = globalThis.crypto;
  if (!c?.subtle) throw new SelfCrmError('E_NOT_READY', 'WebCrypto (crypto.subtle) is not available here');
  return c.subtle;
}

/** SHA-256 of the UTF-8 bytes of `text`, base64url-encoded. */
export async function sha256(text: string): Promise<string> {
  return base64url(new Uint8Array(await subtle().digest('SHA-256', utf8(text))));
}

/** `n` bytes from the platform's cryptographic generator. */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
