// The holder's side: a self-issued SD-JWT VC (`typ: dc+sd-jwt`) holding exactly the approved
// claims, each selectively disclosable, bound by `cnf` to the pairwise key of the requesting
// origin, presented with a Key Binding JWT for the request's nonce and the origin as audience.
import { SelfCrmError } from '../runtime/errors.js';
import type { AsOf } from '../runtime/time.js';
import { claimOfPath, pathOfClaim, selfcrmVct } from './claim_paths.js';
import type { ClaimValue } from './claims.js';
import { isPlainObject, sha256 } from './encoding.js';
import { canonicalJson } from './jcs.js';
import { checkOrigin, type PairwiseKey } from './pairwise.js';
import { checkRequest, requestedClaims, termsMember, type ComputedWith, type DisclosureTerms, type PresentationRequest } from './request.js';
import { makeDisclosure, sdHash, signJws, thumbprintUri } from './sdjwt.js';
import { nowOf } from './time.js';

/** What the customer approved for one credential query: claim names and their current values. */
export interface ApprovedClaim {
  claim: string;
  value: ClaimValue;
  computedWith?: ComputedWith;
}

export interface PresentationResult {
  /** The OpenID4VP response: `{ vp_token: { <credential query id>: [<presentation>] } }`. */
  response: { vp_token: Record<string, string[]>; state?: string };
  /** Per presentation, what the ledger records (no values). */
  records: { credential: string; digest: string; disclosures: { claim: string; digest: string; level: 'copied' | 'borrowed'; purpose: string; expiresAt: string | null }[] }[];
  /** base64url SHA-256 of the RFC 8785 form of the DCQL query. */
  queryHash: string;
  /** When the presented credentials expire (ISO-8601). */
  expiresAt: string;
}

/** base64url SHA-256 of the canonical DCQL query: the ledger names a request by it. */
export const queryHash = (request: PresentationRequest): Promise<string> => sha256(canonicalJson(request.dcql_query));

/** Puts `digest` into the nested `_sd` array for `path` (plain objects on the way). */
function place(payload: Record<string, unknown>, path: string[], digest: string): void {
  let node = payload;
  for (const step of path.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(node, step) ? node[step] : undefined;
    if (next === undefined) node[step] = {};
    node = node[step] as Record<string, unknown>;
  }
  ((node._sd ??= []) as string[]).push(digest);
}

function sortDigests(node: Record<string, unknown>): void {
  // Sorted digests hide the order claims were added in (RFC 9901 §4.2.4.1).
  if (Array.isArray(node._sd)) (node._sd as string[]).sort();
  for (const [k, v] of Object.entries(node)) if (k !== '_sd' && isPlainObject(v)) sortDigests(v);
}

/**
 * Answers `request` for the (browser-verified) `origin` with the approved claims, signing with
 * `key` (the origin's pairwise key). Claims that were not requested are refused; requested claims
 * left out are simply not presented.
 * @throws SelfCrmError E_SCHEMA for a bad request, origin or claim; E_CONFLICT for a claim not asked
 *   for or a key of another origin; E_RANGE when the request has expired; E_EMPTY when nothing is approved.
 * @internal `Sharing#present`'s step: the public way grants and records what it presents.
 */
export async function createPresentation(
  requestInput: unknown,
  origin: string,
  approved: Record<string, ApprovedClaim[]>,
  key: PairwiseKey,
  options: { now?: AsOf; validFor?: number } = {},
): Promise<PresentationResult> {
  const request = checkRequest(requestInput);
  checkOrigin(origin);
  if (key.origin !== origin) throw new SelfCrmError('E_CONFLICT', 'this key belongs to another origin', '/key');
  if (request.response_mode === 'direct_post' && new URL(request.response_uri as string).origin !== origin) {
    throw new SelfCrmError('E_CONFLICT', 'the response_uri must be on the requesting origin', '/response_uri');
  }
  const now = Math.floor(nowOf(options).getTime() / 1000);
  if (request.expires_at <= now) throw new SelfCrmError('E_RANGE', 'the request has expired', '/expires_at');
  const validFor = options.validFor ?? 600;
  const asked = requestedClaims(request);
  const vp: Record<string, string[]> = {};
  const records: PresentationResult['records'] = [];
  for (const [credential, claims] of Object.entries(approved)) {
    if (!Array.isArray(claims) || claims.length === 0) continue;
    const payload: Record<string, unknown> = {};
    const terms: Record<string, DisclosureTerms> = {};
    const disclosures: string[] = [];
    const record: PresentationResult['records'][number] = { credential, digest: '', disclosures: [] };
    const seen = new Set<string>();
    for (const [i, item] of claims.entries()) {
      const at = `/approved/${credential}/${i}`;
      const path = pathOfClaim(item?.claim, `${at}/claim`);
      const match = asked.find((a) => a.credential.id === credential && a.claim.path.join('\u0000') === path.join('\u0000'));
      if (!match) throw new SelfCrmError('E_CONFLICT', `${item.claim} was not asked for in credential query ${credential}`, `${at}/claim`);
      if (seen.has(item.claim)) throw new SelfCrmError('E_CONFLICT', 'the same claim twice', `${at}/claim`);
      seen.add(item.claim);
      canonicalJson(item.value, `${at}/value`);
      // DCQL `values`: a claim with another value does not match the query and is not presented.
      if (match.claim.values && !match.claim.values.some((v) => v === item.value)) throw new SelfCrmError('E_CONFLICT', `the value of ${item.claim} is not one the query accepts`, `${at}/value`);
      const { disclosure, digest } = await makeDisclosure(path[path.length - 1] as string, item.value);
      place(payload, path, digest);
      disclosures.push(disclosure);
      const { level, purpose, retention, expires_at } = match.term;
      terms[digest] = { level, purpose, retention, ...(expires_at === undefined ? {} : { exp: expires_at }), ...(item.computedWith ? { computed_with: item.computedWith } : {}) };
      record.disclosures.push({ claim: claimOfPath(path) as string, digest, level, purpose, expiresAt: expires_at === undefined ? null : new Date(expires_at * 1000).toISOString() });
    }
    sortDigests(payload);
    const body = {
      iss: thumbprintUri(key.thumbprint),
      iat: now,
      exp: now + validFor,
      vct: selfcrmVct,
      cnf: { jwk: key.publicJwk },
      _sd_alg: 'sha-256',
      ...payload,
      [termsMember]: terms,
    };
    const jwt = await signJws(key.alg, key.privateKey, { typ: 'dc+sd-jwt', kid: key.thumbprint }, body);
    // Disclosures in digest order too, so their order says nothing either.
    const presented = `${jwt}~${disclosures.sort().map((d) => `${d}~`).join('')}`;
    const kb = await signJws(key.alg, key.privateKey, { typ: 'kb+jwt' }, { iat: now, aud: `origin:${origin}`, nonce: request.nonce, sd_hash: await sdHash(presented) });
    const presentation = presented + kb;
    vp[credential] = [presentation];
    record.digest = await sha256(presentation);
    records.push(record);
  }
  if (records.length === 0) throw new SelfCrmError('E_EMPTY', 'no claim was approved', '/approved');
  return { response: { vp_token: vp, ...(request.state === undefined ? {} : { state: request.state }) }, records, queryHash: await queryHash(request), expiresAt: new Date((now + validFor) * 1000).toISOString() };
}
