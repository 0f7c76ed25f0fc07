import '../runtime/dispose.js';
import { SelfCrmError, unwrap } from '../runtime/errors.js';
import { withBytes } from '../runtime/heap.js';
import { wasm } from '../runtime/loader.js';
import type { VaultHandleRaw } from '../selfcrm.mjs';
import type { ClaimSource } from '../share/claims.js';
import type { Grant, GrantChanges, GrantInput, Recipient } from '../share/grants.js';
import type { Ledger } from '../share/ledger.js';
import type { SharePacket } from '../share/packet.js';
import { profileClaims, type ClaimInsights } from './claims.js';
import { vaultSharing, type SharingHost, type VaultShareOptions } from './sharing.js';
import type {
  AttributeCategory, AttributeValue, IdentityInput, IdentityKey, ImportReport, Instant, Interaction, JournalEntry,
  ProfileJSON, RecordInput, Referral, SocialReach, SurveyAnswer, Transaction, VaultDocument,
} from './types.js';

/** Options for a vault: where "now" comes from (milliseconds, like Date.now) for the journal. */
export interface VaultOptions {
  clock?: () => number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new SelfCrmError('E_SCHEMA', `${what} must be an object`);
  return value;
}

function requireString(value: unknown, what: string, path = ''): string {
  if (typeof value !== 'string') throw new SelfCrmError('E_SCHEMA', `${what} must be a string`, path);
  return value;
}

// Dates become ISO strings (Date.prototype.toJSON); values JSON cannot hold (BigInt, cycles) are
// E_SCHEMA rather than a TypeError.
function toText(value: unknown, what: string): string {
  try {
    return JSON.stringify(value);
  } catch (e) {
    throw new SelfCrmError('E_SCHEMA', `${what} cannot be written as JSON: ${(e as Error).message}`);
  }
}

function attributeText(value: unknown): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new SelfCrmError('E_RANGE', 'an invalid Date', '/value');
    return toText({ date: value.toISOString() }, 'the value');
  }
  const ok = ['string', 'number', 'boolean'].includes(typeof value) || Array.isArray(value) || isPlainObject(value);
  if (!ok) throw new SelfCrmError('E_SCHEMA', 'an attribute is a string, number, boolean, list of strings or Date', '/value');
  return toText(value, 'the value');
}

/**
 * The customer's own vault: identities, Four-Ps attributes, history and a change journal, held
 * in the engine. Every method either applies completely or throws `SelfCrmError` and leaves the
 * vault as it was. Owns engine memory: call `dispose()` or use `using`.
 */
export class Vault {
  #handle: VaultHandleRaw | undefined;
  readonly #clock: () => number;

  private constructor(options: VaultOptions) {
    if (options.clock !== undefined && typeof options.clock !== 'function') {
      throw new SelfCrmError('E_SCHEMA', 'clock must be a function returning milliseconds');
    }
    this.#clock = options.clock ?? Date.now;
    this.#handle = new (wasm().VaultHandle)();
  }

  /** An empty vault. `id` defaults to a random UUID. */
  static create(id?: string, options: VaultOptions = {}): Vault {
    const chosen = id === undefined ? globalThis.crypto.randomUUID() : requireString(id, 'the vault id');
    const v = new Vault(options);
    v.#call((h) => h.reset(chosen));
    return v;
  }

