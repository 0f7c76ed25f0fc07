// Checking a disclosure packet on the recipient's side: signature, digests, terms and expiry.
// Every problem is reported; only claims whose disclosure is intact, listed and in force are returned.
import { SelfCrmError } from '../runtime/errors.js';
import type { ClaimValue } from './claims.js';
import { fromBase64url, fromUtf8, isCryptoKey, isPlainObject, sha256, subtle, utf8 } from './encoding.js';
import { importPublicKey, signParams, type SigningAlgorithm } from './keys.js';
import { packetType, type ClaimTerms } from './packet.js';
import { nowOf } from './time.js';
import type { AsOf } from '../runtime/time.js';

/** What went wrong with a packet, one entry per finding. */
export type ShareProblemKind =
  | 'malformed' // not an SD-JWT we can read; nothing else was checked
  | 'signature' // the issuer's signature does not verify (payload or signature changed, wrong key)
  | 'expired' // the packet's exp has passed
  | 'not-yet-valid' // issued in the future (beyond 60 s of clock skew)
  | 'audience' // addressed to someone else
  | 'malformed-disclosure' // a disclosure is not base64url JSON [salt, name, value]
  | 'unknown-disclosure' // a disclosure whose digest the signed payload does not list
  | 'duplicate-disclosure' // the same disclosure or claim twice
  | 'missing-disclosure' // the payload has terms for a claim with no disclosure
  | 'reordered' // disclosures out of the signed `_sd` order
  | 'claim-expired'; // the grant behind a claim has ended

export interface ShareProblem {
  kind: ShareProblemKind;
  /** The claim concerned, when known. */
  claim?: string;
  /** 0-based position of the disclosure concerned, when one. */
  index?: number;
  message: string;
}

/** One claim that verified, with the terms it was shared under. */
export interface VerifiedClaim {
  value: ClaimValue;
  level: 'copied' | 'borrowed';
  purpose: string;
  retention: 'none' | 'keep';
  expiresAt: string | null;
}

export interface VerifiedShare {
  /** True only when nothing at all was wrong. */
  valid: boolean;
  /** The intact claims in force (empty when the signature, expiry or audience fail). */
  claims: Record<string, VerifiedClaim>;
  problems: ShareProblem[];
  issuer: string | null;
  audience: string | null;
  issuedAt: string | null;
  expiresAt: string | null;
}

/** The algorithm of a WebCrypto public key. @throws E_SCHEMA unless Ed25519 or ECDSA P-256 for verifying. */
function keyAlgorithm(key: CryptoKey): SigningAlgorithm {
  if (key.type !== 'public' || !key.usages.includes('verify')) throw new SelfCrmError('E_SCHEMA', 'publicKey must be a public key usable for verify', '/publicKey');
  const algorithm = key.algorithm as { name: string; namedCurve?: string };
  if (algorithm.name === 'Ed25519') return 'EdDSA';
  if (algorithm.name === 'ECDSA' && algorithm.namedCurve === 'P-256') return 'ES256';
  throw new SelfCrmError('E_SCHEMA', 'publicKey must be an Ed25519 or ECDSA P-256 key', '/publicKey');
}

async function verifyingKey(publicKey: unknown): Promise<{ alg: SigningAlgorithm; key: CryptoKey }> {
  if (isCryptoKey(publicKey)) return { alg: keyAlgorithm(publicKey), key: publicKey };
  if (!isPlainObject(publicKey)) throw new SelfCrmError('E_SCHEMA', 'publicKey must be a CryptoKey, a JWK or {alg, key}', '/publicKey');
  if ('key' in publicKey && isCryptoKey(publicKey.key)) {
    const alg = keyAlgorithm(publicKey.key);
    if (publicKey.alg !== alg) throw new SelfCrmError('E_SCHEMA', `alg must be ${alg} for this key`, '/publicKey/alg');
    return { alg, key: publicKey.key };
  }
  return importPublicKey(publicKey as JsonWebKey);
}

export interface VerifyOptions {
  /** The issuer's public key: a CryptoKey (`keyPair.publicKey`), a CryptoKey with its algorithm, or a JWK. */
  publicKey: CryptoKey | JsonWebKey | { alg: SigningAlgorithm; key: CryptoKey };
  now?: AsOf;
  /** When given, the packet's `aud` must equal it. */
  audience?: string;
}

const skewSeconds = 60;

function result(problems: ShareProblem[], payload?: Record<string, unknown>): VerifiedShare {
  const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? new Date(v * 1000).toISOString() : null);
  return {
    valid: false,
    claims: {},
    problems,
    issuer: typeof payload?.iss === 'string' ? payload.iss : null,
    audience: typeof payload?.aud === 'string' ? payload.aud : null,
    issuedAt: time(payload?.iat),
    expiresAt: time(payload?.exp),
  };
}

function parseJson(segment: string, path: string): unknown {
  try {
    return JSON.parse(fromUtf8(fromBase64url(segment, path), path));
  } catch (e) {
    if (e instanceof SelfCrmError) throw e;
    throw new SelfCrmError('E_PARSE', 'not JSON', path);
  }
}

function checkTerms(value: unknown): value is ClaimTerms {
  return (
    isPlainObject(value) &&
    (value.level === 'copied' || value.level === 'borrowed') &&
    typeof value.purpose === 'string' &&
    value.retention === (value.level === 'borrowed' ? 'none' : 'keep') &&
    (value.exp === undefined || (typeof value.exp === 'number' && Number.isFinite(value.exp)))
  );
}

/**
 * Verifies a packet from `share`. Never throws for a bad packet: it reports what is wrong.
 * @throws SelfCrmError E_SCHEMA only when the arguments themselves are unusable (not a string, bad key).
 */
