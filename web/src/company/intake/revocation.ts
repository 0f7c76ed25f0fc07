// The company's check of a customer's revocation (share/revocation.ts): signed by the key in its
// header, whose thumbprint is the `iss` (the same pairwise holder id its presentations carry), for
// this origin, not from the future. No freshness limit: a revocation is honoured whenever it
// arrives, and replaying an old one withdraws nothing granted after it (its `iat` bounds it).
import type { AsOf } from '../../runtime/time.js';
import { checkClaimName } from '../../share/claims.js';
import { sha256 } from '../../share/encoding.js';
import { isNumericDate } from '../../share/jws_checks.js';
import { maxRevokedClaims, revocationType } from '../../share/revocation.js';
import { importJwk, jwkThumbprint, parseJws, thumbprintUri, verifyJws } from '../../share/sdjwt.js';
import { nowOf } from '../../share/time.js';

export interface VerifiedRevocation {
  /** The pairwise holder id (`iss`). */
  holder: string;
  /** Claim names revoked, or ["*"]. */
  claims: string[];
  /** When the customer revoked (seconds since the epoch): claims received up to then lose their grant. */
  at: number;
  /** base64url SHA-256 of the JWS: the same revocation twice is one. */
  digest: string;
}

const maxLength = 16_384;

function isClaimName(c: unknown): boolean {
  try {
    checkClaimName(c, '/revoke');
    return true;
  } catch {
    return false;
  }
}
const skew = 60;

/** The revocation, or the reason it is refused (a string). Never throws. */
export async function verifyRevocation(token: unknown, options: { origin: string; now?: AsOf }): Promise<VerifiedRevocation | string> {
  if (typeof token !== 'string' || token.length > maxLength) return `a revocation is a compact JWS of at most ${maxLength} characters`;
  let jws;
  try {
    jws = parseJws(token, '/revocation', 2048);
  } catch (e) {
    return `unreadable: ${(e as Error).message}`;
  }
  const { header, payload } = jws;
  if (header.typ !== revocationType) return `typ must be ${revocationType}`;
  const key = await importJwk(header.jwk);
  if (!key || key.alg !== header.alg) return 'the header jwk is not an Ed25519 or P-256 key matching alg';
  if (!(await verifyJws(jws, key.alg, key.key))) return 'the signature does not verify with the header key';
  const holder = thumbprintUri(await jwkThumbprint(header.jwk as JsonWebKey));
  if (payload.iss !== holder) return 'iss is not the thumbprint URI of the signing key';
  if (payload.aud !== `origin:${options.origin}`) return `the revocation is for ${String(payload.aud)}, not origin:${options.origin}`;
  const now = Math.floor(nowOf(options).getTime() / 1000);
  if (!isNumericDate(payload.iat) || payload.iat > now + skew) return 'iat is not a date in the past';
  const claims = payload.revoke;
  if (!Array.isArray(claims) || claims.length === 0 || claims.length > maxRevokedClaims) return `revoke lists 1-${maxRevokedClaims} claim names or "*"`;
  const all = claims.length === 1 && claims[0] === '*';
  if (!all && !claims.every(isClaimName)) return 'revoke names a claim that is not a SelfCRM claim name';
  if (new Set(claims).size !== claims.length) return 'revoke names a claim twice';
  return { holder, claims: claims as string[], at: payload.iat, digest: await sha256(token) };
}
