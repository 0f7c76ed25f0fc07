// The customer's record of every grant, change, revocation and share: an append-only list whose
// entries are hash-chained, so editing, deleting, inserting or reordering any entry is detected.
//
// Entry hash = base64url(SHA-256(UTF-8(JCS(entry without `hash`)))), JCS being RFC 8785 (see
// jcs.ts); each entry's `prev` is its parent's hash ('' for a first entry). Two copies of one
// vault that shared apart are joined by a `merge` entry whose `prev` and `merged` name both heads:
// the ledger is then a small DAG, stored parents-first, with exactly one head (the last entry).
// Dropping entries from the END leaves a valid shorter ledger: keep `head()` somewhere else (the
// file storage keeps it in its state record) and pass it to `Ledger.verify` to detect that too.
//
// Time: `at` follows a hybrid logical clock, never earlier than its parents' (a wrong clock that
// dated an entry in the future delays later `at`s, never blocks an append); `seq` is the logical
// counter (one more than the largest parent's).
import { SelfCrmError } from '../runtime/errors.js';
import { checkClaimName } from './claims.js';
import { isPlainObject, sha256 } from './encoding.js';
import { checkRecipient, grantLevels, type Grant, type GrantLevel, type Recipient } from './grants.js';
import { canonicalJson } from './jcs.js';
import type { SharePacket } from './packet.js';
import { sha256Sync } from './sha256_sync.js';
import { checkInstant, nowOf } from './time.js';
import type { AsOf } from '../runtime/time.js';

export type LedgerEventType = 'grant' | 'change' | 'revoke' | 'share' | 'merge';

/** What a `share` entry records of an OpenID4VP presentation (digests, never values). */
export interface LedgerPresentation {
  nonce: string;
  /** base64url SHA-256 of the canonical DCQL query answered. */
  queryHash: string;
  /** Disclosure digest per claim name. */
  digests: Record<string, string>;
  /** When the presented credential stops being valid (ISO-8601). */
  expiresAt: string;
}

/** One claim an entry is about, with the terms in force. */
export interface LedgerClaim {
  claim: string;
  level: GrantLevel;
  purpose: string;
  expiresAt: string | null;
}

/** One entry as the vault document stores it (its `ledger` array). */
export interface LedgerEntry {
  /** Logical counter: 0 for a first entry, else one more than its largest parent's. */
  seq: number;
  type: LedgerEventType;
  /** ISO-8601 UTC; never earlier than its parents' (hybrid logical clock). */
  at: string;
  /** `null` only for `merge` entries. */
  recipient: Recipient | null;
  claims: LedgerClaim[];
  grantId: string | null;
  /** base64url SHA-256 of the packet, for `share` entries. */
  packetDigest: string | null;
  /** For a presentation to a web origin: its nonce, query hash and disclosure digests. */
  presentation?: LedgerPresentation;
  prev: string;
  /** `merge` entries only: the other head joined (the two heads in text order: prev < merged). */
  merged?: string;
  hash: string;
}

/** What append() takes. */
export interface LedgerEvent {
  type: LedgerEventType;
  recipient: Recipient;
  claims: LedgerClaim[];
  grantId?: string | null;
  packetDigest?: string | null;
  presentation?: LedgerPresentation;
}

export interface LedgerProblem {
  index: number;
  kind: 'schema' | 'sequence' | 'chain' | 'hash' | 'time' | 'head';
  message: string;
}

export interface LedgerCheck {
  valid: boolean;
  length: number;
  head: string;
  problems: LedgerProblem[];
}

/** "Who has what, since when, for what": one row per recipient and claim ever shared. */
export interface Holding {
  recipient: Recipient;
  claim: string;
  level: GrantLevel;
  purpose: string;
  since: string;
  lastSharedAt: string;
  /** For borrowed claims, when the use must end. */
  expiresAt: string | null;
  revokedAt: string | null;
  /** Copied claims stay held (the recipient may keep them); borrowed ones until expiry or revocation. */
  current: boolean;
}

/** The export format. */
export interface LedgerExport {
  format: 'selfcrm-ledger/1';
  canonicalization: 'RFC 8785';
  digest: 'sha-256';
  head: string;
  entries: LedgerEntry[];
}

const entryKeys = ['seq', 'type', 'at', 'recipient', 'claims', 'grantId', 'packetDigest', 'presentation', 'prev', 'merged', 'hash'];
const digestPattern = /^[A-Za-z0-9_-]{43}$/;

