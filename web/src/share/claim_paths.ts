// SelfCRM claim names as DCQL claim paths, and back: the raw claim `/personal/name` is the path
// ["personal", "name"]; the derived `persona` is ["persona"], `band:clv` is ["band", "clv"],
// `segment:evangelist` is ["segment", "evangelist"]. One name, one path, both ways.
import { SelfCrmError } from '../runtime/errors.js';
import { claimNameProblem } from './claim_names.js';
import { checkClaimName, isDerivedClaim } from './claims.js';

/** The SD-JWT VC type of a SelfCRM presentation (its `vct`). */
export const selfcrmVct = 'urn:selfcrm:vct:customer-claims:1';

const derivedHeads = new Set(['persona', 'segment', 'band', 'nps', 'rfm', 'feedback']);
// Members an SD-JWT VC payload gives a meaning of its own: no claim may take their place.
const reserved = new Set(['iss', 'sub', 'aud', 'iat', 'nbf', 'exp', 'jti', 'vct', 'vct#integrity', 'cnf', 'status', '_sd', '_sd_alg', '...', 'selfcrm_terms']);

/** The DCQL path of a claim name. @throws E_SCHEMA for a bad name or a raw pointer under a derived head. */
export function pathOfClaim(claim: string, at = '/claim'): string[] {
  checkClaimName(claim, at);
  if (isDerivedClaim(claim)) {
    const cut = claim.indexOf(':');
    return cut < 0 ? [claim] : [claim.slice(0, cut), claim.slice(cut + 1)];
  }
  const path = claim.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (path.some((p) => reserved.has(p) || p === '')) throw new SelfCrmError('E_SCHEMA', 'a raw claim cannot use a reserved SD-JWT member name or an empty step', at);
  // Each step becomes a member name in the credential: `/personal/constructor` is as unwelcome as `constructor`.
  const step = path.map((p) => claimNameProblem(p)).find((q) => q !== null);
  if (step) throw new SelfCrmError('E_SCHEMA', `a step of this claim: ${step}`, at);
  if (derivedHeads.has(path[0] as string)) throw new SelfCrmError('E_SCHEMA', `a raw claim cannot start with /${path[0]}: that name is a derived claim's`, at);
  return path;
}

/** The claim name of a DCQL path, or null when the path names no SelfCRM claim. */
export function claimOfPath(path: unknown): string | null {
  if (!Array.isArray(path) || path.length === 0 || !path.every((p) => typeof p === 'string' && p !== '')) return null;
  const head = path[0] as string;
  let claim: string;
  if (derivedHeads.has(head)) claim = path.length === 1 ? head : path.length === 2 ? `${head}:${path[1]}` : '';
  else claim = `/${(path as string[]).map((t) => t.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
  try {
    return claim !== '' && pathOfClaim(claim).join('\u0000') === path.join('\u0000') ? claim : null;
  } catch {
    return null;
  }
}
