// Intake: verified answers into the store, on the customer's terms. Each NDJSON line is
// {"request", "response", "origin"?, "receivedAt"?} as the company's direct_post endpoint keeps
// them, or {"revocation", "origin"?, "receivedAt"?}. Lines are verified concurrently, then written
// in input order, one transaction per batch, so a batch is wholly in the store or not at all, and
// running the same input again changes nothing (a presentation is known by its digest).
import { createHash } from 'node:crypto';
import type { ErrorCode, LineReject } from '../../runtime/errors.js';
import { dateOf, type AsOf } from '../../runtime/time.js';
import type { ClaimValue } from '../../share/claims.js';
import { isPlainObject } from '../../share/encoding.js';
import { checkRequest, type PresentationRequest } from '../../share/request.js';
import { parseJws, splitPresentation } from '../../share/sdjwt.js';
import type { PresentationProblem } from '../problems.js';
import { verifyPresentation, type VerifiedClaim } from '../verify.js';
import { verifyRevocation } from './revocation.js';
import type { IntakeStore } from './store.js';

export interface IntakeLine {
  /** 1-based line number in the whole input. */
  line: number;
  text: string;
}

export interface IntakeOptions {
  /** The company's origin for lines that name none. */
  origin?: string;
  /** The instant of this run (default: now): terms and expiries are held against it. */
  now?: AsOf;
  /**
   * Verify answers already in the store again, for their borrowed claims (which were never
   * written): a run that resumes after a crash still hands them to the next stage. Default false:
   * a known presentation is skipped without any crypto.
   */
  borrowedFromDuplicates?: boolean;
}

/** What became of one line that was taken in. */
export interface IntakeResult {
  line: number;
  kind: 'presentation' | 'revocation';
  /** `stored`: written now; `duplicate`: the store already had it (a re-run), nothing changed. */
  status: 'stored' | 'duplicate';
  subject: string;
  /** Presentation digests (one per credential) or the revocation's digest. */
  digests: string[];
  /** Copied claims written to the store. */
  stored: string[];
  /** Copied claims not written because the store holds a newer grant of them. */
  superseded: string[];
  /** Borrowed claims: usable in this run only, never written. */
  borrowed: string[];
  /** For a revocation: the stored claims it withdrew. */
  revoked: string[];
}

/** A customer's claims as the next stage reads them (`selfcrm intake export`, `--emit rows`). */
export interface CustomerRow {
  subject: string;
  claims: Record<string, ClaimValue>;
}

type Prepared =
  | { reject: LineReject }
  | { duplicate: IntakeResult }
  | { presentation: { line: number; subject: string; nonce: string; origin: string; verifiedAt: number; items: { credential: string; digest: string; iat: number }[]; claims: [string, VerifiedClaim][] } }
  | { revocation: { line: number; subject: string; digest: string; claims: string[]; at: number; origin: string } };

const digestOf = (text: string): string => createHash('sha256').update(text).digest('base64url');

function reject(line: number, code: ErrorCode, path: string, message: string): Prepared {
  return { reject: { line, code, path, message } };
}

function instant(value: unknown, fallback: Date): Date | null {
  if (value === undefined) return fallback;
  const d = typeof value === 'string' ? new Date(value) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

/** The presentation strings of a response, by credential query id, when it has that shape. */
function presentationsOf(response: unknown): [string, string][] | null {
  let body = response;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return null;
    }
  }
  let vp = isPlainObject(body) ? body.vp_token : undefined;
  if (typeof vp === 'string') {
    try {
      vp = JSON.parse(vp);
    } catch {
      return null;
    }
  }
  if (!isPlainObject(vp)) return null;
  const out: [string, string][] = [];
  for (const [id, list] of Object.entries(vp)) {
    if (!Array.isArray(list) || list.length !== 1 || typeof list[0] !== 'string') return null;
    out.push([id, list[0]]);
  }
  return out.length ? out.sort((a, b) => (a[0] < b[0] ? -1 : 1)) : null;
}

const problemText = (problems: PresentationProblem[]): string =>
  problems.slice(0, 4).map((p) => `${p.kind}${p.claim ? ` (${p.claim})` : ''}: ${p.message}`).join('; ') + (problems.length > 4 ? `; and ${problems.length - 4} more` : '');

// Only a response whose every problem is a claim the customer chose not to share is taken in;
// anything else refuses the whole line, so no customer is ever half written.
const acceptable = (p: PresentationProblem): boolean => p.kind === 'not-shared';