  /**
   * Reads a vault document (text or parsed object). Strict: wrong types, bad dates, unknown fields
   * → `E_SCHEMA`/`E_RANGE` with the JSON Pointer; a newer `schemaVersion` → `E_VERSION`.
   */
  static fromJSON(document: string | object, options: VaultOptions = {}): Vault {
    const text = typeof document === 'string' ? document : isPlainObject(document) ? toText(document, 'the document') : undefined;
    if (text === undefined) throw new SelfCrmError('E_SCHEMA', 'a vault document is a JSON string or an object');
    const v = new Vault(options);
    try {
      withBytes(text, (pointer, bytes) => v.#call((h) => h.load(pointer, bytes)));
    } catch (e) {
      v.dispose();
      throw e;
    }
    return v;
  }

  /** The whole document (canonical order), ready for JSON.stringify. */
  toJSON(): VaultDocument {
    return JSON.parse(this.toString()) as VaultDocument;
  }

  /** The document as compact JSON text (keys sorted), as the engine writes it. */
  toString(): string {
    const envelope = this.#live().toText();
    // The success envelope wraps the text verbatim: cut it out instead of parsing 10+ MB twice.
    const prefix = '{"ok":true,"value":';
    return envelope.startsWith(prefix) ? envelope.slice(prefix.length, -1) : unwrap<never>(envelope);
  }

  /** The profile part only, the shape other modules compute on. */
  profileJSON(): ProfileJSON {
    return this.#call<ProfileJSON>((h) => h.profile());
  }

  /** The change journal, oldest first. */
  journal(): JournalEntry[] {
    return this.#call<JournalEntry[]>((h) => h.journal());
  }

  /** Adds an identifier; returns true when it normalised to one already present and was merged into it. */
  addIdentity(identity: IdentityInput): boolean {
    const text = toText(requireObject(identity, 'an identity'), 'the identity');
    return this.#call<{ merged: boolean }>((h) => h.addIdentity(text, this.#now())).merged;
  }

  /** Sets `verified`/`primary` of an identity named in any spelling. @throws `E_NOT_FOUND` */
  updateIdentity(patch: IdentityKey & { verified?: boolean; primary?: boolean }): void {
    const text = toText(requireObject(patch, 'an identity'), 'the identity');
    this.#call((h) => h.updateIdentity(text, this.#now()));
  }

  /** @throws `E_NOT_FOUND` when no identity normalises alike. */
  removeIdentity(key: IdentityKey): void {
    const text = toText(requireObject(key, 'an identity'), 'the identity');
    this.#call((h) => h.removeIdentity(text, this.#now()));
  }

  setAttribute(category: AttributeCategory, name: string, value: AttributeValue | Date): void {
    requireString(category, 'the category', '/category');
    requireString(name, 'the attribute name', '/name');
    const text = attributeText(value);
    this.#call((h) => h.setAttribute(category, name, text, this.#now()));
  }

  /** @throws `E_NOT_FOUND` when the attribute is not set. */
  removeAttribute(category: AttributeCategory, name: string): void {
    requireString(category, 'the category', '/category');
    requireString(name, 'the attribute name', '/name');
    this.#call((h) => h.removeAttribute(category, name, this.#now()));
  }

  /** Each add returns false when the same record (same id and content) is already there. */
  addTransaction(record: RecordInput<Transaction>): boolean {
    return this.#add('transaction', record);
  }
  addInteraction(record: RecordInput<Interaction>): boolean {
    return this.#add('interaction', record);
  }
  addSurveyAnswer(record: RecordInput<SurveyAnswer>): boolean {
    return this.#add('survey', record);
  }
  addReferral(record: RecordInput<Referral>): boolean {
    return this.#add('referral', record);
  }
  addReach(record: RecordInput<SocialReach>): boolean {
    return this.#add('reach', record);
  }

  /**
   * Imports NDJSON history in one call: each line `{"type": "transaction"|"interaction"|"survey"|
   * "referral"|"reach", …record}`. Bad lines are returned, good ones added together.
   */
  importHistory(ndjson: string | Uint8Array, firstLine = 1): ImportReport {
    if (typeof ndjson !== 'string' && !(ndjson instanceof Uint8Array)) {
      throw new SelfCrmError('E_SCHEMA', 'history is NDJSON text or bytes');
    }
    if (!Number.isInteger(firstLine) || firstLine < 1) throw new SelfCrmError('E_RANGE', 'firstLine is a positive integer');
    const handle = this.#live();
    return withBytes(ndjson, (pointer, bytes) =>
      unwrap<ImportReport>(handle.importHistory(pointer, bytes, firstLine, this.#now())),
    );
  }

  /**
   * Merges another copy of this vault into this one (deterministic, commutative, idempotent);
   * `other` is unchanged. A different vault (another id) is E_CONFLICT: merge never joins two people.
   */
  merge(other: Vault): void {
    if (!(other instanceof Vault)) throw new SelfCrmError('E_SCHEMA', 'merge takes a Vault');
    const theirs = other.#live();
    this.#call((h) => h.merge(theirs, this.#now()));
  }

  /** @name Sharing: grants, packets and the ledger, kept in this vault's document. */

  /** Every grant, revoked ones included. */
  grants(): Grant[] {
    return vaultSharing.grants(this.#sharingHost());
  }

  /** Grants `input.claim` to a recipient at a level, for a purpose, until an expiry; recorded in the ledger. */
  grant(input: GrantInput, options?: { now?: Date }): Promise<Grant> {
    return this.#serialSharing(() => vaultSharing.grant(this.#sharingHost(), input, options));
  }

  /** Changes a live grant's level, purpose or expiry; recorded in the ledger. */
  changeGrant(id: string, changes: GrantChanges, options?: { now?: Date }): Promise<Grant> {
    return this.#serialSharing(() => vaultSharing.change(this.#sharingHost(), id, changes, options));
  }

  /** Revokes a grant; the revocation is recorded and no later packet carries the claim. */
  revoke(id: string, options?: { now?: Date }): Promise<Grant> {
    return this.#serialSharing(() => vaultSharing.revoke(this.#sharingHost(), id, options));
  }

  /**
   * An SD-JWT packet for `recipient` holding exactly its live copied/borrowed grants (never owned
   * or displayed ones), signed with `options.keyPair`; its digest is appended to the ledger.
   */
  share(recipient: Recipient, options: VaultShareOptions): Promise<SharePacket> {
    return this.#serialSharing(() => vaultSharing.share(this.#sharingHost(), recipient, options));
  }

  /** The hash-chained ledger of every share and grant change (list, holdings, verify, export). */
  ledger(): Promise<Ledger> {
    return vaultSharing.ledger(this.#sharingHost());
  }

  /** The claims this vault can disclose, derived ones read from `insights`. */
  claims(insights?: ClaimInsights): ClaimSource {
    return profileClaims(this.profileJSON(), insights);
  }

  /** Frees the engine memory; the vault cannot be used afterwards. Safe to call twice. */
  dispose(): void {
    this.#handle?.delete();
    this.#handle = undefined;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  #sharingQueue: Promise<unknown> = Promise.resolve();

  // One sharing operation at a time: each reads grants and ledger and writes them back.
  #serialSharing<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#sharingQueue.then(fn);
    this.#sharingQueue = run.catch(() => undefined);
    return run;
  }

  #sharingHost(): SharingHost {
    return {
      toJSON: () => this.toJSON(),
      profileJSON: () => this.profileJSON(),
      replaceSharing: (sharing) => {
        const text = JSON.stringify({ ...this.toJSON(), grants: sharing.grants, ledger: sharing.ledger });
        withBytes(text, (pointer, bytes) => this.#call((h) => h.load(pointer, bytes)));
      },
    };
  }

  #add(type: string, record: unknown): boolean {
    const text = toText(requireObject(record, `a ${type}`), `the ${type}`);
    return this.#call<{ added: boolean }>((h) => h.addRecord(type, text, this.#now())).added;
  }

  #now(): number {
    const ms = this.#clock();
    if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new SelfCrmError('E_RANGE', 'the clock gave no finite time');
    return Math.floor(ms / 1000);
  }

  #call<T = unknown>(fn: (handle: VaultHandleRaw) => string): T {
    return unwrap<T>(fn(this.#live()));
  }

  #live(): VaultHandleRaw {
    if (!this.#handle) throw new SelfCrmError('E_DISPOSED', 'this Vault was disposed');
    return this.#handle;
  }
}
