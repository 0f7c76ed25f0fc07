// Building an SD-JWT (RFC 9901) disclosure packet: one salted disclosure per shared claim, their
// SHA-256 digests in the signed payload's `_sd`, terms per claim in the payload.
import { SelfCrmError } from '../runtime/errors.js';
import type { ClaimSource, ClaimValue } from './claims.js';
import { base64url, isCryptoKey, isPlainObject, randomBytes, sha256, subtle, utf8 } from './encoding.js';
import { checkGrants, checkRecipient, isGrantActive, type Grant, type Recipient } from './grants.js';
import { canonicalJson } from './jcs.js';
import { toLowS } from './jws_checks.js';
import { signParams, type SigningKeyPair } from './keys.js';
import { nowOf, toSeconds } from './time.js';
import type { AsOf } from '../runtime/time.js';

/** The machine-readable terms of one shared claim, in the payload's `terms` object. */
export interface ClaimTerms {
  level: 'copied' | 'borrowed';
  purpose: string;
  /** `none` for borrowed (must not be kept), `keep` for copied. */
  retention: 'none' | 'keep';
  /** Seconds since the epoch when the grant ends; absent when it has no end. */
  exp?: number;
}

/** One claim a packet carries. */
export interface SharedClaim {
  claim: string;
  grantId: string;
  level: 'copied' | 'borrowed';
  purpose: string;
  expiresAt: string | null;
}

/** A granted claim left out of a packet, and why. */
export interface WithheldClaim {
  claim: string;
  grantId: string;
  /** `no-value`: the customer has no value for the claim now (e.g. no persona matches today). */
  reason: 'no-value';
  message: string;
}

/** A packet and what it holds (the value of no claim is repeated here). */
export interface SharePacket {
  /** The SD-JWT: `<JWS>~<disclosure>~…~`. */
  packet: string;
  /** base64url SHA-256 of `packet`, for the ledger. */
  digest: string;
  recipient: Recipient;
  claims: SharedClaim[];
  /** Live grants for this recipient whose claim had no value at sharing time: not in the packet. */
  withheld: WithheldClaim[];
  issuedAt: string;
  expiresAt: string;
}

export interface ShareOptions {
  now?: AsOf;
  /** How long the packet itself may be presented, in seconds (default 3600, at most one year). */
  validFor?: number;
  /** The packet's `iss`, e.g. the vault's identifier; omitted when not given. */
  issuer?: string;
}

/** The JWS `typ` of our packets. */
export const packetType = 'selfcrm-share+sd-jwt';

function b64json(value: unknown): string {
  return base64url(utf8(JSON.stringify(value)));
}

async function resolveValue(source: ClaimSource, claim: string, path: string): Promise<ClaimValue | undefined> {
  const value = await source.resolve(claim);
  if (value !== undefined) canonicalJson(value, path); // throws E_SCHEMA for anything that is not JSON
  return value;
}

/**
 * The SD-JWT for `recipient` holding exactly the live copied and borrowed grants for it; owned and
 * displayed claims, other recipients' grants, and revoked or expired grants are left out. A granted
 * claim the customer has no value for right now (a persona when none matches, an attribute since
 * removed) is left out too and listed in `withheld`: one missing claim does not stop the others.
 * When every claim is withheld the packet holds no disclosure: the recipient learns that the
 * customer answered, with nothing for those grants yet.
 * @throws SelfCrmError E_SCHEMA/E_CONFLICT for bad grants (path under `/grants`), E_EMPTY when no
 *   live copied or borrowed grant exists for the recipient.
 * @internal `Sharing#share`'s step: the public way records the packet in the ledger.
 */