async function prepare({ line, text }: IntakeLine, store: IntakeStore, options: IntakeOptions, now: Date): Promise<Prepared> {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (e) {
    return reject(line, 'E_PARSE', '', `not JSON: ${(e as Error).message}`);
  }
  if (!isPlainObject(record)) return reject(line, 'E_SCHEMA', '', 'a line is {"request", "response", "origin"?} or {"revocation", "origin"?}');
  const origin = record.origin ?? options.origin;
  if (typeof origin !== 'string' || !/^https?:\/\/[^/]+$/.test(origin)) return reject(line, 'E_SCHEMA', '/origin', 'no origin (scheme://host[:port]): give one per line or --origin');
  const at = instant(record.receivedAt, now);
  if (!at || at.getTime() > now.getTime() + 60_000) return reject(line, 'E_RANGE', '/receivedAt', 'receivedAt is an ISO-8601 instant, not after this run');
  if (record.revocation !== undefined) {
    const verified = await verifyRevocation(record.revocation, { origin, now: at });
    if (typeof verified === 'string') return reject(line, 'E_INTEGRITY', '/revocation', verified);
    if (store.hasRevocation(verified.digest)) return { duplicate: result(line, 'revocation', 'duplicate', verified.holder, [verified.digest]) };
    return { revocation: { line, subject: verified.holder, digest: verified.digest, claims: verified.claims, at: verified.at, origin } };
  }
  if (record.response === undefined) return reject(line, 'E_SCHEMA', '/response', 'the response is missing');
  let request: PresentationRequest;
  try {
    request = checkRequest(record.request);
  } catch (e) {
    const err = e as { code?: ErrorCode; path?: string; message: string };
    return reject(line, err.code ?? 'E_SCHEMA', `/request${err.path ?? ''}`, err.message.replace(/ \(at [^)]*\)$/, ''));
  }
  // A presentation already in the store was verified when it went in: a re-run skips the crypto.
  const presented = presentationsOf(record.response);
  const digests = presented?.map(([, p]) => digestOf(p)) ?? [];
  if (!options.borrowedFromDuplicates && digests.length && digests.every((d) => store.hasPresentation(d))) {
    return { duplicate: result(line, 'presentation', 'duplicate', store.subjectOf(digests[0] as string) as string, digests) };
  }
  let nonce: string | undefined;
  const verified = await verifyPresentation(record.response, { request, origin, now: at, nonces: { consume: (n) => ((nonce = n), true) } });
  const bad = verified.problems.filter((p) => !acceptable(p));
  if (bad.length) return reject(line, 'E_INTEGRITY', '/response', problemText(bad));
  if (!verified.holder || !presented || nonce === undefined) return reject(line, 'E_INTEGRITY', '/response', 'no presentation was bound to the request');
  const items = presented.map(([credential, p], i) => ({ credential, digest: digests[i] as string, iat: parseJws(splitPresentation(p).jwt, '/jwt').payload.iat as number }));
  return { presentation: { line, subject: verified.holder.id, nonce, origin, verifiedAt: Math.floor(at.getTime() / 1000), items, claims: Object.entries(verified.claims) } };
}

function result(line: number, kind: IntakeResult['kind'], status: IntakeResult['status'], subject: string, digests: string[]): IntakeResult {
  return { line, kind, status, subject, digests, stored: [], superseded: [], borrowed: [], revoked: [] };
}

/**
 * An intake run over one store: `add` takes batches of lines; borrowed claims received in the run
 * are kept in memory only, for `rows` (the run's customers, for the next pipeline stage).
 */
export class IntakeRun {
  readonly #store: IntakeStore;
  readonly #options: IntakeOptions;
  readonly #now: Date;
  /** subject → claim → borrowed claim, this run only. */
  readonly #borrowed = new Map<string, Map<string, VerifiedClaim>>();
  readonly #subjects = new Set<string>();

  constructor(store: IntakeStore, options: IntakeOptions = {}) {
    this.#store = store;
    this.#options = options;
    this.#now = dateOf(options.now, '/now');
  }

