// The file digest every provenance entry carries: the same bytes name the same source on every
// device, so importing a file twice (or on two devices, then merging) is recognised.
import { SelfCrmError } from '../../runtime/errors.js';

/** SHA-256 of `bytes` as 64 lowercase hex digits (Web Crypto: browsers and Node alike). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new SelfCrmError('E_NOT_READY', 'Web Crypto (crypto.subtle) is not available: a browser page needs a secure context');
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
