// The company's check of an OpenID4VP response: each presentation is a self-issued SD-JWT VC whose
// `cnf` key signed both the credential and the Key Binding JWT; the KB-JWT answers this request's
// nonce, once, for this origin, recently, over exactly the disclosures presented; the disclosures
// are intact and listed; the DCQL query is met by exactly what was disclosed; terms are in force.
// Never throws, for any input: bounds come before any parsing or signature work, and every finding
// is a problem; only intact claims in force are returned, in an object with no prototype. The same
// hardening as the packet verifier (share/verify.ts): low-S ES256, no `crit`, `nbf` honoured, the
// grant rules' limits on borrowed claims, claim names that read the same to everyone.
import type { AsOf } from '../runtime/time.js';
import { claimOfPath, selfcrmVct } from '../share/claim_paths.js';
import { claimNameProblem, nullPrototypeRecord } from '../share/claim_names.js';
import type { ClaimValue } from '../share/claims.js';
import { isPlainObject, sha256 } from '../share/encoding.js';
import { maxBorrowedSeconds } from '../share/grants.js';
import { isLowS, isNumericDate, isoFromSeconds } from '../share/jws_checks.js';
import { checkRequest, requestedClaims, termsMember, type ComputedWith, type DisclosureTerms, type PresentationRequest } from '../share/request.js';
import { nowOf } from '../share/time.js';
import { importJwk, jwkThumbprint, parseB64json, parseJws, sdHash, splitPresentation, thumbprintUri, verifyJws, type ParsedJws } from '../share/sdjwt.js';
import { checkLimits, resolvePresentationLimits, type PresentationLimits } from './limits.js';
import type { PresentationProblem } from './problems.js';
import { defaultNonceStore, type NonceStore } from './replay.js';

export interface VerifiedClaim {
  value: ClaimValue;
  credential: string;
  level: 'copied' | 'borrowed';
  purpose: string;
  retention: 'keep' | 'none';
  expiresAt: string | null;
  /** For derived claims: the engine version and the hash of the rules they were computed with. */
  computedWith: ComputedWith | null;
}

export interface VerifiedPresentation {
  /** True only when nothing at all was wrong (a partly declined request is not valid). */
  valid: boolean;
  /** Claims whose disclosure is intact and in force, by claim name (`/personal/name`, `persona`); a null-prototype object. */
  claims: Record<string, VerifiedClaim>;
  problems: PresentationProblem[];
  /** The pairwise holder: `iss` (a JWK thumbprint URI, the same on every answer to this origin) and its key. */
  holder: { id: string; jwk: JsonWebKey } | null;
}

export interface VerifyPresentationOptions {
  /** The request this answers, as createRequest returned it (kept by the company, not taken from the response). */
  request: PresentationRequest;
  /** The company's own origin, e.g. `https://shop.example`: the KB-JWT's `aud` is `origin:<origin>`. */
  origin: string;
  now?: AsOf;
  /** Where used nonces are remembered (default: in this process's memory). */
  nonces?: NonceStore;
  /** How old a KB-JWT may be, in seconds (default 300). */
  maxAge?: number;
  /** Size and count bounds checked before anything else (defaults: `defaultPresentationLimits`). */
  limits?: Partial<PresentationLimits>;
  /** Extra checks on each presentation string before parsing, after the bounds (e.g. a stricter shape). */
  check?: (presentation: unknown) => PresentationProblem[];
}

const skew = 60;

interface Context {
  request: PresentationRequest;
  origin: string;
  now: number;
  maxAge: number;
  limits: PresentationLimits;
}

/** Where each digest of the payload sits: the path of the object whose `_sd` lists it. */
function digestSites(payload: Record<string, unknown>): Map<string, string[]> {
  const sites = new Map<string, string[]>();
  const walk = (node: Record<string, unknown>, path: string[]) => {
    if (Array.isArray(node._sd)) for (const d of node._sd) if (typeof d === 'string') sites.set(d, path);
    for (const [k, v] of Object.entries(node)) {
      if (k !== '_sd' && k !== termsMember && k !== 'cnf' && isPlainObject(v) && path.length < 4) walk(v, [...path, k]);
    }
  };
  walk(payload, []);
  return sites;
}

