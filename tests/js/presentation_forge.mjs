// Presentations taken apart and re-signed with the holder's own key: what a buggy or hostile holder
// could send, so verifyPresentation's checks after the signatures are reachable in tests.
import { webcrypto } from 'node:crypto';
import { b64json, b64url, digest } from './share_forge.mjs';

const subtle = webcrypto.subtle;
const p256Order = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

export const decode = (segment) => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));

/** The other S of a 64-byte ES256 `r || s`: (r, n − s) verifies just as well. */
export function flipS(signature) {
  const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`);
  const out = new Uint8Array(signature);
  out.set(Buffer.from((p256Order - s).toString(16).padStart(64, '0'), 'hex'), 32);
  return out;
}

export const isLowS = (signature) => BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`) <= p256Order >> 1n;

const params = (alg) => (alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' });

/** A compact JWS signed by `key` (a pairwise key); ES256 in its low-S form unless `highS`. */
export async function signJwt(key, header, payload, { highS = false } = {}) {
  const input = `${b64json({ ...header, alg: key.alg })}.${b64json(payload)}`;
  let signature = new Uint8Array(await subtle.sign(params(key.alg), key.privateKey, Buffer.from(input)));
  if (key.alg === 'ES256' && isLowS(signature) === highS) signature = flipS(signature);
  return `${input}.${b64url(signature)}`;
}

/** The decoded parts of `<jwt>~<d>~…~<kb>`. */
export function partsOf(presentation) {
  const [jwt, ...rest] = presentation.split('~');
  const kb = rest.pop();
  const [h, p] = jwt.split('.');
  const [kh, kp] = kb.split('.');
  return { header: decode(h), payload: decode(p), disclosures: rest, kbHeader: decode(kh), kbPayload: decode(kp) };
}

/** A presentation from parts, both JWTs signed by `key`, the KB-JWT's sd_hash over what is presented. */
export async function rebuild(key, parts, { highCredential = false, highKb = false } = {}) {
  const jwt = await signJwt(key, parts.header, parts.payload, { highS: highCredential });
  const presented = `${jwt}~${parts.disclosures.map((d) => `${d}~`).join('')}`;
  const kbPayload = { ...parts.kbPayload, sd_hash: await digest(presented) };
  return presented + (await signJwt(key, parts.kbHeader, kbPayload, { highS: highKb }));
}