export async function verifyShare(packet: string, options: VerifyOptions): Promise<VerifiedShare> {
  if (typeof packet !== 'string') throw new SelfCrmError('E_SCHEMA', 'a packet must be a string', '/packet');
  if (!isPlainObject(options)) throw new SelfCrmError('E_SCHEMA', 'options must be an object', '');
  const { alg, key } = await verifyingKey(options.publicKey);
  const now = Math.floor(nowOf(options).getTime() / 1000);
  if (options.audience !== undefined && typeof options.audience !== 'string') throw new SelfCrmError('E_SCHEMA', 'audience must be a string', '/audience');

  const parts = packet.trim().split('~');
  const jws = parts[0] ?? '';
  const segments = jws.split('.');
  if (parts.length < 2 || parts[parts.length - 1] !== '' || segments.length !== 3) {
    return result([{ kind: 'malformed', message: 'expected <JWS>~<disclosure>~…~ with no key-binding JWT' }]);
  }
  let header: unknown;
  let payload: unknown;
  let signature: Uint8Array<ArrayBuffer>;
  try {
    header = parseJson(segments[0] as string, '/header');
    payload = parseJson(segments[1] as string, '/payload');
    signature = fromBase64url(segments[2] as string, '/signature');
  } catch (e) {
    return result([{ kind: 'malformed', message: (e as Error).message }]);
  }
  // Explicit typing (RFC 8725 §3.11): a JWS made for something else is not a packet.
  if (!isPlainObject(header) || header.alg !== alg || header.typ !== packetType || !isPlainObject(payload)) {
    return result([{ kind: 'malformed', message: `the header must have alg ${alg} and typ ${packetType}, the payload be an object` }]);
  }
  const signed = utf8(`${segments[0]}.${segments[1]}`);
  const ok = await subtle().verify(signParams(alg), key, signature, signed).catch(() => false);
  if (!ok) return result([{ kind: 'signature', message: 'the signature does not verify with this key' }], payload);

  const sd = payload._sd;
  const terms = payload.terms;
  if (payload._sd_alg !== 'sha-256' || !Array.isArray(sd) || !sd.every((d) => typeof d === 'string') || !isPlainObject(terms) ||
      typeof payload.exp !== 'number' || typeof payload.iat !== 'number' || typeof payload.aud !== 'string') {
    return result([{ kind: 'malformed', message: 'the payload needs _sd_alg sha-256, _sd, terms, aud, iat and exp' }], payload);
  }
  const fatal: ShareProblem[] = [];
  if (payload.exp <= now) fatal.push({ kind: 'expired', message: 'the packet has expired' });
  if (payload.iat > now + skewSeconds) fatal.push({ kind: 'not-yet-valid', message: 'the packet was issued in the future' });
  if (options.audience !== undefined && payload.aud !== options.audience) {
    fatal.push({ kind: 'audience', message: `the packet is for ${payload.aud}, not ${options.audience}` });
  }
  if (fatal.length) return result(fatal, payload);
  return checkDisclosures(parts.slice(1, -1), sd as string[], terms, payload, now);
}

async function checkDisclosures(
  disclosures: string[],
  sd: string[],
  terms: Record<string, unknown>,
  payload: Record<string, unknown>,
  now: number,
): Promise<VerifiedShare> {
  const out = result([], payload);
  const problems = out.problems;
  const seenDigests = new Set<string>();
  // A Map, not an object: a claim named "__proto__" must not reach a prototype.
  const claims = new Map<string, VerifiedClaim>();
  const hasTerms = (claim: string) => Object.prototype.hasOwnProperty.call(terms, claim);
  let lastPosition = -1;
  for (let index = 0; index < disclosures.length; ++index) {
    const disclosure = disclosures[index] as string;
    let parsed: unknown;
    try {
      parsed = parseJson(disclosure, `/disclosures/${index}`);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') {
      problems.push({ kind: 'malformed-disclosure', index, message: 'a disclosure must be [salt, name, value]' });
      continue;
    }
    const claim = parsed[1] as string;
    const digest = await sha256(disclosure);
    const position = sd.indexOf(digest);
    if (position < 0) {
      problems.push({ kind: 'unknown-disclosure', index, claim, message: 'the signed payload does not list this disclosure' });
      continue;
    }
    if (seenDigests.has(digest) || claims.has(claim)) {
      problems.push({ kind: 'duplicate-disclosure', index, claim, message: 'this claim is disclosed twice' });
      continue;
    }
    seenDigests.add(digest);
    if (position < lastPosition) problems.push({ kind: 'reordered', index, claim, message: 'disclosures are out of the signed order' });
    lastPosition = Math.max(lastPosition, position);
    const term = hasTerms(claim) ? terms[claim] : undefined;
    if (!checkTerms(term)) {
      problems.push({ kind: 'malformed', index, claim, message: 'the payload has no valid terms for this claim' });
      continue;
    }
    if (term.exp !== undefined && term.exp <= now) {
      problems.push({ kind: 'claim-expired', index, claim, message: 'the grant for this claim has ended' });
      continue;
    }
    claims.set(claim, {
      value: parsed[2] as ClaimValue,
      level: term.level,
      purpose: term.purpose,
      retention: term.retention,
      expiresAt: term.exp === undefined ? null : new Date(term.exp * 1000).toISOString(),
    });
  }
  for (const claim of Object.keys(terms)) {
    const disclosed = claims.has(claim) || problems.some((p) => p.claim === claim && p.kind !== 'unknown-disclosure');
    if (!disclosed) problems.push({ kind: 'missing-disclosure', claim, message: 'the packet lists this claim but does not disclose it' });
  }
  out.claims = Object.fromEntries(claims);
  out.valid = problems.length === 0;
  return out;
}
