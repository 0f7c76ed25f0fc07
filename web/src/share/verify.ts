// Checking a disclosure packet on the recipient's side: signature, digests, terms and expiry.
// Every problem is reported; only claims whose disclosure is intact, listed and in force are returned.
import { SelfCrmError } from '../runtime/errors.js';
import { claimNameProblem, nullPrototypeRecord } from './claim_names.js';
import type { ClaimValue } from './claims.js';
import { fromBase64url, isCryptoKey, isPlainObject, sha256, subtle, utf8 } from './encoding.js';
import { maxBorrowedSeconds } from './grants.js';
import { critProblem, decodeJsonSegment, isLowS, isNumericDate, isoFromSeconds } from './jws_checks.js';
import { importPublicKey, signParams, type SigningAlgorithm } from './keys.js';
import { packetType, type ClaimTerms } from './packet.js';
import { nowOf } from './time.js';
import type { AsOf } from '../runtime/time.js';
import { countUpTo, resolveVerifyLimits, type VerifyLimits } from './verify_limits.js';

/** What went wrong with a packet, one entry per finding. */
export type ShareProblemKind =
  | 'malformed' // not an SD-JWT we can read; nothing else was checked
  | 'too-large' // beyond a size or count limit (VerifyLimits); nothing else was checked
  | 'signature' // the issuer's signature does not verify (payload or signature changed, wrong key, high-S ES256)
  | 'expired' // the packet's exp has passed
  | 'not-yet-valid' // issued in the future, or its nbf is still ahead (beyond 60 s of clock skew)
  | 'audience' // addressed to someone else
  | 'malformed-disclosure' // a disclosure is not base64url JSON [salt, name, value], or its name is unacceptable
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
  /** The intact claims in force (empty when the signature, expiry or audience fail); a null-prototype object. */
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
  /** Size and count bounds checked before anything else (defaults: `defaultVerifyLimits`). */
  limits?: Partial<VerifyLimits>;
}

const skewSeconds = 60;

function result(problems: ShareProblem[], payload?: Record<string, unknown>): VerifiedShare {
  return {
    valid: false,
    claims: nullPrototypeRecord([]),
    problems,
    issuer: typeof payload?.iss === 'string' ? payload.iss : null,
    audience: typeof payload?.aud === 'string' ? payload.aud : null,
    issuedAt: isoFromSeconds(payload?.iat),
    expiresAt: isoFromSeconds(payload?.exp),
  };
}

// The grant rules, held against the signed terms: a borrowed claim has an expiry within
// maxBorrowedSeconds of issue (plus the clock skew), a copied one may have none.
function termsProblem(value: unknown, iat: number): string | null {
  if (!isPlainObject(value) || (value.level !== 'copied' && value.level !== 'borrowed') || typeof value.purpose !== 'string' ||
      value.retention !== (value.level === 'borrowed' ? 'none' : 'keep')) {
    return 'the payload has no valid terms for this claim';
  }
  if (value.exp !== undefined && !isNumericDate(value.exp)) return 'the expiry in this claim\'s terms is not a date';
  if (value.level === 'borrowed') {
    if (value.exp === undefined) return 'a borrowed claim needs an expiry';
    if ((value.exp as number) - iat > maxBorrowedSeconds + skewSeconds) return `a borrowed claim is lent for at most ${maxBorrowedSeconds / 86_400} days`;
  }
  return null;
}

