// SD-JWT (RFC 9901) pieces that both sides of a presentation need, with no wasm: compact JWS
// signing and reading, disclosures, the Key Binding JWT's sd_hash, JWK thumbprints (RFC 7638).
// The holder (share/presentation.ts) and the company entry (company/verify.ts) build on these.
import { SelfCrmError } from '../runtime/errors.js';
import { base64url, fromBase64url, fromUtf8, isPlainObject, randomBytes, sha256, subtle, utf8 } from './encoding.js';
import { critProblem, isLowS, toLowS } from './jws_checks.js';
import { importPublicKey, jwkAlgorithm, signParams, type SigningAlgorithm } from './keys.js';

export function b64json(value: unknown): string {
  return base64url(utf8(JSON.stringify(value)));
}

/** Parses one base64url JSON segment; E_PARSE at `path` for anything else. */
export function parseB64json(segment: string, path: string): unknown {
  const text = fromUtf8(fromBase64url(segment, path), path);
  try {
    return JSON.parse(text);
  } catch {
    throw new SelfCrmError('E_PARSE', 'not JSON', path);
  }
}

/** A compact JWS `<header>.<payload>.<signature>` signed with `key`. */
export async function signJws(alg: SigningAlgorithm, key: CryptoKey, header: Record<string, unknown>, payload: Record<string, unknown>): Promise<string> {
  const input = `${b64json({ ...header, alg })}.${b64json(payload)}`;
  let signature: ArrayBuffer;
  try {
    signature = await subtle().sign(signParams(alg), key, utf8(input));
  } catch (e) {
    throw new SelfCrmError('E_SCHEMA', `the key cannot sign as ${alg}: ${(e as Error).message}`, '/key');
  }
  // WebCrypto signs ES256 with either S; only the low one verifies (one signature, one digest).
  const bytes = new Uint8Array(signature);
  return `${input}.${base64url(alg === 'ES256' ? toLowS(bytes) : bytes)}`;
}

export interface ParsedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signature: Uint8Array<ArrayBuffer>;
  signingInput: string;
}

/** Reads a compact JWS whose header and payload are JSON objects; E_PARSE otherwise (E_RANGE for a header over `maxHeaderLength`). */
export function parseJws(jws: string, path: string, maxHeaderLength = Infinity): ParsedJws {
  const segments = jws.split('.');
  if (segments.length !== 3) throw new SelfCrmError('E_PARSE', 'a JWS has three dot-separated parts', path);
  if ((segments[0] as string).length > maxHeaderLength) throw new SelfCrmError('E_RANGE', `a JWS header has at most ${maxHeaderLength} characters`, `${path}/header`);
  const header = parseB64json(segments[0] as string, `${path}/header`);
  const payload = parseB64json(segments[1] as string, `${path}/payload`);
  if (!isPlainObject(header) || !isPlainObject(payload)) throw new SelfCrmError('E_PARSE', 'a JWS header and payload are objects', path);
  const crit = critProblem(header);
  if (crit) throw new SelfCrmError('E_PARSE', crit, `${path}/header/crit`);
  return { header, payload, signature: fromBase64url(segments[2] as string, `${path}/signature`), signingInput: `${segments[0]}.${segments[1]}` };
}

/** True when the JWS verifies with `key` and, for ES256, has a low S (false for any failure, never throws). */
export async function verifyJws(jws: ParsedJws, alg: SigningAlgorithm, key: CryptoKey): Promise<boolean> {
  if (alg === 'ES256' && !isLowS(jws.signature)) return false;
  return subtle().verify(signParams(alg), key, jws.signature, utf8(jws.signingInput)).catch(() => false);
}

/** The public key of a JWK (private members dropped), or null when unusable. */
export async function importJwk(jwk: unknown): Promise<{ alg: SigningAlgorithm; key: CryptoKey } | null> {
  if (!isPlainObject(jwk)) return null;
  return importPublicKey(jwk as JsonWebKey).catch(() => null);
}

/** RFC 7638 thumbprint (SHA-256, base64url) of an Ed25519 or P-256 public JWK. */
export async function jwkThumbprint(jwk: JsonWebKey): Promise<string> {
  const alg = jwkAlgorithm(jwk, '/jwk');
  // Required members only, in lexicographic order, no whitespace.
  const members = alg === 'EdDSA' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return sha256(JSON.stringify(members));
}

/** The public members of a JWK, nothing else (no `d`, no `kid`, no `alg`). */
export function publicJwk(jwk: JsonWebKey): JsonWebKey {
  const { kty, crv, x, y } = jwk;
  return y === undefined ? { kty, crv, x } : { kty, crv, x, y };
}

/** The `iss` of a self-issued credential: the RFC 9278 URI of its key's thumbprint. */
export const thumbprintUri = (thumbprint: string): string => `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${thumbprint}`;

/** A disclosure `[salt, name, value]` and its digest. */
export async function makeDisclosure(name: string, value: unknown): Promise<{ disclosure: string; digest: string; salt: string }> {
  const salt = base64url(randomBytes(16));
  const disclosure = b64json([salt, name, value]);
  return { disclosure, digest: await sha256(disclosure), salt };
}

/** The presentation split into its parts; E_PARSE unless `<jwt>~<d>~…~<kb-jwt>`. */
export function splitPresentation(text: string, path = ''): { jwt: string; disclosures: string[]; kb: string; presented: string } {
  const parts = text.split('~');
  if (parts.length < 2) throw new SelfCrmError('E_PARSE', 'an SD-JWT is <JWT>~<disclosure>~…~<KB-JWT>', path);
  const kb = parts[parts.length - 1] as string;
  return { jwt: parts[0] as string, disclosures: parts.slice(1, -1), kb, presented: text.slice(0, text.length - kb.length) };
}

/** RFC 9901 §4.3.1: the sd_hash a Key Binding JWT carries for `<jwt>~<d>~…~`. */
export const sdHash = (presented: string): Promise<string> => sha256(presented);