function checkLedgerClaim(value: unknown, path: string): LedgerClaim {
  if (!isPlainObject(value)) throw new SelfCrmError('E_SCHEMA', 'a ledger claim must be an object', path);
  if (!grantLevels.includes(value.level as GrantLevel)) throw new SelfCrmError('E_SCHEMA', 'unknown level', `${path}/level`);
  if (typeof value.purpose !== 'string') throw new SelfCrmError('E_SCHEMA', 'purpose must be a string', `${path}/purpose`);
  return {
    claim: checkClaimName(value.claim, `${path}/claim`),
    level: value.level as GrantLevel,
    purpose: value.purpose,
    expiresAt: value.expiresAt === null ? null : checkInstant(value.expiresAt, `${path}/expiresAt`),
  };
}

/** Validates the shape of one entry (not its hash). */
function checkEntryShape(value: unknown, path: string): LedgerEntry {
  if (!isPlainObject(value)) throw new SelfCrmError('E_SCHEMA', 'a ledger entry must be an object', path);
  for (const key of Object.keys(value)) if (!entryKeys.includes(key)) throw new SelfCrmError('E_SCHEMA', 'unknown field', `${path}/${key}`);
  if (!Number.isInteger(value.seq)) throw new SelfCrmError('E_SCHEMA', 'seq must be an integer', `${path}/seq`);
  if (!['grant', 'change', 'revoke', 'share', 'merge'].includes(value.type as string)) throw new SelfCrmError('E_SCHEMA', 'unknown type', `${path}/type`);
  const merge = value.type === 'merge';
  // A packet sent may carry no claim (every granted one withheld for want of a value).
  const mayBeEmpty = value.type === 'share' && typeof value.packetDigest === 'string';
  if (!Array.isArray(value.claims) || (merge ? value.claims.length !== 0 : value.claims.length === 0 && !mayBeEmpty)) {
    throw new SelfCrmError('E_SCHEMA', merge ? 'a merge entry has no claims' : 'claims must be a non-empty array', `${path}/claims`);
  }
  for (const key of ['grantId', 'packetDigest'] as const) {
    if (value[key] !== null && (merge || typeof value[key] !== 'string')) throw new SelfCrmError('E_SCHEMA', `${key} must be ${merge ? 'null' : 'a string or null'}`, `${path}/${key}`);
  }
  if (typeof value.prev !== 'string' || typeof value.hash !== 'string') throw new SelfCrmError('E_SCHEMA', 'prev and hash must be strings', `${path}/hash`);
  if (merge ? typeof value.merged !== 'string' || !digestPattern.test(value.merged) || !(value.prev < value.merged) : value.merged !== undefined) {
    throw new SelfCrmError('E_SCHEMA', merge ? 'a merge entry names a second head after prev' : 'only merge entries have merged', `${path}/merged`);
  }
  if (merge && value.recipient !== null) throw new SelfCrmError('E_SCHEMA', 'a merge entry has no recipient', `${path}/recipient`);
  const entry: LedgerEntry = {
    seq: value.seq as number,
    type: value.type as LedgerEventType,
    at: checkInstant(value.at, `${path}/at`),
    recipient: merge ? null : checkRecipient(value.recipient, `${path}/recipient`),
    claims: value.claims.map((c, i) => checkLedgerClaim(c, `${path}/claims/${i}`)),
    grantId: value.grantId as string | null,
    packetDigest: value.packetDigest as string | null,
    ...(value.presentation === undefined ? {} : { presentation: checkPresentation(value.presentation, `${path}/presentation`) }),
    prev: value.prev,
    hash: value.hash,
  };
  if (merge) entry.merged = value.merged as string;
  return entry;
}

function checkPresentation(value: unknown, path: string): LedgerPresentation {
  if (!isPlainObject(value) || typeof value.nonce !== 'string' || typeof value.queryHash !== 'string' || !isPlainObject(value.digests) ||
      !Object.values(value.digests).every((d) => typeof d === 'string' && digestPattern.test(d))) {
    throw new SelfCrmError('E_SCHEMA', 'a presentation record is {nonce, queryHash, digests, expiresAt}', path);
  }
  return { nonce: value.nonce, queryHash: value.queryHash, digests: { ...(value.digests as Record<string, string>) }, expiresAt: checkInstant(value.expiresAt, `${path}/expiresAt`) };
}