function termsOk(value: unknown): value is DisclosureTerms {
  return isPlainObject(value) && (value.level === 'copied' || value.level === 'borrowed') && typeof value.purpose === 'string' &&
    value.retention === (value.level === 'borrowed' ? 'none' : 'keep') && (value.exp === undefined || (Number.isInteger(value.exp) && isNumericDate(value.exp))) &&
    (value.computed_with === undefined || (isPlainObject(value.computed_with) && typeof value.computed_with.engine === 'string' && typeof value.computed_with.rules === 'string'));
}

// The grant rules, held against the signed terms: a borrowed claim has an expiry within
// maxBorrowedSeconds of issue (plus the clock skew), whatever the request asked for.
function borrowedProblem(term: DisclosureTerms, iat: number): string | null {
  if (term.level !== 'borrowed') return null;
  if (term.exp === undefined) return 'a borrowed claim needs an expiry';
  if (term.exp - iat > maxBorrowedSeconds + skew) return `a borrowed claim is lent for at most ${maxBorrowedSeconds / 86_400} days`;
  return null;
}

/** Why a JWT's `nbf` makes it unacceptable now, or null (absent, or reached within the skew). */
function nbfProblem(payload: Record<string, unknown>, now: number): string | null {
  if (payload.nbf === undefined) return null;
  if (!isNumericDate(payload.nbf)) return 'nbf is not a date';
  return payload.nbf > now + skew ? 'not valid before its nbf' : null;
}

interface Checked {
  fatal: boolean;
  problems: PresentationProblem[];
  holder: { id: string; jwk: JsonWebKey } | null;
  claims: [string, VerifiedClaim][];
  /** The KB-JWT verified: this presentation may consume the nonce. */
  bound: boolean;
}

async function checkHeaderAndKeys(jwt: ParsedJws, credential: string): Promise<{ problems: PresentationProblem[]; key?: { alg: 'EdDSA' | 'ES256'; key: CryptoKey }; holder?: { id: string; jwk: JsonWebKey } }> {
  const p = (kind: PresentationProblem['kind'], message: string): PresentationProblem => ({ kind, credential, message });
  const { header, payload } = jwt;
  if (header.typ !== 'dc+sd-jwt' || payload.vct !== selfcrmVct) return { problems: [p('type', `expected typ dc+sd-jwt and vct ${selfcrmVct}`)] };
  const jwk = isPlainObject(payload.cnf) ? payload.cnf.jwk : undefined;
  const key = await importJwk(jwk);
  if (!key || header.alg !== key.alg) return { problems: [p('holder', 'cnf.jwk is not an Ed25519 or P-256 key matching the header alg')] };
  const id = thumbprintUri(await jwkThumbprint(jwk as JsonWebKey));
  if (payload.iss !== id) return { problems: [p('holder', 'iss is not the thumbprint URI of the cnf key (a self-issued credential is signed by its holder key)')] };
  // ECDSA signatures are malleable: only the low-S form is accepted, so one presentation has one digest.
  if (key.alg === 'ES256' && !isLowS(jwt.signature)) return { problems: [p('signature', 'an ES256 signature must be 64 bytes with a low S')] };
  if (!(await verifyJws(jwt, key.alg, key.key))) return { problems: [p('signature', 'the credential signature does not verify with the cnf key')] };
  return { problems: [], key, holder: { id, jwk: jwk as JsonWebKey } };
}

async function checkKeyBinding(kbText: string, presented: string, key: { alg: 'EdDSA' | 'ES256'; key: CryptoKey }, ctx: Context, credential: string): Promise<PresentationProblem[]> {
  const p = (kind: PresentationProblem['kind'], message: string): PresentationProblem => ({ kind, credential, message });
  if (kbText === '') return [p('key-binding', 'no Key Binding JWT: the presentation is not bound to this request')];
  let kb: ParsedJws;
  try {
    kb = parseJws(kbText, '/kb', ctx.limits.maxHeaderLength);
  } catch (e) {
    return [p('key-binding', `the Key Binding JWT is unreadable: ${(e as Error).message}`)];
  }
  if (kb.header.typ !== 'kb+jwt' || kb.header.alg !== key.alg) return [p('key-binding', 'the Key Binding JWT needs typ kb+jwt and the holder key alg')];
  if (key.alg === 'ES256' && !isLowS(kb.signature)) return [p('key-binding', 'the Key Binding JWT\'s ES256 signature must be 64 bytes with a low S')];
  if (!(await verifyJws(kb, key.alg, key.key))) return [p('key-binding', 'the Key Binding JWT signature does not verify with the cnf key')];
  const out: PresentationProblem[] = [];
  if (kb.payload.sd_hash !== (await sdHash(presented))) out.push(p('key-binding', 'sd_hash does not match: disclosures were removed, added, changed or reordered after binding'));
  if (kb.payload.aud !== `origin:${ctx.origin}`) out.push(p('audience', `the answer is for ${String(kb.payload.aud)}, not origin:${ctx.origin}`));
  if (kb.payload.nonce !== ctx.request.nonce) out.push(p('nonce', 'the answer is for another request (nonce differs)'));
  const iat = kb.payload.iat;
  if (!isNumericDate(iat) || iat > ctx.now + skew || iat < ctx.now - ctx.maxAge) out.push(p('stale', `the Key Binding JWT is not fresh (iat must be within ${ctx.maxAge} s)`));
  const nbf = nbfProblem(kb.payload, ctx.now);
  if (nbf) out.push(p('not-yet-valid', `the Key Binding JWT is ${nbf}`));
  return out;
}