export async function share(
  recipient: Recipient,
  grants: readonly Grant[],
  claims: ClaimSource,
  keyPair: SigningKeyPair,
  options: ShareOptions = {},
): Promise<SharePacket> {
  const to = checkRecipient(recipient);
  const all = checkGrants(grants);
  if (!claims || typeof claims.resolve !== 'function') throw new SelfCrmError('E_SCHEMA', 'claims must be a ClaimSource', '/claims');
  if (!isPlainObject(keyPair) || !isCryptoKey(keyPair.privateKey) || !['EdDSA', 'ES256'].includes(keyPair.alg)) throw new SelfCrmError('E_SCHEMA', 'keyPair must come from createKeyPair or importKeyPair', '/keyPair');
  const now = nowOf(options);
  const validFor = options.validFor ?? 3600;
  if (!Number.isInteger(validFor) || validFor < 1 || validFor > 31_536_000) throw new SelfCrmError('E_RANGE', 'validFor is 1 to 31536000 seconds', '/validFor');
  if (options.issuer !== undefined && (typeof options.issuer !== 'string' || options.issuer === '')) throw new SelfCrmError('E_SCHEMA', 'issuer must be a non-empty string', '/issuer');

  const chosen: { grant: Grant; index: number }[] = [];
  all.forEach((grant, index) => {
    if (grant.recipient.id !== to.id || !isGrantActive(grant, now)) return;
    if (grant.level === 'copied' || grant.level === 'borrowed') chosen.push({ grant, index });
  });
  if (chosen.length === 0) throw new SelfCrmError('E_EMPTY', `no live copied or borrowed grant for ${to.id}`, '/grants');

  const entries: { digest: string; disclosure: string }[] = [];
  const terms: Record<string, ClaimTerms> = {};
  const shared: SharedClaim[] = [];
  const withheld: WithheldClaim[] = [];
  for (const { grant, index } of chosen) {
    const value = await resolveValue(claims, grant.claim, `/grants/${index}/claim`);
    if (value === undefined) {
      withheld.push({ claim: grant.claim, grantId: grant.id, reason: 'no-value', message: `the customer has no value for ${grant.claim} at sharing time` });
      continue;
    }
    const disclosure = b64json([base64url(randomBytes(16)), grant.claim, value]);
    entries.push({ digest: await sha256(disclosure), disclosure });
    const level = grant.level as 'copied' | 'borrowed';
    terms[grant.claim] = {
      level,
      purpose: grant.purpose,
      retention: level === 'borrowed' ? 'none' : 'keep',
      ...(grant.expiresAt === null ? {} : { exp: toSeconds(grant.expiresAt) }),
    };
    shared.push({ claim: grant.claim, grantId: grant.id, level, purpose: grant.purpose, expiresAt: grant.expiresAt });
  }
  // Sorted digests hide the grants' order (RFC 9901 §4.2.4.1); disclosures follow the same order.
  entries.sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));

  const iat = toSeconds(now);
  const payload = {
    ...(options.issuer === undefined ? {} : { iss: options.issuer }),
    aud: to.id,
    iat,
    exp: iat + validFor,
    jti: base64url(randomBytes(16)),
    _sd_alg: 'sha-256',
    _sd: entries.map((e) => e.digest),
    terms,
  };
  const signingInput = `${b64json({ alg: keyPair.alg, typ: packetType })}.${b64json(payload)}`;
  let signature: Uint8Array;
  try {
    signature = new Uint8Array(await subtle().sign(signParams(keyPair.alg), keyPair.privateKey, utf8(signingInput)));
    // Verifiers accept only low-S ES256 (one packet, one digest).
    if (keyPair.alg === 'ES256') signature = toLowS(signature);
  } catch (e) {
    throw new SelfCrmError('E_SCHEMA', `the key cannot sign as ${keyPair.alg}: ${(e as Error).message}`, '/keyPair');
  }
  const packet = `${signingInput}.${base64url(signature)}~${entries.map((e) => `${e.disclosure}~`).join('')}`;
  return {
    packet,
    digest: await sha256(packet),
    recipient: to,
    claims: shared,
    withheld,
    issuedAt: new Date(iat * 1000).toISOString(),
    expiresAt: new Date((iat + validFor) * 1000).toISOString(),
  };
}