function hashedText(entry: Omit<LedgerEntry, 'hash'>): string {
  // `presentation` is absent from older entries; JCS leaves an undefined member out, so their hashes stay.
  const { seq, type, at, recipient, claims, grantId, packetDigest, presentation, prev, merged } = entry;
  return canonicalJson({ seq, type, at, recipient, claims, grantId, packetDigest, presentation, prev, merged });
}

function entryHash(entry: Omit<LedgerEntry, 'hash'>): Promise<string> {
  return sha256(hashedText(entry));
}

const laterOf = (a: string, b: string) => (a < b ? b : a);

let fromEntries: (entries: LedgerEntry[]) => Ledger;
let appendTo: (ledger: Ledger, event: LedgerEvent, options?: { now?: AsOf }) => Promise<LedgerEntry>;

// Writing is internal: every entry is made by the Sharing operation (or vault method) that changes
// the grants or sends the packet it records, so no entry can stand for a change that did not happen.

/**
 * Appends one event to `ledger` (serialised, all-or-nothing). A `now` before the last entry's time
 * takes that time. @throws SelfCrmError E_SCHEMA for a bad event. @internal
 */
export function appendEntry(ledger: Ledger, event: LedgerEvent, options?: { now?: AsOf }): Promise<LedgerEntry> {
  return appendTo(ledger, event, options);
}

/** Records a grant's creation, change or revocation. @internal */
export function recordGrant(ledger: Ledger, type: 'grant' | 'change' | 'revoke', grant: Grant, options?: { now?: AsOf }): Promise<LedgerEntry> {
  if (!['grant', 'change', 'revoke'].includes(type)) return Promise.reject(new SelfCrmError('E_SCHEMA', 'type is grant, change or revoke', '/type'));
  const { claim, level, purpose, expiresAt } = grant;
  return appendTo(ledger, { type, recipient: grant.recipient, claims: [{ claim, level, purpose, expiresAt }], grantId: grant.id }, options);
}

/** Records a packet handed to its recipient (its digest, not its content). @internal */
export function recordShare(ledger: Ledger, packet: SharePacket, options?: { now?: AsOf }): Promise<LedgerEntry> {
  const claims = packet.claims.map(({ claim, level, purpose, expiresAt }) => ({ claim, level, purpose, expiresAt }));
  return appendTo(ledger, { type: 'share', recipient: packet.recipient, claims, packetDigest: packet.digest }, options);
}

/**
 * A ledger of stored entries, shape-checked but not re-hashed (synchronous; its verify() checks
 * the chain). @throws SelfCrmError E_SCHEMA at `/<index>`. @internal
 */
export function ledgerOf(entries: unknown): Ledger {
  if (!Array.isArray(entries)) throw new SelfCrmError('E_SCHEMA', 'a ledger must be an array');
  return fromEntries(entries.map((e, i) => checkEntryShape(e, `/${i}`)));
}

/**
 * Joins two copies' stored ledgers, synchronously and the same whichever side is `a`: one that
 * holds the other's head is taken whole; else the union of both (parents first: by seq, then
 * hash) and a `merge` entry naming both heads, dated by the hybrid clock. Shapes are checked
 * (E_SCHEMA with the path); hashes are checked when the result is next loaded. `vault.merge`'s
 * step. @internal
 */
export function mergeEntries(a: unknown, b: unknown, options?: { now?: AsOf }): LedgerEntry[] {
  const shaped = (list: unknown, path: string) => {
    if (!Array.isArray(list)) throw new SelfCrmError('E_SCHEMA', 'a ledger must be an array', path);
    return list.map((e, i) => checkEntryShape(e, `${path}/${i}`));
  };
  const ea = shaped(a, '/ledger');
  const eb = shaped(b, '/other/ledger');
  const la = ea[ea.length - 1];
  const lb = eb[eb.length - 1];
  const inA = new Set(ea.map((e) => e.hash));
  if (!lb || inA.has(lb.hash)) return ea;
  if (!la || eb.some((e) => e.hash === la.hash)) return eb;
  const union = [...ea, ...eb.filter((e) => !inA.has(e.hash))];
  union.sort((x, y) => x.seq - y.seq || (x.hash < y.hash ? -1 : x.hash > y.hash ? 1 : 0));
  const [prev, merged] = la.hash < lb.hash ? [la.hash, lb.hash] : [lb.hash, la.hash];
  const draft = {
    seq: Math.max(la.seq, lb.seq) + 1,
    type: 'merge' as const,
    at: laterOf(nowOf(options).toISOString(), laterOf(la.at, lb.at)),
    recipient: null,
    claims: [],
    grantId: null,
    packetDigest: null,
    prev,
    merged,
  };
  union.push({ ...draft, hash: sha256Sync(hashedText(draft)) });
  return union;
}