async function checkPresentation(text: unknown, credential: string, ctx: Context, check?: (p: unknown) => PresentationProblem[]): Promise<Checked> {
  const out: Checked = { fatal: true, problems: [], holder: null, claims: [], bound: false };
  const limitProblems = checkLimits(text, ctx.limits);
  if (!limitProblems.length && check) limitProblems.push(...check(text));
  if (limitProblems.length) return { ...out, problems: limitProblems.map((q) => ({ ...q, credential })) };
  let parts: ReturnType<typeof splitPresentation>;
  let jwt: ParsedJws;
  try {
    parts = splitPresentation(text as string);
    jwt = parseJws(parts.jwt, '/jwt', ctx.limits.maxHeaderLength);
  } catch (e) {
    const tooLong = (e as { code?: string }).code === 'E_RANGE';
    return { ...out, problems: [{ kind: tooLong ? 'too-large' : 'malformed', credential, message: (e as Error).message }] };
  }
  const head = await checkHeaderAndKeys(jwt, credential);
  if (!head.key) return { ...out, problems: head.problems };
  out.holder = head.holder ?? null;
  const { payload } = jwt;
  if (payload._sd_alg !== 'sha-256' || !isNumericDate(payload.iat) || !isNumericDate(payload.exp) || !isPlainObject(payload[termsMember])) {
    return { ...out, problems: [{ kind: 'malformed', credential, message: `the payload needs _sd_alg sha-256, iat and exp as dates, and ${termsMember}` }] };
  }
  if (Object.keys(payload[termsMember] as object).length > ctx.limits.maxDisclosures) {
    return { ...out, problems: [{ kind: 'too-large', credential, message: `the payload has terms for more than ${ctx.limits.maxDisclosures} claims` }] };
  }
  const kbProblems = await checkKeyBinding(parts.kb, parts.presented, head.key, ctx, credential);
  out.bound = !kbProblems.some((q) => q.kind === 'key-binding');
  out.problems.push(...kbProblems);
  if (payload.exp <= ctx.now) out.problems.push({ kind: 'expired', credential, message: 'the credential has expired' });
  if (payload.iat > ctx.now + skew) out.problems.push({ kind: 'not-yet-valid', credential, message: 'the credential was issued in the future' });
  const nbf = nbfProblem(payload, ctx.now);
  if (nbf) out.problems.push({ kind: 'not-yet-valid', credential, message: `the credential is ${nbf}` });
  // Disclosures are checked even when binding failed, so each tampering is named; claims of a
  // presentation with any problem so far are not returned.
  out.fatal = out.problems.length > 0;
  await checkDisclosures(parts.disclosures, payload, credential, ctx, out);
  return out;
}

