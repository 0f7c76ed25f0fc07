import { checkLines, type LineOptions } from '../runtime/batch.js';
import { EngineObject, liveHandle } from '../runtime/engine.js';
import { checkOptions } from '../runtime/options.js';
import type { AsOf } from '../runtime/time.js';
import { SelfCrmError, unwrap, unwrapText } from '../runtime/errors.js';
import { withBytes } from '../runtime/heap.js';
import { wasm } from '../runtime/loader.js';
import type { VaultHandleRaw } from '../selfcrm.mjs';
import type { ClaimSource } from '../share/claims.js';
import type { Grant, GrantChanges, GrantInput, Recipient } from '../share/grants.js';
import { ledgerOf, type Ledger } from '../share/ledger.js';
import type { SharingDocument } from '../share/sharing.js';
import type { SharePacket } from '../share/packet.js';
import { profileClaims, type ClaimInsights } from './claims.js';
import {
  mergeSharing, openSharingState, sharingDocument, vaultSharing, type SharingHost, type SharingState, type VaultPresentOptions, type VaultShareOptions,
} from './sharing.js';
import type { ConsentItem } from '../share/consent.js';
import type { PresentationResult } from '../share/presentation.js';
import type { PairwiseKey } from '../share/pairwise.js';
import type {
  AttributeCategory, AttributeValue, Decision, IdentityDecisionEntry, IdentityInput, IdentityKey, ImportApplyReport, ImportReport, Instant, Interaction, JournalEntry,
  ProfileJSON, ProvenanceEntry, RecordInput, Referral, SocialReach, SurveyAnswer, Transaction, VaultDocument,
} from './types.js';
import type { ImportBatch } from './import/batch.js';

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
export class Vault extends EngineObject<VaultHandleRaw> {
  readonly #clock: () => number;

  private constructor(options: VaultOptions | undefined) {
    const o = checkOptions(options);
    if (o.clock !== undefined && typeof o.clock !== 'function') {
      throw new SelfCrmError('E_SCHEMA', 'clock must be a function returning milliseconds', '/clock');
    }
    super(new (wasm().VaultHandle)(), 'this Vault');
    this.#clock = o.clock ?? Date.now;
  }

  /** An empty vault. `id` defaults to a random UUID. */
  static create(id?: string, options?: VaultOptions): Vault {
    const chosen = id === undefined ? globalThis.crypto.randomUUID() : requireString(id, 'the vault id');
    const v = new Vault(options);
    v.#call((h) => h.reset(chosen));
    return v;
  }

