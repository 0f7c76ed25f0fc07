// The OpenID4VP 1.0 request object a company sends to the vault, with SelfCRM's extension: per
// claim the level, the purpose (a W3C DPV IRI) and the retention; claims only to be displayed; and
// optionally the company's public rules the vault computes derived claims with. Both sides check
// it with checkRequest: the company when it creates one, the vault when one arrives (untrusted).
import { SelfCrmError } from '../runtime/errors.js';
import { claimOfPath, selfcrmVct } from './claim_paths.js';
import { isPlainObject } from './encoding.js';
import { canonicalJson } from './jcs.js';

/** One DCQL claims query (OpenID4VP 1.0 §6.3). */
export interface DcqlClaim {
  id?: string;
  path: string[];
  values?: (string | number | boolean)[];
}

/** One DCQL credential query; SelfCRM answers `dc+sd-jwt` queries for its own `vct`. */
export interface DcqlCredentialQuery {
  id: string;
  format: 'dc+sd-jwt';
  meta: { vct_values: string[] };
  claims: DcqlClaim[];
  claim_sets?: string[][];
}

export interface DcqlQuery {
  credentials: DcqlCredentialQuery[];
}

/** The terms a company asks one claim under. */
export interface RequestTerm {
  /** The credential query id and the claim's path in it. */
  credential: string;
  path: string[];
  level: 'copied' | 'borrowed';
  /** A DPV purpose IRI, e.g. https://w3id.org/dpv#ServicePersonalisation. */
  purpose: string;
  retention: 'keep' | 'none';
  /** Seconds since the epoch when the use must end (required for borrowed). */
  expires_at?: number;
}

/** A claim the company asks to show to the customer in the vault's frame; it never travels. */
export interface DisplayTerm {
  path: string[];
  purpose: string;
}

export interface SelfcrmExtension {
  version: 1;
  terms: RequestTerm[];
  display: DisplayTerm[];
  /** The company's public rules (segment and persona packs, model) for derived claims. */
  rules?: Record<string, unknown>;
  /** base64url SHA-256 of the RFC 8785 form of `rules`. */
  rules_hash?: string;
}

/** The request object: OpenID4VP 1.0 members plus `selfcrm`. */
export interface PresentationRequest {
  response_type: 'vp_token';
  /** `dc_api`: answered to the requesting page by postMessage; `direct_post`: POSTed to `response_uri`. */
  response_mode: 'dc_api' | 'direct_post';
  response_uri?: string;
  nonce: string;
  state?: string;
  /** Seconds since the epoch: the vault refuses the request after this. */
  expires_at: number;
  dcql_query: DcqlQuery;
  selfcrm: SelfcrmExtension;
}

/** The SD-JWT payload member that carries each disclosure's terms, keyed by its digest. */
export const termsMember = 'selfcrm_terms';

/** What a derived value was computed with: the engine's version and the rules' hash. */
export interface ComputedWith {
  engine: string;
  rules: string;
}

/** The terms of one disclosure as the signed payload states them. */
export interface DisclosureTerms {
  level: 'copied' | 'borrowed';
  purpose: string;
  retention: 'keep' | 'none';
  exp?: number;
  computed_with?: ComputedWith;
}

const dpvPrefix = 'https://w3id.org/dpv#';

/** A purpose as a full DPV IRI: `dpv:Marketing` and `Marketing` expand; other IRIs stay. */
export function purposeIri(purpose: unknown, path: string): string {
  if (typeof purpose !== 'string' || purpose.length === 0 || purpose.length > 300) throw new SelfCrmError('E_SCHEMA', 'a purpose is a DPV IRI such as dpv:ServicePersonalisation', path);
  if (/^dpv:[A-Za-z][A-Za-z0-9]*$/.test(purpose)) return dpvPrefix + purpose.slice(4);
  if (/^[A-Z][A-Za-z0-9]*$/.test(purpose)) return dpvPrefix + purpose;
  if (/^https:\/\/[^\s]+$/.test(purpose)) return purpose;
  throw new SelfCrmError('E_SCHEMA', 'a purpose is a DPV IRI such as dpv:ServicePersonalisation or an https IRI', path);
}