function tooLarge(message: string): VerifiedShare {
  return result([{ kind: 'too-large', message }]);
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
  const limits = resolveVerifyLimits(options.limits);

  // Bounds first: nothing below costs more than these allow.
  if (packet.length > limits.maxPacketLength) return tooLarge(`the packet is longer than ${limits.maxPacketLength} characters`);
  if (countUpTo(packet, '~', limits.maxDisclosures + 1) > limits.maxDisclosures + 1) {
    return tooLarge(`the packet has more than ${limits.maxDisclosures} disclosures`);
  }
  const parts = packet.trim().split('~');
  const jws = parts[0] ?? '';
  const segments = jws.split('.');
  if (parts.length < 2 || parts[parts.length - 1] !== '' || segments.length !== 3) {
    return result([{ kind: 'malformed', message: 'expected <JWS>~<disclosure>~…~ with no key-binding JWT' }]);
  }
  if ((segments[0] as string).length > limits.maxHeaderLength) return tooLarge(`the header is longer than ${limits.maxHeaderLength} characters`);
  let header: unknown;
  let payload: unknown;
  let signature: Uint8Array<ArrayBuffer>;
  try {
    header = decodeJsonSegment(segments[0] as string, '/header');
    signature = fromBase64url(segments[2] as string, '/signature');
  } catch (e) {
    return result([{ kind: 'malformed', message: (e as Error).message }]);
  }
  // Explicit typing (RFC 8725 §3.11): a JWS made for something else is not a packet.
  if (!isPlainObject(header) || header.alg !== alg || header.typ !== packetType) {
    return result([{ kind: 'malformed', message: `the header must have alg ${alg} and typ ${packetType}` }]);
  }
  const crit = critProblem(header);
  if (crit) return result([{ kind: 'malformed', message: crit }]);
  // ECDSA signatures are malleable: only the low-S form is accepted, so one packet has one digest.
  if (alg === 'ES256' && !isLowS(signature)) return result([{ kind: 'signature', message: 'an ES256 signature must be 64 bytes with a low S' }]);
  const signed = utf8(`${segments[0]}.${segments[1]}`);
  const ok = await subtle().verify(signParams(alg), key, signature, signed).catch(() => false);
  if (!ok) return result([{ kind: 'signature', message: 'the signature does not verify with this key' }]);
  try {
    payload = decodeJsonSegment(segments[1] as string, '/payload');
  } catch (e) {
    return result([{ kind: 'malformed', message: (e as Error).message }]);
  }
  if (!isPlainObject(payload)) return result([{ kind: 'malformed', message: 'the payload must be an object' }]);

  const sd = payload._sd;
  const terms = payload.terms;
  if (payload._sd_alg !== 'sha-256' || !Array.isArray(sd) || !sd.every((d) => typeof d === 'string') || !isPlainObject(terms) ||
      !isNumericDate(payload.exp) || !isNumericDate(payload.iat) || typeof payload.aud !== 'string' ||
      (payload.nbf !== undefined && !isNumericDate(payload.nbf))) {
    return result([{ kind: 'malformed', message: 'the payload needs _sd_alg sha-256, _sd, terms, aud, and iat, exp (and any nbf) as dates' }], payload);
  }
  if (sd.length > limits.maxDisclosures || Object.keys(terms).length > limits.maxDisclosures) {
    return result([{ kind: 'too-large', message: `the payload lists more than ${limits.maxDisclosures} claims` }], payload);
  }
  const fatal: ShareProblem[] = [];
  if (payload.exp <= now) fatal.push({ kind: 'expired', message: 'the packet has expired' });
  if (payload.iat > now + skewSeconds) fatal.push({ kind: 'not-yet-valid', message: 'the packet was issued in the future' });
  if (payload.nbf !== undefined && (payload.nbf as number) > now + skewSeconds) fatal.push({ kind: 'not-yet-valid', message: 'the packet is not valid before its nbf' });
  if (options.audience !== undefined && payload.aud !== options.audience) {
    fatal.push({ kind: 'audience', message: `the packet is for ${payload.aud}, not ${options.audience}` });
  }
  if (fatal.length) return result(fatal, payload);
  return checkDisclosures(parts.slice(1, -1), sd as string[], terms, payload, now, limits);
}

async function checkDisclosures(
  disclosures: string[],
  sd: string[],
  terms: Record<string, unknown>,
  payload: Record<string, unknown>,
  now: number,
  limits: VerifyLimits,
): Promise<VerifiedShare> {
  const out = result([], payload);
  const problems = out.problems;
  const iat = payload.iat as number;
  // Digest → first position in `_sd`: one lookup per disclosure, so matching is linear.
  const positions = new Map<string, number>();
  sd.forEach((digest, position) => {
    if (!positions.has(digest)) positions.set(digest, position);
  });
  const seenDigests = new Set<string>();
  // Claims that were disclosed, well or badly: the rest of `terms` is missing.
  const mentioned = new Set<string>();
  // A Map, not an object: a claim named "__proto__" must not reach a prototype.
  const claims = new Map<string, VerifiedClaim>();
  const hasTerms = (claim: string) => Object.prototype.hasOwnProperty.call(terms, claim);
  let lastPosition = -1;
  for (let index = 0; index < disclosures.length; ++index) {
    const disclosure = disclosures[index] as string;
    let parsed: unknown;
    try {
      parsed = decodeJsonSegment(disclosure, `/disclosures/${index}`);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') {
      problems.push({ kind: 'malformed-disclosure', index, message: 'a disclosure must be [salt, name, value]' });
      continue;
    }
    const claim = parsed[1] as string;
    const digest = await sha256(disclosure);
    const position = positions.get(digest);
    if (position === undefined) {
      problems.push({ kind: 'unknown-disclosure', index, claim, message: 'the signed payload does not list this disclosure' });
      continue;
    }
    mentioned.add(claim);
    const nameProblem = claimNameProblem(claim, limits.maxClaimNameLength);
    if (nameProblem) {
      problems.push({ kind: 'malformed-disclosure', index, claim, message: nameProblem });
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
    const termProblem = termsProblem(term, iat);
    if (termProblem) {
      problems.push({ kind: 'malformed', index, claim, message: termProblem });
      continue;
    }
    const { level, purpose, retention, exp } = term as ClaimTerms;
    if (exp !== undefined && exp <= now) {
      problems.push({ kind: 'claim-expired', index, claim, message: 'the grant for this claim has ended' });
      continue;
    }
    claims.set(claim, { value: parsed[2] as ClaimValue, level, purpose, retention, expiresAt: isoFromSeconds(exp) });
  }
  for (const claim of Object.keys(terms)) {
    if (!claims.has(claim) && !mentioned.has(claim)) problems.push({ kind: 'missing-disclosure', claim, message: 'the packet lists this claim but does not disclose it' });
  }
  out.claims = nullPrototypeRecord(claims);
  out.valid = problems.length === 0;
  return out;
}
