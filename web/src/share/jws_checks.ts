// JWS hygiene shared by verifiers: one encoding per signature (low-S ECDSA) and no header extension
// we do not understand (RFC 7515 §4.1.11).
import { SelfCrmError } from '../runtime/errors.js';
import { fromBase64url, fromUtf8 } from './encoding.js';

// The order n of P-256 and n/2: an ECDSA signature (r, s) also verifies as (r, n − s), so only the
// low half is accepted, else a packet could be re-signed into a different digest by anyone.
const p256Order = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const p256HalfOrder = p256Order >> 1n;

/** True when `signature` is a 64-byte ES256 `r || s` with 0 < s ≤ n/2. */
export function isLowS(signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  let s = 0n;
  for (let i = 32; i < 64; ++i) s = (s << 8n) | BigInt(signature[i] as number);
  return s > 0n && s <= p256HalfOrder;
}

/** Why a protected header's `crit` makes it unacceptable, or null. We implement no extension, so any `crit` is refused. */
export function critProblem(header: Record<string, unknown>): string | null {
  if (!Object.prototype.hasOwnProperty.call(header, 'crit')) return null;
  return 'the header lists critical extensions (crit) this verifier does not implement';
}

/** Decodes base64url UTF-8 JSON (bound its length first); throws SelfCrmError E_PARSE at `path`. */
export function decodeJsonSegment(segment: string, path: string): unknown {
  const text = fromUtf8(fromBase64url(segment, path), path);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SelfCrmError('E_PARSE', 'not JSON', path);
  }
}

/** JWT NumericDate bounds: within what a JS Date can print (years 0000–9999), so no result can throw. */
export function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= -62_167_219_200 && value <= 253_402_300_799;
}

/** ISO string of a NumericDate, or null when it is not one. */
export function isoFromSeconds(value: unknown): string | null {
  return isNumericDate(value) ? new Date(value * 1000).toISOString() : null;
}

/** The low-S form of a 64-byte ES256 `r || s` (s replaced by n − s when above n/2); WebCrypto signs either. */
export function toLowS(signature: Uint8Array): Uint8Array {
  if (signature.length !== 64 || isLowS(signature)) return signature;
  let s = 0n;
  for (let i = 32; i < 64; ++i) s = (s << 8n) | BigInt(signature[i] as number);
  let low = p256Order - s;
  const out = signature.slice();
  for (let i = 63; i >= 32; --i) {
    out[i] = Number(low & 0xffn);
    low >>= 8n;
  }
  return out;
}
