// The customer's record of every grant, change, revocation and share: an append-only list whose
// entries are hash-chained, so editing, deleting, inserting or reordering any entry is detected.
//
// Entry hash = base64url(SHA-256(UTF-8(JCS(entry without `hash`)))), JCS being RFC 8785 (see
// jcs.ts); each entry's `prev` is the previous entry's hash ('' for the first). Dropping entries
// from the END leaves a valid shorter chain: keep `head()` somewhere else (e.g. next to the vault's
// backup) and pass it to `Ledger.verify` to detect that too.
import { SelfCrmError } from '../runtime/errors.js';
import { checkClaimName } from './claims.js';
import { isPlainObject, sha256 } from './encoding.js';
import { checkRecipient, grantLevels, type Grant, type GrantLevel, type Recipient } from './grants.js';
import { canonicalJson } from './jcs.js';
import type { SharePacket } from './packet.js';
import { checkInstant, nowOf } from './time.js';

export type LedgerEventType = 'grant' | 'change' | 'revoke' | 'share';

/** One claim an entry is about, with the terms in force. */
export interface LedgerClaim {
  claim: string;
  level: GrantLevel;
  purpose: string;
  expiresAt: string | null;
}

/** One entry as the vault document stores it (its `ledger` array). */
export interface LedgerEntry {
  /** 0-based position. */
  seq: number;
  type: LedgerEventType;
  /** ISO-8601 UTC; never earlier than the previous entry's. */
  at: string;
  recipient: Recipient;
  claims: LedgerClaim[];
  grantId: string | null;
  /** base64url SHA-256 of the packet, for `share` entries. */
  packetDigest: string | null;
  prev: string;
  hash: string;
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

const entryKeys = ['seq', 'type', 'at', 'recipient', 'claims', 'grantId', 'packetDigest', 'prev', 'hash'];
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
  if (!['grant', 'change', 'revoke', 'share'].includes(value.type as string)) throw new SelfCrmError('E_SCHEMA', 'unknown type', `${path}/type`);
  if (!Array.isArray(value.claims) || value.claims.length === 0) throw new SelfCrmError('E_SCHEMA', 'claims must be a non-empty array', `${path}/claims`);
  for (const key of ['grantId', 'packetDigest'] as const) {
    if (value[key] !== null && typeof value[key] !== 'string') throw new SelfCrmError('E_SCHEMA', `${key} must be a string or null`, `${path}/${key}`);
  }
  if (typeof value.prev !== 'string' || typeof value.hash !== 'string') throw new SelfCrmError('E_SCHEMA', 'prev and hash must be strings', `${path}/hash`);
  return {
    seq: value.seq as number,
    type: value.type as LedgerEventType,
    at: checkInstant(value.at, `${path}/at`),
    recipient: checkRecipient(value.recipient, `${path}/recipient`),
    claims: value.claims.map((c, i) => checkLedgerClaim(c, `${path}/claims/${i}`)),
    grantId: value.grantId as string | null,
    packetDigest: value.packetDigest as string | null,
    prev: value.prev,
    hash: value.hash,
  };
}

async function entryHash(entry: Omit<LedgerEntry, 'hash'>): Promise<string> {
  const { seq, type, at, recipient, claims, grantId, packetDigest, prev } = entry;
  return sha256(canonicalJson({ seq, type, at, recipient, claims, grantId, packetDigest, prev }));
}