/** Plain words for a DPV purpose IRI ("ServicePersonalisation" → "service personalisation"). */
export function purposeWords(iri: string): string {
  const name = iri.startsWith(dpvPrefix) ? iri.slice(dpvPrefix.length) : iri;
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function fail(message: string, path: string): never {
  throw new SelfCrmError('E_SCHEMA', message, path);
}

function checkPath(value: unknown, at: string): string[] {
  if (claimOfPath(value) === null) fail('a claim path names a SelfCRM claim, e.g. ["personal","name"] or ["band","clv"]', at);
  return value as string[];
}

function checkClaims(value: unknown, at: string): DcqlClaim[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 64) fail('claims is a non-empty array of at most 64', at);
  const seen = new Set<string>();
  return value.map((c, i) => {
    const here = `${at}/${i}`;
    if (!isPlainObject(c)) fail('a claims query is an object', here);
    const path = checkPath(c.path, `${here}/path`);
    const key = JSON.stringify(path);
    if (seen.has(key)) fail('the same path twice', `${here}/path`);
    seen.add(key);
    const out: DcqlClaim = { path };
    if (c.id !== undefined) out.id = typeof c.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(c.id) ? c.id : fail('an id is 1-64 of A-Z a-z 0-9 _ -', `${here}/id`);
    if (c.values !== undefined) {
      if (!Array.isArray(c.values) || c.values.length === 0 || !c.values.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) fail('values is a non-empty array of strings, numbers or booleans', `${here}/values`);
      out.values = c.values as DcqlClaim['values'];
    }
    return out;
  });
}

function checkCredential(value: unknown, at: string): DcqlCredentialQuery {
  if (!isPlainObject(value)) fail('a credential query is an object', at);
  const id = typeof value.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value.id) ? value.id : fail('an id is 1-64 of A-Z a-z 0-9 _ -', `${at}/id`);
  if (value.format !== 'dc+sd-jwt') fail('SelfCRM answers format dc+sd-jwt only', `${at}/format`);
  const meta = value.meta;
  if (!isPlainObject(meta) || !Array.isArray(meta.vct_values) || !meta.vct_values.includes(selfcrmVct)) fail(`meta.vct_values must include ${selfcrmVct}`, `${at}/meta`);
  const claims = checkClaims(value.claims, `${at}/claims`);
  const out: DcqlCredentialQuery = { id, format: 'dc+sd-jwt', meta: { vct_values: meta.vct_values as string[] }, claims };
  if (value.claim_sets !== undefined) {
    const ids = new Set(claims.map((c) => c.id));
    if (!Array.isArray(value.claim_sets) || value.claim_sets.length === 0) fail('claim_sets is a non-empty array', `${at}/claim_sets`);
    out.claim_sets = value.claim_sets.map((set, i) => {
      if (!Array.isArray(set) || set.length === 0 || !set.every((s) => typeof s === 'string' && ids.has(s))) fail('a claim set lists claim ids of this query', `${at}/claim_sets/${i}`);
      return set as string[];
    });
  }
  return out;
}

function checkTerm(value: unknown, at: string, credentials: DcqlCredentialQuery[]): RequestTerm {
  if (!isPlainObject(value)) fail('a term is an object', at);
  const cred = credentials.find((c) => c.id === value.credential) ?? fail('names no credential query', `${at}/credential`);
  const path = checkPath(value.path, `${at}/path`);
  if (!cred.claims.some((c) => c.path.join('\u0000') === path.join('\u0000'))) fail('names no claim of its credential query', `${at}/path`);
  if (value.level !== 'copied' && value.level !== 'borrowed') fail('a level is copied or borrowed', `${at}/level`);
  if (value.retention !== (value.level === 'borrowed' ? 'none' : 'keep')) fail('retention is none for borrowed, keep for copied', `${at}/retention`);
  const term: RequestTerm = { credential: cred.id, path, level: value.level, purpose: purposeIri(value.purpose, `${at}/purpose`), retention: value.retention as RequestTerm['retention'] };
  if (value.expires_at !== undefined) term.expires_at = Number.isInteger(value.expires_at) ? (value.expires_at as number) : fail('expires_at is whole seconds since the epoch', `${at}/expires_at`);
  else if (value.level === 'borrowed') fail('a borrowed claim needs expires_at', `${at}/expires_at`);
  return term;
}

/**
 * Validates a request object (created here, or arrived from elsewhere) and returns it normalised.
 * @throws SelfCrmError E_SCHEMA with the JSON Pointer of the first bad member.
 */
