// createRequest: a company's OpenID4VP request object with a fresh nonce, its DCQL query, and per
// claim the level, DPV purpose and retention the customer is asked to agree to.
import { SelfCrmError } from '../runtime/errors.js';
import type { AsOf } from '../runtime/time.js';
import { claimOfPath, selfcrmVct } from '../share/claim_paths.js';
import { base64url, isPlainObject, randomBytes, sha256 } from '../share/encoding.js';
import { canonicalJson } from '../share/jcs.js';
import { maxBorrowedSeconds } from '../share/grants.js';
import { checkRequest, purposeIri, type DcqlClaim, type PresentationRequest, type RequestTerm } from '../share/request.js';
import { nowOf } from '../share/time.js';

export type RequestLevel = 'copied' | 'borrowed' | 'displayed';

export interface CreateRequestOptions {
  /** A DCQL query; `format` and `meta.vct_values` may be left out (SelfCRM's are filled in). */
  dcql: { credentials: { id: string; format?: string; meta?: { vct_values: string[] }; claims: DcqlClaim[]; claim_sets?: string[][] }[] };
  /** One DPV purpose for every claim (`dpv:ServicePersonalisation`), or one per claim id or name. */
  purpose: string | Record<string, string>;
  /** Per claim id or name (`persona`, `/personal/name`): copied (default), borrowed or displayed. */
  levels?: Record<string, RequestLevel>;
  /** How long borrowed claims may be used, in seconds (default 30 days). */
  borrowFor?: number;
  /** How long copied claims may be kept, in seconds (default: until the customer revokes). */
  keepFor?: number;
  /** The company's public rules (segment and persona packs, model) for derived claims. */
  rules?: Record<string, unknown>;
  /** `dc_api` (default): the answer comes back to the page; `direct_post`: POSTed to `responseUri`. */
  responseMode?: 'dc_api' | 'direct_post';
  responseUri?: string;
  state?: string;
  /** How long the customer has to answer, in seconds (default 600). */
  validFor?: number;
  now?: AsOf;
}

function pick<T>(table: Record<string, T> | undefined, claim: DcqlClaim, name: string): T | undefined {
  if (!table) return undefined;
  const own = (k: string | undefined) => (k !== undefined && Object.prototype.hasOwnProperty.call(table, k) ? table[k] : undefined);
  return own(claim.id) ?? own(name);
}

/**
 * A request object for `requestPresentation` (or to send by other means); keep it to verify the answer.
 * @throws SelfCrmError E_SCHEMA with the path of the bad option.
 */
export async function createRequest(options: CreateRequestOptions): Promise<PresentationRequest> {
  if (!isPlainObject(options) || !isPlainObject(options.dcql) || !Array.isArray(options.dcql.credentials)) {
    throw new SelfCrmError('E_SCHEMA', 'createRequest needs {dcql: {credentials: [...]}, purpose}', '/dcql');
  }
  const now = Math.floor(nowOf(options).getTime() / 1000);
  const borrowFor = options.borrowFor ?? 30 * 86400;
  const validFor = options.validFor ?? 600;
  // The grant rules' bound: a vault refuses to lend longer, and verifyPresentation refuses such terms.
  if (!Number.isInteger(borrowFor) || borrowFor < 60 || borrowFor > maxBorrowedSeconds) throw new SelfCrmError('E_RANGE', `borrowFor is whole seconds, 60 to ${maxBorrowedSeconds}`, '/borrowFor');
  const keepFor = options.keepFor;
  if (keepFor !== undefined && (!Number.isInteger(keepFor) || keepFor < 60)) throw new SelfCrmError('E_RANGE', 'keepFor is whole seconds, at least 60', '/keepFor');
  if (!Number.isInteger(validFor) || validFor < 10 || validFor > 86400) throw new SelfCrmError('E_RANGE', 'validFor is 10 to 86400 seconds', '/validFor');
  const terms: RequestTerm[] = [];
  const display: { path: string[]; purpose: string }[] = [];
  const credentials = options.dcql.credentials.map((c, ci) => {
    if (!isPlainObject(c) || !Array.isArray(c.claims)) throw new SelfCrmError('E_SCHEMA', 'a credential query has claims', `/dcql/credentials/${ci}`);
    const claims = c.claims.filter((claim, i) => {
      const at = `/dcql/credentials/${ci}/claims/${i}`;
      const name = claimOfPath(claim?.path);
      if (name === null) throw new SelfCrmError('E_SCHEMA', 'a claim path names a SelfCRM claim, e.g. ["personal","name"] or ["band","clv"]', `${at}/path`);
      const level = pick(options.levels, claim, name) ?? 'copied';
      if (!['copied', 'borrowed', 'displayed'].includes(level)) throw new SelfCrmError('E_SCHEMA', 'a level is copied, borrowed or displayed', `/levels/${claim.id ?? name}`);
      const raw = typeof options.purpose === 'string' ? options.purpose : pick(options.purpose, claim, name);
      const purpose = purposeIri(raw, typeof options.purpose === 'string' ? '/purpose' : `/purpose/${claim.id ?? name}`);
      if (level === 'displayed') {
        display.push({ path: claim.path, purpose });
        return false;
      }
      terms.push({
        credential: c.id, path: claim.path, level, purpose, retention: level === 'borrowed' ? 'none' : 'keep',
        ...(level === 'borrowed' ? { expires_at: now + borrowFor } : keepFor === undefined ? {} : { expires_at: now + keepFor }),
      });
      return true;
    });
    return { ...c, format: c.format ?? 'dc+sd-jwt', meta: c.meta ?? { vct_values: [selfcrmVct] }, claims };
  }).filter((c) => c.claims.length > 0);
  const request: Record<string, unknown> = {
    response_type: 'vp_token',
    response_mode: options.responseMode ?? 'dc_api',
    ...(options.responseUri === undefined ? {} : { response_uri: options.responseUri }),
    nonce: base64url(randomBytes(32)),
    ...(options.state === undefined ? {} : { state: options.state }),
    expires_at: now + validFor,
    dcql_query: { credentials },
    selfcrm: {
      version: 1, terms, display,
      ...(options.rules === undefined ? {} : { rules: options.rules, rules_hash: await sha256(canonicalJson(options.rules, '/rules')) }),
    },
  };
  return checkRequest(request);
}