  /** Verifies `lines` and writes what they grant in one transaction; results and rejects in line order. */
  async add(lines: IntakeLine[]): Promise<{ results: IntakeResult[]; rejects: LineReject[] }> {
    const prepared = await Promise.all(lines.map((l) => prepare(l, this.#store, this.#options, this.#now)));
    const results: IntakeResult[] = [];
    const rejects: LineReject[] = [];
    const borrowed: [string, string, VerifiedClaim][] = [];
    this.#store.transaction(() => {
      for (const p of prepared) {
        if ('reject' in p) rejects.push(p.reject);
        else if ('duplicate' in p) results.push(p.duplicate);
        else if ('revocation' in p) {
          const r = p.revocation;
          // Written or already known within this batch (the same revocation twice in one input).
          if (this.#store.hasRevocation(r.digest)) results.push(result(r.line, 'revocation', 'duplicate', r.subject, [r.digest]));
          else results.push({ ...result(r.line, 'revocation', 'stored', r.subject, [r.digest]), revoked: this.#store.addRevocation(r) });
        } else {
          const out = this.#write(p.presentation, borrowed);
          if ('line' in out && 'code' in out) rejects.push(out);
          else results.push(out);
        }
      }
    });
    // Only once the transaction is committed do borrowed claims become usable.
    for (const [subject, claim, c] of borrowed) {
      const of = this.#borrowed.get(subject) ?? new Map<string, VerifiedClaim>();
      of.set(claim, c);
      this.#borrowed.set(subject, of);
    }
    for (const r of results) {
      for (const list of [r.stored, r.superseded, r.borrowed, r.revoked]) list.sort();
      if (r.kind === 'presentation') this.#subjects.add(r.subject);
    }
    return { results, rejects };
  }

  #write(p: Extract<Prepared, { presentation: unknown }>['presentation'], borrowed: [string, string, VerifiedClaim][]): IntakeResult | LineReject {
    const store = this.#store;
    const digests = p.items.map((i) => i.digest);
    if (digests.every((d) => store.hasPresentation(d))) {
      const known = result(p.line, 'presentation', 'duplicate', p.subject, digests);
      for (const [claim, c] of p.claims) if (c.level === 'borrowed') borrowed.push([p.subject, claim, c]), known.borrowed.push(claim);
      return known;
    }
    const others = store.presentationsOfNonce(p.nonce).filter((d) => !digests.includes(d));
    if (others.length) return { line: p.line, code: 'E_CONFLICT', path: '/response', message: 'replay: this request\'s nonce was already answered by another presentation in the store' };
    const out = result(p.line, 'presentation', 'stored', p.subject, digests);
    for (const item of p.items) {
      if (store.hasPresentation(item.digest)) continue;
      const granted = p.claims.filter(([, c]) => c.credential === item.credential).map(([claim, c]) => ({ claim, level: c.level, purpose: c.purpose }));
      store.addPresentation({ digest: item.digest, nonce: p.nonce, subject: p.subject, credential: item.credential, origin: p.origin, issuedAt: item.iat, verifiedAt: p.verifiedAt }, granted);
    }
    for (const [claim, c] of p.claims) {
      if (c.level === 'borrowed') {
        borrowed.push([p.subject, claim, c]);
        out.borrowed.push(claim);
        continue;
      }
      const item = p.items.find((i) => i.credential === c.credential) as { digest: string; iat: number };
      const written = store.putClaim({
        subject: p.subject, claim, value: c.value, purpose: c.purpose, expiresAt: c.expiresAt === null ? null : Date.parse(c.expiresAt) / 1000,
        issuedAt: item.iat, nonce: p.nonce, presentation: item.digest, computedWith: c.computedWith,
      });
      (written ? out.stored : out.superseded).push(claim);
    }
    return out;
  }

  /**
   * The customers this run received, with their claims in force: copied ones from the store and
   * borrowed ones from this run; only claims granted for `purpose` when it is given.
   */
  rows(purpose?: string): CustomerRow[] {
    const stored = new Map<string, Record<string, ClaimValue>>();
    for (const c of this.#store.claimsInForce({ now: this.#now, ...(purpose ? { purpose } : {}) })) {
      if (!this.#subjects.has(c.subject)) continue;
      (stored.get(c.subject) ?? stored.set(c.subject, {}).get(c.subject) as Record<string, ClaimValue>)[c.claim] = c.value;
    }
    const now = this.#now.getTime();
    const rows: CustomerRow[] = [];
    for (const subject of [...this.#subjects].sort()) {
      const claims: Record<string, ClaimValue> = { ...stored.get(subject) };
      for (const [claim, c] of this.#borrowed.get(subject) ?? []) {
        if ((purpose === undefined || c.purpose === purpose) && (c.expiresAt === null || Date.parse(c.expiresAt) > now)) claims[claim] = c.value;
      }
      if (Object.keys(claims).length) rows.push({ subject, claims: Object.fromEntries(Object.entries(claims).sort(([a], [b]) => (a < b ? -1 : 1))) });
    }
    return rows;
  }
}

/** Customer rows of the store's claims in force at `now`, for `purpose` when given. */
export function storeRows(store: IntakeStore, options: { now?: AsOf; purpose?: string } = {}): CustomerRow[] {
  const rows: CustomerRow[] = [];
  for (const c of store.claimsInForce({ now: options.now ?? new Date(), ...(options.purpose ? { purpose: options.purpose } : {}) })) {
    const last = rows[rows.length - 1];
    if (last?.subject === c.subject) last.claims[c.claim] = c.value;
    else rows.push({ subject: c.subject, claims: { [c.claim]: c.value } });
  }
  return rows;
}