export function checkRequest(value: unknown): PresentationRequest {
  if (!isPlainObject(value)) fail('a request is an object', '');
  if (value.response_type !== 'vp_token') fail('response_type must be vp_token', '/response_type');
  if (value.response_mode !== 'dc_api' && value.response_mode !== 'direct_post') fail('response_mode is dc_api or direct_post', '/response_mode');
  if (typeof value.nonce !== 'string' || !/^[A-Za-z0-9_-]{22,128}$/.test(value.nonce)) fail('nonce is 22-128 base64url characters (at least 128 bits)', '/nonce');
  if (!Number.isInteger(value.expires_at)) fail('expires_at is whole seconds since the epoch', '/expires_at');
  const dcql = value.dcql_query;
  if (!isPlainObject(dcql) || !Array.isArray(dcql.credentials) || dcql.credentials.length === 0 || dcql.credentials.length > 8) fail('dcql_query.credentials is a non-empty array (at most 8)', '/dcql_query');
  if (dcql.credential_sets !== undefined) fail('credential_sets is not supported: ask in one request what is required', '/dcql_query/credential_sets');
  const credentials = dcql.credentials.map((c, i) => checkCredential(c, `/dcql_query/credentials/${i}`));
  if (new Set(credentials.map((c) => c.id)).size !== credentials.length) fail('credential query ids must be unique', '/dcql_query/credentials');
  const ext = value.selfcrm;
  if (!isPlainObject(ext) || ext.version !== 1 || !Array.isArray(ext.terms) || !Array.isArray(ext.display)) fail('selfcrm is {version: 1, terms: [...], display: [...]}', '/selfcrm');
  const terms = ext.terms.map((t, i) => checkTerm(t, `/selfcrm/terms/${i}`, credentials));
  for (const [ci, cred] of credentials.entries()) {
    for (const [i, claim] of cred.claims.entries()) {
      const n = terms.filter((t) => t.credential === cred.id && t.path.join('\u0000') === claim.path.join('\u0000')).length;
      if (n !== 1) fail('every requested claim has exactly one term', `/dcql_query/credentials/${ci}/claims/${i}`);
    }
  }
  const display = ext.display.map((d, i) => {
    if (!isPlainObject(d)) fail('a display entry is an object', `/selfcrm/display/${i}`);
    return { path: checkPath(d.path, `/selfcrm/display/${i}/path`), purpose: purposeIri(d.purpose, `/selfcrm/display/${i}/purpose`) };
  });
  const out: PresentationRequest = {
    response_type: 'vp_token',
    response_mode: value.response_mode,
    nonce: value.nonce,
    expires_at: value.expires_at as number,
    dcql_query: { credentials },
    selfcrm: { version: 1, terms, display },
  };
  if (value.state !== undefined) out.state = typeof value.state === 'string' && value.state.length <= 256 ? value.state : fail('state is a string of at most 256 characters', '/state');
  if (value.response_mode === 'direct_post') {
    let uri: URL | null = null;
    try {
      uri = typeof value.response_uri === 'string' ? new URL(value.response_uri) : null;
    } catch {
      uri = null;
    }
    if (!uri || !['https:', 'http:'].includes(uri.protocol)) fail('direct_post needs an http(s) response_uri', '/response_uri');
    out.response_uri = uri.href;
  } else if (value.response_uri !== undefined) fail('response_uri belongs to direct_post only', '/response_uri');
  if (ext.rules !== undefined) {
    if (!isPlainObject(ext.rules)) fail('rules is an object', '/selfcrm/rules');
    canonicalJson(ext.rules, '/selfcrm/rules');
    out.selfcrm.rules = ext.rules;
    if (typeof ext.rules_hash !== 'string') fail('rules_hash is the SHA-256 of the rules', '/selfcrm/rules_hash');
    out.selfcrm.rules_hash = ext.rules_hash;
  }
  return out;
}

/** All claims a request asks to be presented, with their query and terms. */
export function requestedClaims(request: PresentationRequest): { credential: DcqlCredentialQuery; claim: DcqlClaim; term: RequestTerm }[] {
  return request.dcql_query.credentials.flatMap((credential) => credential.claims.map((claim) => ({
    credential,
    claim,
    term: request.selfcrm.terms.find((t) => t.credential === credential.id && t.path.join('\u0000') === claim.path.join('\u0000')) as RequestTerm,
  })));
}