async function checkDisclosures(disclosures: string[], payload: Record<string, unknown>, credential: string, ctx: Context, out: Checked): Promise<void> {
  const sites = digestSites(payload);
  const terms = payload[termsMember] as Record<string, unknown>;
  const asked = requestedClaims(ctx.request).filter((a) => a.credential.id === credential);
  const seen = new Set<string>();
  const names = new Set<string>();
  for (const [index, disclosure] of disclosures.entries()) {
    const p = (kind: PresentationProblem['kind'], message: string, claim?: string): void => void out.problems.push({ kind, credential, index, message, ...(claim ? { claim } : {}) });
    let parsed: unknown;
    try {
      parsed = parseB64json(disclosure, `/disclosures/${index}`);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') {
      p('malformed-disclosure', 'a disclosure must be [salt, name, value]');
      continue;
    }
    const digest = await sha256(disclosure);
    const site = sites.get(digest);
    if (!site) {
      p('unknown-disclosure', 'the signed payload does not list this disclosure');
      continue;
    }
    // Every step of the path is a name someone reads and a key someone may copy into an object.
    const stepProblem = [...site, parsed[1]].map((step) => claimNameProblem(step, ctx.limits.maxClaimNameLength)).find((q) => q !== null);
    if (stepProblem) {
      p('malformed-disclosure', stepProblem);
      continue;
    }
    const claim = claimOfPath([...site, parsed[1]]);
    if (claim === null) {
      p('malformed-disclosure', 'the disclosure names no SelfCRM claim');
      continue;
    }
    if (seen.has(digest) || names.has(claim)) {
      p('duplicate-disclosure', 'this claim is disclosed twice', claim);
      continue;
    }
    seen.add(digest);
    names.add(claim);
    const wanted = asked.find((a) => claimOfPath(a.claim.path) === claim);
    if (!wanted) {
      p('not-requested', 'the request did not ask for this claim', claim);
      continue;
    }
    const term = Object.prototype.hasOwnProperty.call(terms, digest) ? terms[digest] : undefined;
    const t = wanted.term;
    if (!termsOk(term) || term.level !== t.level || term.purpose !== t.purpose || term.exp !== t.expires_at) {
      p('terms', 'the signed terms are missing or differ from the request', claim);
      continue;
    }
    const borrowed = borrowedProblem(term, payload.iat as number);
    if (borrowed) {
      p('terms', borrowed, claim);
      continue;
    }
    if (term.exp !== undefined && term.exp <= ctx.now) {
      p('claim-expired', 'the term for this claim has ended', claim);
      continue;
    }
    const value = parsed[2] as ClaimValue;
    if (wanted.claim.values && !wanted.claim.values.some((v) => v === value)) {
      p('value', 'the value is not one of the query values', claim);
      continue;
    }
    const derived = !claim.startsWith('/');
    const rules = ctx.request.selfcrm.rules_hash ?? 'default';
    if (derived && term.computed_with?.rules !== rules) {
      p('rules', `computed with rules ${term.computed_with?.rules ?? '(unnamed)'}, not the request's ${rules}`, claim);
      continue;
    }
    out.claims.push([claim, {
      value, credential, level: term.level, purpose: term.purpose, retention: term.retention,
      expiresAt: isoFromSeconds(term.exp),
      computedWith: term.computed_with ?? null,
    }]);
  }
}

/** Which requested claims are missing: by claim_sets when the query has them, else all of them. */
function unmet(request: PresentationRequest, got: Map<string, Set<string>>): PresentationProblem[] {
  const out: PresentationProblem[] = [];
  for (const q of request.dcql_query.credentials) {
    const have = got.get(q.id) ?? new Set<string>();
    const named = (id: string) => q.claims.find((c) => c.id === id);
    if (q.claim_sets?.some((set) => set.every((id) => have.has(claimOfPath(named(id)?.path) as string)))) continue;
    for (const c of q.claims) {
      const claim = claimOfPath(c.path) as string;
      if (!have.has(claim)) out.push({ kind: 'not-shared', credential: q.id, claim, message: 'asked for and not presented' });
    }
  }
  return out;
}

/**
 * Verifies an OpenID4VP response `{ vp_token: { <query id>: [<presentation>] } }` (an object or its
 * JSON text) against the request it answers. Never throws.
 */
export async function verifyPresentation(response: unknown, options: VerifyPresentationOptions): Promise<VerifiedPresentation> {
  const result: VerifiedPresentation = { valid: false, claims: nullPrototypeRecord([]), problems: [], holder: null };
  try {
    return await run(response, options, result);
  } catch (e) {
    // Only a throwing nonce store or `check` gets here: the input alone never does (the fuzz test holds it to that).
    result.valid = false;
    result.claims = nullPrototypeRecord([]);
    result.problems.push({ kind: 'malformed', message: `cannot be verified: ${(e as Error)?.message ?? String(e)}` });
    return result;
  }
}