/**
 * An append-only, hash-chained ledger, read here and written only by the Sharing or vault operation
 * that makes each change (appends are serialised, each all-or-nothing).
 */
export class Ledger {
  #entries: LedgerEntry[] = [];
  #queue: Promise<unknown> = Promise.resolve();

  // Made only by load() and by Sharing (an empty ledger nobody may write to would be of no use).
  private constructor() {}

  /**
   * Checks a stored ledger: shape, sequence, chain, hashes, time order and (when given) the
   * expected head. Never throws for a broken ledger; reports each problem with its index.
   */
  static async verify(entries: unknown, options: { head?: string } = {}): Promise<LedgerCheck> {
    const problems: LedgerProblem[] = [];
    if (!Array.isArray(entries)) return { valid: false, length: 0, head: '', problems: [{ index: -1, kind: 'schema', message: 'a ledger must be an array' }] };
    // Entries seen so far by hash (parents must come first), and the hashes some later entry names.
    const seen = new Map<string, { seq: number; at: string }>();
    const named = new Set<string>();
    for (let index = 0; index < entries.length; ++index) {
      let entry: LedgerEntry;
      try {
        entry = checkEntryShape(entries[index], `/${index}`);
      } catch (e) {
        problems.push({ index, kind: 'schema', message: (e as Error).message });
        const raw = isPlainObject(entries[index]) ? (entries[index] as Record<string, unknown>) : {};
        for (const parent of [raw.prev, raw.merged]) if (typeof parent === 'string') named.add(parent);
        if (typeof raw.hash === 'string') seen.set(raw.hash, { seq: Number.isInteger(raw.seq) ? (raw.seq as number) : index, at: '' });
        continue;
      }
      const parents = [entry.prev, entry.merged].filter((p): p is string => p !== undefined && p !== '');
      const known = parents.map((p) => seen.get(p));
      if (known.some((p) => p === undefined)) problems.push({ index, kind: 'chain', message: 'prev does not match the hash of an entry before' });
      const expected = known.reduce((n, p) => Math.max(n, (p?.seq ?? -1) + 1), 0);
      if (entry.seq !== expected) problems.push({ index, kind: 'sequence', message: `entry ${index} says it is number ${entry.seq}, its parents make it ${expected}` });
      if (entry.hash !== (await entryHash(entry))) problems.push({ index, kind: 'hash', message: 'the entry was changed after it was written' });
      if (known.some((p) => p !== undefined && entry.at < p.at)) problems.push({ index, kind: 'time', message: 'earlier than the entry before' });
      if (seen.has(entry.hash)) problems.push({ index, kind: 'chain', message: 'the same entry twice' });
      for (const parent of parents) named.add(parent);
      seen.set(entry.hash, { seq: entry.seq, at: entry.at });
    }
    const last = entries.length ? entries[entries.length - 1] : undefined;
    const head = isPlainObject(last) && typeof last.hash === 'string' ? last.hash : '';
    // One head: every entry but the last is some later entry's parent, so no branch hangs loose.
    for (let index = 0; index + 1 < entries.length; ++index) {
      const hash = isPlainObject(entries[index]) ? (entries[index] as Record<string, unknown>).hash : undefined;
      if (typeof hash === 'string' && !named.has(hash)) {
        problems.push({ index, kind: 'chain', message: 'no later entry follows this one (a branch that was never merged)' });
      }
    }
    if (options.head !== undefined && options.head !== head) {
      problems.push({ index: entries.length, kind: 'head', message: 'the ledger does not end at the expected head (entries dropped or added at the end)' });
    }
    return { valid: problems.length === 0, length: entries.length, head, problems };
  }

  static {
    fromEntries = (entries) => {
      const ledger = new Ledger();
      ledger.#entries = entries;
      return ledger;
    };
  }