  /**
   * Reads a vault document (text or parsed object). Strict: wrong types, bad dates, unknown fields
   * → `E_SCHEMA`/`E_RANGE` with the JSON Pointer; a newer `schemaVersion` → `E_VERSION`.
   */
  static fromJSON(document: string | object, options?: VaultOptions): Vault {
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
  override toString(): string {
    this.#flushSharing();
    return this.#coreText();
  }

  #coreText(): string {
    return unwrapText(this.live().toText());
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
  importHistory(ndjson: string | Uint8Array, options?: LineOptions): ImportReport {
    const firstLine = checkLines(ndjson, checkOptions(options), 'ndjson');
    const handle = this.live();
    return withBytes(ndjson, (pointer, bytes) =>
      unwrap<ImportReport>(handle.importHistory(pointer, bytes, firstLine, this.#now())),
    );
  }

  /**
   * Applies what an importer read from a contact card, sign-in claims or a platform export (see
   * `readImport`). Identities merge as addIdentity does (verified or-ed; the most preferred of a
   * kind becomes primary where none is); an attribute holding another value is kept and reported
   * unless `replace`. Every item in the vault afterwards records its source (file, digest, path,
   * time: see provenance()), and an item already taken from the same file and place is
   * unchanged, so applying a batch twice changes nothing. The batch's `rejects` are not looked
   * at: whether to apply a batch with rejects is the caller's decision.
   * @throws SelfCrmError E_SCHEMA for a batch not of the ImportBatch shape (nothing applied)
   */
  applyImport(batch: ImportBatch, options: { replace?: boolean } = {}): ImportApplyReport {
    const b = requireObject(batch, 'an import batch');
    const o = checkOptions(options);
    if (o.replace !== undefined && typeof o.replace !== 'boolean') throw new SelfCrmError('E_SCHEMA', 'replace must be true or false', '/replace');
    // `record` groups a batch's items for identity clustering; the vault keeps provenance instead.
    const items = (list: unknown) => (Array.isArray(list) ? list.map((i) => (isPlainObject(i) ? (({ record: _, ...rest }) => rest)(i) : i)) : list);
    const text = toText({ identities: items(b.identities) ?? [], attributes: items(b.attributes) ?? [], replace: o.replace === true }, 'the batch');
    const handle = this.live();
    return withBytes(text, (pointer, bytes) => unwrap<ImportApplyReport>(handle.applyImport(pointer, bytes, this.#now())));
  }

  /**
   * Records the customer's answer about two identities (in the vault or proposed by an import):
   * `same` (one person's) or `never` (never merge them). Kept in the document, respected by later
   * imports' proposals (proposeImportMerges) and by merges of other copies (the later answer about
   * a pair wins; at the same second, `never`). Returns false when that answer was already recorded.
   * @throws SelfCrmError E_RANGE for an identifier the vault cannot normalise, or one identity twice
   */
  decideIdentities(a: IdentityKey, b: IdentityKey, decision: Decision): boolean {
    const text = toText({ a: requireObject(a, 'an identity'), b: requireObject(b, 'an identity'), decision }, 'the decision');
    return this.#call<{ changed: boolean }>((h) => h.decideIdentities(text, this.#now())).changed;
  }

  /** The customer's identity decisions, by pair (labels `kind[/network]:normalised`, a < b). */
  identityDecisions(): IdentityDecisionEntry[] {
    return (JSON.parse(this.#coreText()) as VaultDocument).identityDecisions ?? [];
  }

  /** Where each imported identity and attribute came from, by item (`email:…`, `personal/name`). */
  provenance(): ProvenanceEntry[] {
    return (JSON.parse(this.#coreText()) as VaultDocument).provenance ?? [];
  }

  /**
   * Merges another copy of this vault into this one (deterministic, commutative, idempotent);
   * `other` is unchanged. Grants merge by id with revocation winning; ledgers that diverged are
   * joined by a merge entry.
   * @throws SelfCrmError E_CONFLICT for a different vault (another id: merge never joins two
   *   people), or while a sharing operation of either vault is still running.
   */
  merge(other: Vault): void {
    if (!(other instanceof Vault)) throw new SelfCrmError('E_SCHEMA', 'merge takes a Vault', '/other');
    if (this.#sharingRunning || other.#sharingRunning) {
      throw new SelfCrmError('E_CONFLICT', 'a grant, revoke or share of this vault is still running: await it before merging');
    }
    const now = this.#now();
    const sharing = mergeSharing(this.#storedSharing(), other.#storedSharing(), new Date(now * 1000));
    // The engine merges the profile and journal; grants and the ledger were joined above.
    const withoutSharing = (v: Vault) => {
      const doc = JSON.parse(v.#coreText()) as Record<string, unknown>;
      delete doc.grants;
      delete doc.ledger;
      return Vault.fromJSON(doc);
    };
    using mine = withoutSharing(this);
    using theirs = withoutSharing(other);
    mine.#call((h) => h.merge(liveHandle(theirs), now));
    const doc = JSON.parse(mine.#coreText()) as Record<string, unknown>;
    if (sharing.grants.length) doc.grants = sharing.grants;
    if (sharing.ledger.length) doc.ledger = sharing.ledger;
    this.#loadText(JSON.stringify(doc));
    this.#sharingOpen = undefined;
    this.#pendingSharing = undefined;
    this.#lastStamp = undefined;
  }

  /** @name Sharing: grants, packets and the ledger, kept in this vault's document. */

  /** Every grant, revoked ones included. */
  grants(): Grant[] {
    return this.#storedSharing().grants;
  }

  /** Grants `input.claim` to a recipient at a level, for a purpose, until an expiry; recorded in the ledger. */
  grant(input: GrantInput, options?: { now?: AsOf }): Promise<Grant> {
    return this.#serialSharing(() => vaultSharing.grant(this.#sharingHost(), input, options));
  }

  /** Changes a live grant's level, purpose or expiry; recorded in the ledger. */
  changeGrant(id: string, changes: GrantChanges, options?: { now?: AsOf }): Promise<Grant> {
    return this.#serialSharing(() => vaultSharing.change(this.#sharingHost(), id, changes, options));
  }

  /** Revokes a grant; the revocation is recorded and no later packet carries the claim. */
  revoke(id: string, options?: { now?: AsOf }): Promise<Grant> {
    return this.#serialSharing(() => vaultSharing.revoke(this.#sharingHost(), id, options));
  }

  /**
   * Withdraws what `origin` was given (every live grant to it, or those of `options.claims`): the
   * grants are revoked and recorded, and the result's `revocation` is a JWS signed by the origin's
   * pairwise key `options.key` for the company's intake (`selfcrm intake` honours it).
   */
  withdraw(origin: string, options: { key: PairwiseKey; claims?: string[]; now?: AsOf }): Promise<{ grants: Grant[]; revocation: string }> {
    return this.#serialSharing(() => vaultSharing.withdraw(this.#sharingHost(), origin, options));
  }

  /**
   * An SD-JWT packet for `recipient` holding exactly its live copied/borrowed grants (never owned
   * or displayed ones), signed with `options.keyPair`; its digest is appended to the ledger.
   */
  share(recipient: Recipient, options: VaultShareOptions): Promise<SharePacket> {
    return this.#serialSharing(() => vaultSharing.share(this.#sharingHost(), recipient, options));
  }

  /** What an OpenID4VP request asks of this customer, claim by claim, with the values that would go. */
  consent(request: unknown, insights?: ClaimInsights): Promise<ConsentItem[]> {
    return vaultSharing.consent(this.#sharingHost(), request, insights);
  }

  /**
   * Answers an OpenID4VP request for `options.origin` (as the browser reported it) with the approved
   * claims, as key-bound SD-JWT VCs signed by the origin's pairwise key; grants and ledger record it.
   */
  present(request: unknown, options: VaultPresentOptions): Promise<PresentationResult> {
    return this.#serialSharing(() => vaultSharing.present(this.#sharingHost(), request, options));
  }

  /**
   * The hash-chained ledger of every share and grant change (list, holdings, export), read like
   * grants(). `await ledger.verify()` checks its chain; every grant change and share checks it
   * before appending.
   */
  ledger(): Ledger {
    return ledgerOf(this.#storedSharing().ledger);
  }

  /** The claims this vault can disclose, derived ones read from `insights`. */
  claims(insights?: ClaimInsights): ClaimSource {
    return profileClaims(this.profileJSON(), insights);
  }

  #sharingQueue: Promise<unknown> = Promise.resolve();
  #sharingRunning = 0;
  // Grants and ledger, checked once and then kept open (see vault_sharing.ts).
  #sharingOpen: Promise<SharingState> | undefined;
  // What the document lacks: the grants after the last operation and how long the ledger was then.
  #pendingSharing: { state: SharingState; grants: Grant[]; length: number } | undefined;

  // One sharing operation at a time: each reads grants and ledger and writes them back.
  #serialSharing<T>(fn: () => Promise<T>): Promise<T> {
    ++this.#sharingRunning;
    const run = this.#sharingQueue.then(fn).finally(() => --this.#sharingRunning);
    this.#sharingQueue = run.catch(() => undefined);
    return run;
  }

  #sharingHost(): SharingHost {
    return {
      state: () => {
        const open = this.#sharingOpen ?? openSharingState(sharingDocument(JSON.parse(this.#coreText()) as VaultDocument), this.claims());
        this.#sharingOpen = open;
        open.catch(() => {
          if (this.#sharingOpen === open) this.#sharingOpen = undefined;
        });
        return open;
      },
      profileJSON: () => this.profileJSON(),
      changed: (state, grants) => {
        state.grants = grants;
        this.#pendingSharing = { state, grants, length: state.ledger.length() };
      },
    };
  }

  // Grants and ledger as they stand: the open state's when it changed since the last write.
  #storedSharing(): SharingDocument {
    const pending = this.#pendingSharing;
    if (pending) return { grants: structuredClone(pending.grants), ledger: pending.state.ledger.list().slice(0, pending.length) };
    return sharingDocument(JSON.parse(this.#coreText()) as VaultDocument);
  }

  // Brings the document's grants and ledger up to date (cost: the document's size, once per write).
  #flushSharing(): void {
    const pending = this.#pendingSharing;
    if (!pending) return;
    const doc = JSON.parse(this.#coreText()) as Record<string, unknown>;
    const { grants, ledger } = this.#storedSharing();
    doc.grants = grants;
    doc.ledger = ledger;
    this.#loadText(JSON.stringify(doc));
    this.#pendingSharing = undefined;
  }

  #loadText(text: string): void {
    withBytes(text, (pointer, bytes) => this.#call((h) => h.load(pointer, bytes)));
  }

  #add(type: string, record: unknown): boolean {
    const text = toText(requireObject(record, `a ${type}`), `the ${type}`);
    return this.#call<{ added: boolean }>((h) => h.addRecord(type, text, this.#now())).added;
  }

  // The latest journal time this copy has seen (seconds), once asked for.
  #lastStamp: number | undefined;

  // Hybrid logical clock: the wall clock, unless this copy has seen a later time (a copy whose
  // clock ran ahead, merged in); then one second after it, so a change made here after seeing
  // another still wins the attribute merge against it.
  #now(): number {
    const ms = this.#clock();
    if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new SelfCrmError('E_RANGE', 'the clock gave no finite time');
    const wall = Math.floor(ms / 1000);
    const journal = this.#lastStamp === undefined ? this.journal() : [];
    const last = this.#lastStamp ?? (journal.length ? Math.floor(Date.parse((journal[journal.length - 1] as JournalEntry).at) / 1000) : wall);
    const at = wall >= last ? wall : last + 1;
    this.#lastStamp = at;
    return at;
  }

  #call<T = unknown>(fn: (handle: VaultHandleRaw) => string): T {
    return unwrap<T>(fn(this.live()));
  }
}
