// The holder's revocation, sent to the company the way a presentation is: a compact JWS signed by
// the same pairwise key that signed what it revokes, for that origin only (`aud`), naming the
// claims withdrawn ("*": every claim given to this origin). A company cannot tell it from any
// other message of this customer except by that key, so it links nothing a presentation did not.
import { SelfCrmError } from '../runtime/errors.js';
import type { AsOf } from '../runtime/time.js';
import { checkClaimName } from './claims.js';
import { base64url, randomBytes } from './encoding.js';
import type { PairwiseKey } from './pairwise.js';
import { signJws, thumbprintUri } from './sdjwt.js';
import { nowOf } from './time.js';

/** The JWS `typ` of a revocation: no presentation verifier accepts it as a credential. */
export const revocationType = 'selfcrm-revocation+jwt';

/** At most this many claims named in one revocation (more: use "*"). */
export const maxRevokedClaims = 256;

export interface RevocationOptions {
  /** Claim names (`/personal/name`, `persona`), or ["*"] for everything given to the key's origin. */
  claims: string[];
  now?: AsOf;
}

/**
 * A signed revocation of `claims` for the origin of `key` (the origin's pairwise key): every copy
 * of those claims the company received at or before this instant loses its grant.
 * @throws SelfCrmError E_SCHEMA for a bad claim name or list.
 * @internal `Sharing#withdraw`'s step: the public way revokes and records the grants it names.
 */
export async function createRevocation(key: PairwiseKey, options: RevocationOptions): Promise<string> {
  const claims = options?.claims;
  if (!Array.isArray(claims) || claims.length === 0 || claims.length > maxRevokedClaims) {
    throw new SelfCrmError('E_SCHEMA', `claims is a list of 1-${maxRevokedClaims} claim names, or ["*"]`, '/claims');
  }
  const all = claims.length === 1 && claims[0] === '*';
  if (!all) claims.forEach((c, i) => checkClaimName(c, `/claims/${i}`));
  if (!all && new Set(claims).size !== claims.length) throw new SelfCrmError('E_SCHEMA', 'the same claim twice', '/claims');
  const iat = Math.floor(nowOf(options).getTime() / 1000);
  const payload = { iss: thumbprintUri(key.thumbprint), aud: `origin:${key.origin}`, iat, jti: base64url(randomBytes(16)), revoke: [...claims].sort() };
  return signJws(key.alg, key.privateKey, { typ: revocationType, jwk: key.publicJwk }, payload);
}