  /** A ledger from stored entries. @throws SelfCrmError E_CONFLICT at `/<index>` when they do not verify. */
  static async load(entries: unknown, options: { head?: string } = {}): Promise<Ledger> {
    const check = await Ledger.verify(entries, options);
    const first = check.problems[0];
    if (first) throw new SelfCrmError(first.kind === 'schema' ? 'E_SCHEMA' : 'E_CONFLICT', `ledger ${first.kind}: ${first.message}`, `/${first.index}`);
    const ledger = new Ledger();
    ledger.#entries = (entries as unknown[]).map((e, i) => checkEntryShape(e, `/${i}`));
    return ledger;
  }

  /** @internal A copy, without checking again. */
  static copy(ledger: Ledger): Ledger {
    const out = new Ledger();
    out.#entries = structuredClone(ledger.#entries);
    return out;
  }

  static {
    appendTo = (ledger, event, options) => {
      const run = ledger.#queue.then(() => ledger.#append(event, options));
      ledger.#queue = run.catch(() => undefined);
      return run;
    };
  }

  async #append(
    event: LedgerEvent,
    options?: { now?: AsOf },
  ): Promise<LedgerEntry> {
    if (!isPlainObject(event)) throw new SelfCrmError('E_SCHEMA', 'an event must be an object', '');
    const last = this.#entries[this.#entries.length - 1];
    // Hybrid logical clock: an entry dated ahead (a wrong clock) lends its time to the next ones.
    const now = nowOf(options).toISOString();
    const at = last ? laterOf(now, last.at) : now;
    const packetDigest = event.packetDigest ?? null;
    if (packetDigest !== null && (typeof packetDigest !== 'string' || !digestPattern.test(packetDigest))) throw new SelfCrmError('E_SCHEMA', 'a packet digest is base64url SHA-256', '/packetDigest');
    const draft = checkEntryShape(
      { seq: last ? last.seq + 1 : 0, type: event.type, at, recipient: event.recipient, claims: event.claims, grantId: event.grantId ?? null, packetDigest, ...(event.presentation ? { presentation: event.presentation } : {}), prev: last?.hash ?? '', hash: '' },
      '',
    );
    const entry: LedgerEntry = { ...draft, hash: await entryHash(draft) };
    // In place: an append costs the same whatever the ledger's length.
    this.#entries.push(entry);
    return structuredClone(entry);
  }

  /** Every entry, oldest first (copies). */
  list(): LedgerEntry[] {
    return structuredClone(this.#entries);
  }

  /** How many entries. */
  length(): number {
    return this.#entries.length;
  }

  /** The last entry's hash ('' when empty): keep it apart to detect truncation. */
  head(): string {
    return this.#entries[this.#entries.length - 1]?.hash ?? '';
  }

  /** Re-checks the chain held in memory. */
  verify(options: { head?: string } = {}): Promise<LedgerCheck> {
    return Ledger.verify(this.#entries, options);
  }

  /** Who has which claim, since when, for what, as of `now`. */
  holdings(options?: { now?: AsOf }): Holding[] {
    const now = nowOf(options).toISOString();
    const rows = new Map<string, Holding>();
    // Branches of a merged ledger interleave: replay events in time order (stable within a branch).
    const byTime = [...this.#entries].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
    for (const entry of byTime) {
      const recipient = entry.recipient;
      if (recipient === null) continue;
      for (const c of entry.claims) {
        const key = JSON.stringify([recipient.id, c.claim]);
        const row = rows.get(key);
        if (entry.type === 'share') {
          const since = row?.since ?? entry.at;
          rows.set(key, { recipient, claim: c.claim, level: c.level, purpose: c.purpose, since, lastSharedAt: entry.at, expiresAt: c.level === 'borrowed' ? c.expiresAt : null, revokedAt: null, current: true });
        } else if (entry.type === 'revoke' && row) {
          row.revokedAt = entry.at;
        }
      }
    }
    const out = [...rows.values()];
    for (const row of out) {
      row.current = row.level === 'copied' || (row.revokedAt === null && row.expiresAt !== null && row.expiresAt > now);
    }
    return structuredClone(out);
  }

  /** The whole ledger with its head and how hashes are computed, ready for JSON.stringify. */
  export(): LedgerExport {
    return { format: 'selfcrm-ledger/1', canonicalization: 'RFC 8785', digest: 'sha-256', head: this.head(), entries: this.list() };
  }
}