/** An append-only, hash-chained ledger. Appends are serialised, and each is all-or-nothing. */
export class Ledger {
  #entries: LedgerEntry[] = [];
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * Checks a stored ledger: shape, sequence, chain, hashes, time order and (when given) the
   * expected head. Never throws for a broken ledger; reports each problem with its index.
   */
  static async verify(entries: unknown, options: { head?: string } = {}): Promise<LedgerCheck> {
    const problems: LedgerProblem[] = [];
    if (!Array.isArray(entries)) return { valid: false, length: 0, head: '', problems: [{ index: -1, kind: 'schema', message: 'a ledger must be an array' }] };
    let prev = '';
    let lastAt = '';
    for (let index = 0; index < entries.length; ++index) {
      let entry: LedgerEntry;
      try {
        entry = checkEntryShape(entries[index], `/${index}`);
      } catch (e) {
        problems.push({ index, kind: 'schema', message: (e as Error).message });
        prev = isPlainObject(entries[index]) ? String((entries[index] as Record<string, unknown>).hash) : '';
        continue;
      }
      if (entry.seq !== index) problems.push({ index, kind: 'sequence', message: `entry ${index} says it is number ${entry.seq}` });
      if (entry.prev !== prev) problems.push({ index, kind: 'chain', message: 'prev does not match the hash of the entry before' });
      if (entry.hash !== (await entryHash(entry))) problems.push({ index, kind: 'hash', message: 'the entry was changed after it was written' });
      if (entry.at < lastAt) problems.push({ index, kind: 'time', message: 'earlier than the entry before' });
      prev = entry.hash;
      lastAt = entry.at;
    }
    if (options.head !== undefined && options.head !== prev) {
      problems.push({ index: entries.length, kind: 'head', message: 'the ledger does not end at the expected head (entries dropped or added at the end)' });
    }
    return { valid: problems.length === 0, length: entries.length, head: prev, problems };
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

  /** Appends one event. @throws SelfCrmError E_SCHEMA for a bad event; E_RANGE when `now` is before the last entry. */
  append(
    event: { type: LedgerEventType; recipient: Recipient; claims: LedgerClaim[]; grantId?: string | null; packetDigest?: string | null },
    options?: { now?: Date },
  ): Promise<LedgerEntry> {
    const run = this.#queue.then(() => this.#append(event, options));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #append(
    event: { type: LedgerEventType; recipient: Recipient; claims: LedgerClaim[]; grantId?: string | null; packetDigest?: string | null },
    options?: { now?: Date },
  ): Promise<LedgerEntry> {
    if (!isPlainObject(event)) throw new SelfCrmError('E_SCHEMA', 'an event must be an object', '');
    const last = this.#entries[this.#entries.length - 1];
    const at = nowOf(options).toISOString();
    if (last && at < last.at) throw new SelfCrmError('E_RANGE', 'time goes backwards: now is before the last entry', '/now');
    const packetDigest = event.packetDigest ?? null;
    if (packetDigest !== null && (typeof packetDigest !== 'string' || !digestPattern.test(packetDigest))) throw new SelfCrmError('E_SCHEMA', 'a packet digest is base64url SHA-256', '/packetDigest');
    const draft = checkEntryShape(
      { seq: this.#entries.length, type: event.type, at, recipient: event.recipient, claims: event.claims, grantId: event.grantId ?? null, packetDigest, prev: last?.hash ?? '', hash: '' },
      '',
    );
    const entry: LedgerEntry = { ...draft, hash: await entryHash(draft) };
    this.#entries = [...this.#entries, entry];
    return structuredClone(entry);
  }

  /** Records a grant's creation, change or revocation. */
  recordGrant(type: 'grant' | 'change' | 'revoke', grant: Grant, options?: { now?: Date }): Promise<LedgerEntry> {
    if (!['grant', 'change', 'revoke'].includes(type)) return Promise.reject(new SelfCrmError('E_SCHEMA', 'type is grant, change or revoke', '/type'));
    const { claim, level, purpose, expiresAt } = grant;
    return this.append({ type, recipient: grant.recipient, claims: [{ claim, level, purpose, expiresAt }], grantId: grant.id }, options);
  }

  /** Records a packet handed to its recipient (its digest, not its content). */
  recordShare(packet: SharePacket, options?: { now?: Date }): Promise<LedgerEntry> {
    const claims = packet.claims.map(({ claim, level, purpose, expiresAt }) => ({ claim, level, purpose, expiresAt }));
    return this.append({ type: 'share', recipient: packet.recipient, claims, packetDigest: packet.digest }, options);
  }

  /** Every entry, oldest first (copies). */
  list(): LedgerEntry[] {
    return structuredClone(this.#entries);
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
  holdings(options?: { now?: Date }): Holding[] {
    const now = nowOf(options).toISOString();
    const rows = new Map<string, Holding>();
    for (const entry of this.#entries) {
      for (const c of entry.claims) {
        const key = JSON.stringify([entry.recipient.id, c.claim]);
        const row = rows.get(key);
        if (entry.type === 'share') {
          const since = row?.since ?? entry.at;
          rows.set(key, { recipient: entry.recipient, claim: c.claim, level: c.level, purpose: c.purpose, since, lastSharedAt: entry.at, expiresAt: c.level === 'borrowed' ? c.expiresAt : null, revokedAt: null, current: true });
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
