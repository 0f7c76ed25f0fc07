// Packets made by hand and signed with the issuer's key: what a buggy or hostile issuer could send,
// so the verifier's checks after the signature are reachable in tests.
import { webcrypto } from 'node:crypto';

const subtle = webcrypto.subtle;
export const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
export const b64json = (value) => b64url(Buffer.from(JSON.stringify(value)));
export const digest = async (text) => b64url(new Uint8Array(await subtle.digest('SHA-256', Buffer.from(text))));

/** A disclosure [salt, name, value] and its digest. */
export async function disclosure(name, value, salt = 'c2FsdHNhbHRzYWx0c2FsdA') {
  const text = b64json([salt, name, value]);
  return { text, digest: await digest(text) };
}

/** Signs `payload` (made complete from `base` unless given) under `header`; disclosures appended in order. */
export async function forge(keys, { header, payload, disclosures = [], rawPayload }) {
  const head = b64json(header ?? { alg: keys.alg, typ: 'selfcrm-share+sd-jwt' });
  const body = rawPayload ?? b64json(payload);
  const input = Buffer.from(`${head}.${body}`);
  const params = keys.alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
  const signature = new Uint8Array(await subtle.sign(params, keys.privateKey, input));
  return { packet: `${head}.${body}.${b64url(signature)}~${disclosures.map((d) => `${d}~`).join('')}`, signature };
}

/** A complete payload for `claims` ({name: terms}) whose disclosures are `list`. */
export function payloadFor(list, terms, now, extra = {}) {
  const iat = Math.floor(now.getTime() / 1000);
  return { aud: 'shop-1', iat, exp: iat + 3600, _sd_alg: 'sha-256', _sd: list.map((d) => d.digest), terms, ...extra };
}
