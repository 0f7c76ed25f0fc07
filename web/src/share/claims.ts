// What can be shared: a raw attribute by JSON Pointer into the profile, or a claim derived on the
// device (persona, segment membership, score band). A ClaimSource resolves either to a value; the
// vault provides one, and tests build one from plain objects.
import { SelfCrmError } from '../runtime/errors.js';
import { claimNameProblem } from './claim_names.js';
import { isPlainObject } from './encoding.js';

/** A JSON value as it can appear in a disclosure. */
export type ClaimValue = string | number | boolean | null | ClaimValue[] | { [key: string]: ClaimValue };

/**
 * Resolves a claim name to its current value, or `undefined` when the customer has none.
 * Raw claims are JSON Pointers into the profile (`/personal/name`, `/identities/email/primary`);
 * derived claims are `persona`, `segment:<id>`, `band:<score>` (e.g. `band:clv`), `nps:category`,
 * `rfm:segment`, `feedback:complaint|churn|sentiment|degree`: they resolve to the computed label
 * only, never to the history behind it.
 */
export interface ClaimSource {
  resolve(claim: string): ClaimValue | undefined | Promise<ClaimValue | undefined>;
}

const derivedPattern = /^(persona|nps:category|rfm:segment|feedback:(complaint|churn|sentiment|degree)|segment:[A-Za-z0-9_.-]{1,64}|band:[A-Za-z0-9_.-]{1,64})$/;
// RFC 6901: "/"-separated tokens where "~" only appears as "~0" or "~1".
const pointerPattern = /^(\/([^~/]|~[01])*)+$/;

/** True for a derived claim name such as `persona` or `segment:evangelist`. */
export function isDerivedClaim(claim: string): boolean {
  return derivedPattern.test(claim);
}

/** Throws E_SCHEMA unless `claim` is a raw JSON Pointer (≤ 256 chars, printable NFC) or a derived claim name. */
export function checkClaimName(claim: unknown, path: string): string {
  if (typeof claim !== 'string') throw new SelfCrmError('E_SCHEMA', 'a claim must be a string', path);
  const problem = claimNameProblem(claim);
  if (problem) throw new SelfCrmError('E_SCHEMA', problem, path);
  if (!(derivedPattern.test(claim) || pointerPattern.test(claim))) {
    throw new SelfCrmError(
      'E_SCHEMA',
      'a claim is a JSON Pointer such as "/personal/name" or one of persona, segment:<id>, band:<score>, nps:category, rfm:segment, feedback:complaint|churn|sentiment|degree',
      path,
    );
  }
  return claim;
}

function resolvePointer(document: unknown, pointer: string): ClaimValue | undefined {
  let node: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(token)) node = node[Number(token)];
    else if (isPlainObject(node) && Object.prototype.hasOwnProperty.call(node, token)) node = node[token];
    else return undefined;
  }
  return node as ClaimValue | undefined;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * A ClaimSource over plain data: raw claims are looked up in `profile` by JSON Pointer, derived
 * claims in `derived` by name. Derived values must be scalars (a label, a flag, a band), so a
 * derived claim can never carry the raw records it was computed from.
 * @throws SelfCrmError E_SCHEMA at `/derived/<name>` for a bad name or a non-scalar value.
 */
export function claimSourceFromObjects(profile: unknown, derived: Record<string, unknown> = {}): ClaimSource {
  if (!isPlainObject(derived)) throw new SelfCrmError('E_SCHEMA', 'derived claims must be an object', '/derived');
  const labels = new Map<string, string | number | boolean>();
  for (const [name, value] of Object.entries(derived)) {
    const path = `/derived/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!isDerivedClaim(name)) throw new SelfCrmError('E_SCHEMA', 'not a derived claim name', path);
    if (!isScalar(value)) throw new SelfCrmError('E_SCHEMA', 'a derived claim must be a string, number or boolean', path);
    labels.set(name, value);
  }
  const snapshot: unknown = profile === undefined ? {} : JSON.parse(JSON.stringify(profile));
  return {
    resolve(claim: string) {
      return claim.startsWith('/') ? resolvePointer(snapshot, claim) : labels.get(claim);
    },
  };
}