async function run(response: unknown, options: VerifyPresentationOptions, result: VerifiedPresentation): Promise<VerifiedPresentation> {
  const problems = result.problems;
  let request: PresentationRequest;
  let bounds: PresentationLimits;
  let now: number;
  let maxAge: number;
  try {
    request = checkRequest(options?.request);
    if (typeof options.origin !== 'string' || new URL(options.origin).origin !== options.origin) throw new Error('origin must be scheme://host[:port]');
    bounds = resolvePresentationLimits(options.limits);
    now = Math.floor(nowOf(options).getTime() / 1000);
    if (!isNumericDate(now)) throw new Error('now is out of range');
    maxAge = options.maxAge ?? 300;
    if (!Number.isSafeInteger(maxAge) || maxAge < 0) throw new Error('maxAge is whole seconds, at least 0');
  } catch (e) {
    const at = (e as { path?: string }).path;
    problems.push({ kind: 'request', message: `${(e as Error)?.message ?? String(e)}${at ? ` (at ${at})` : ''}` });
    return result;
  }
  const ctx: Context = { request, origin: options.origin, now, maxAge, limits: bounds };
  const body = parseBounded(response, bounds, problems);
  const vp = isPlainObject(body) ? parseBounded(body.vp_token, bounds, problems) : undefined;
  if (problems.length) return result;
  const count = isPlainObject(vp) ? Object.keys(vp).length : 0;
  if (count > bounds.maxPresentations) {
    problems.push({ kind: 'too-large', message: `a response has at most ${bounds.maxPresentations} presentations` });
    return result;
  }
  if (!isPlainObject(vp) || count === 0) {
    problems.push({ kind: 'malformed', message: `a response is {"vp_token": {<query id>: [<presentation>]}} with 1-${bounds.maxPresentations} entries` });
    return result;
  }
  if (request.expires_at <= now) problems.push({ kind: 'request-expired', message: 'the answer came after the request expired' });
  if (request.state !== undefined && (body as Record<string, unknown>).state !== request.state) problems.push({ kind: 'state', message: 'the response state is not the request state' });
  const checked: Checked[] = [];
  for (const [credential, list] of Object.entries(vp)) {
    if (!request.dcql_query.credentials.some((c) => c.id === credential)) {
      problems.push({ kind: 'not-requested', credential, message: 'no credential query has this id' });
      continue;
    }
    if (!Array.isArray(list) || list.length !== 1) {
      problems.push({ kind: 'malformed', credential, message: 'one presentation per credential query' });
      continue;
    }
    checked.push(await checkPresentation(list[0], credential, ctx, options.check));
  }
  for (const c of checked) problems.push(...c.problems);
  const holders = new Set(checked.map((c) => c.holder?.id).filter(Boolean));
  if (holders.size > 1) problems.push({ kind: 'holder', message: 'the presentations name different holders' });
  result.holder = holders.size === 1 ? (checked.find((c) => c.holder)?.holder ?? null) : null;
  // Consumed only by an answer the holder actually bound to this nonce, so garbage cannot burn it.
  if (checked.some((c) => c.bound) && !problems.some((q) => q.kind === 'nonce')) {
    const fresh = await (options.nonces ?? defaultNonceStore).consume(request.nonce, request.expires_at);
    if (!fresh) problems.push({ kind: 'replay', message: 'this nonce was already used: a replayed answer' });
  }
  const fatal = problems.some((q) => ['request-expired', 'state', 'replay', 'holder'].includes(q.kind)) || checked.some((c) => c.fatal);
  const got = new Map<string, Set<string>>();
  const claims = new Map<string, VerifiedClaim>();
  for (const c of checked) {
    for (const [name, claim] of c.claims) {
      got.set(claim.credential, (got.get(claim.credential) ?? new Set()).add(name));
      if (!fatal && !claims.has(name)) claims.set(name, claim);
    }
  }
  if (!fatal) problems.push(...unmet(request, got));
  result.claims = nullPrototypeRecord(claims);
  result.valid = problems.length === 0;
  return result;
}

/** JSON text parsed once its length is within the bound (anything else passes through); a problem otherwise. */
function parseBounded(value: unknown, bounds: PresentationLimits, problems: PresentationProblem[]): unknown {
  if (typeof value !== 'string') return value;
  if (value.length > bounds.maxResponseLength) {
    problems.push({ kind: 'too-large', message: `a response is at most ${bounds.maxResponseLength} characters` });
    return undefined;
  }
  try {
    return JSON.parse(value) as unknown;
  } catch {
    problems.push({ kind: 'malformed', message: 'the response is not JSON' });
    return undefined;
  }
}
