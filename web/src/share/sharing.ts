// The customer's sharing state in one place, shaped like the vault's API (grant, changeGrant, revoke,
// grants, share, ledger): each operation updates the grants and appends to the ledger together, or
// does neither. The vault can hold one and persist `toJSON()` as its document's `grants`/`ledger`.
import { SelfCrmError } from '../runtime/errors.js';
import type { ClaimSource } from './claims.js';
import { checkGrants, withChangedGrant, withNewGrant, withRevokedGrant, type Grant, type GrantChanges, type GrantInput, type Recipient } from './grants.js';
import { appendEntry, Ledger, recordGrant, recordShare, type LedgerEntry } from './ledger.js';
import { share, type SharePacket, type ShareOptions } from './packet.js';
import type { SigningKeyPair } from './keys.js';
import type { AsOf } from '../runtime/time.js';
import { nowOf } from './time.js';
import { approvedClaims, consentItems, type ConsentItem } from './consent.js';
import type { PairwiseKey } from './pairwise.js';
import { createPresentation, type PresentationResult } from './presentation.js';
import { createRevocation } from './revocation.js';
import type { ComputedWith } from './request.js';

/** How the vault answers a request it was shown: who asked (from the browser), what was approved. */
export interface PresentOptions {
  /** The requesting origin as the browser reported it (`event.origin`), never the request's word. */
  origin: string;
  /** Claim names the customer approved (others asked for are left out). */
  approve: Iterable<string>;
  /** The origin's pairwise key. */
  key: PairwiseKey;
  computedWith?: ComputedWith;
  now?: AsOf;
  /** Seconds the presentation stays valid (default 600). */
  validFor?: number;
}

/** What the vault document stores for sharing. */
export interface SharingDocument {
  grants: Grant[];
  ledger: LedgerEntry[];
}

export class Sharing {
  #grants: Grant[];
  #ledger: Ledger;
  // Signs share() packets only: presentations and revocations use the origin's pairwise key.
  #keyPair: SigningKeyPair | undefined;
  #claims: ClaimSource;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(grants: Grant[], ledger: Ledger, keyPair: SigningKeyPair | undefined, claims: ClaimSource) {
    this.#grants = grants;
    this.#ledger = ledger;
    this.#keyPair = keyPair;
    this.#claims = claims;
  }

  /**
   * Sharing state over `claims`, signing share() packets with `keyPair` (not needed to present or
   * withdraw: those sign with the origin's pairwise key), optionally restored from a stored document
   * (grants and ledger are validated; `head` guards the ledger against truncation).
   * @throws SelfCrmError E_SCHEMA/E_CONFLICT with the path under `/grants` or `/ledger`.
   */
  static async open(options: { keyPair?: SigningKeyPair; claims: ClaimSource; document?: Partial<SharingDocument>; head?: string }): Promise<Sharing> {
    const grants = checkGrants(options.document?.grants ?? []);
    let ledger: Ledger;
    try {
      ledger = await Ledger.load(options.document?.ledger ?? [], options.head === undefined ? {} : { head: options.head });
    } catch (e) {
      if (e instanceof SelfCrmError) throw new SelfCrmError(e.code, e.message.replace(/ \(at [^)]*\)$/, ''), `/ledger${e.path}`);
      throw e;
    }
    if (!options.claims || typeof options.claims.resolve !== 'function') throw new SelfCrmError('E_SCHEMA', 'claims must be a ClaimSource', '/claims');
    return new Sharing(grants, ledger, options.keyPair, options.claims);
  }

  /** @internal Sharing over state already checked (the vault keeps it open between operations). */
  static attach(grants: Grant[], ledger: Ledger, keyPair: SigningKeyPair, claims: ClaimSource): Sharing {
    return new Sharing(grants, ledger, keyPair, claims);
  }

  // One operation at a time, so a grant list and its ledger entry never interleave with another's.
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Adds a grant and records it. */
  grant(input: GrantInput, options?: { now?: AsOf }): Promise<Grant> {
    return this.#serial(async () => {
      const { grants, grant } = withNewGrant(this.#grants, input, options);
      await recordGrant(this.#ledger, 'grant', grant, options);
      this.#grants = grants;
      return grant;
    });
  }

  /** Changes a live grant's level, purpose or expiry and records it (named as on Vault). */
  changeGrant(id: string, changes: GrantChanges, options?: { now?: AsOf }): Promise<Grant> {
    return this.#serial(async () => {
      const { grants, grant } = withChangedGrant(this.#grants, id, changes, options);
      await recordGrant(this.#ledger, 'change', grant, options);
      this.#grants = grants;
      return grant;
    });
  }

  /** Revokes a live grant and records it. */
  revoke(id: string, options?: { now?: AsOf }): Promise<Grant> {
    return this.#serial(async () => {
      const { grants, grant } = withRevokedGrant(this.#grants, id, options);
      await recordGrant(this.#ledger, 'revoke', grant, options);
      this.#grants = grants;
      return grant;
    });
  }

  /**
   * Withdraws what `origin` was given: revokes every live grant to it (only those of `claims` when
   * named), records each in the ledger, and returns the signed revocation to send to the company
   * (its intake honours it: exports leave the claims out, purge deletes them), signed by `key`, the
   * origin's pairwise key, so the company knows it from the same holder as the presentations.
   * @throws SelfCrmError E_CONFLICT for a key of another origin; E_NOT_FOUND when nothing is live.
   */
  withdraw(origin: string, options: { key: PairwiseKey; claims?: string[]; now?: AsOf }): Promise<{ grants: Grant[]; revocation: string }> {
    return this.#serial(async () => {
      if (options?.key?.origin !== origin) throw new SelfCrmError('E_CONFLICT', 'the key must be the pairwise key of this origin', '/key');
      const live = this.#grants.filter((g) => g.recipient.origin === origin && g.revokedAt === null && (!options.claims || options.claims.includes(g.claim)));
      if (!live.length) throw new SelfCrmError('E_NOT_FOUND', `no live grant to ${origin}${options.claims ? ' of these claims' : ''}`, '/claims');
      const revocation = await createRevocation(options.key, { claims: [...new Set(live.map((g) => g.claim))], now: nowOf(options) });
      let grants = this.#grants;
      const revoked: Grant[] = [];
      for (const g of live) {
        const done = withRevokedGrant(grants, g.id, options);
        grants = done.grants;
        revoked.push(done.grant);
      }
      for (const g of revoked) await recordGrant(this.#ledger, 'revoke', g, options);
      this.#grants = grants;
      return { grants: structuredClone(revoked), revocation };
    });
  }

  /** Every grant, revoked ones included (copies). */
  grants(): Grant[] {
    return structuredClone(this.#grants);
  }

  /** A packet for `recipient` from the live grants, recorded in the ledger by its digest. */
  share(recipient: Recipient, options: ShareOptions = {}): Promise<SharePacket> {
    return this.#serial(async () => {
      // share() refuses a missing key pair (E_SCHEMA at /keyPair) before anything is recorded.
      const packet = await share(recipient, this.#grants, this.#claims, this.#keyPair as SigningKeyPair, options);
      await recordShare(this.#ledger, packet, options.now === undefined ? {} : { now: options.now });
      return packet;
    });
  }

  /** What `request` asks of this customer, with the values that would go: the consent screen's items. */
  consent(request: unknown): Promise<{ items: ConsentItem[] }> {
    return consentItems(request, this.#claims).then(({ items }) => ({ items }));
  }

  /**
   * Answers `request` with the approved claims (built from the same items consent() shows): each
   * approved claim becomes a grant to the origin, and the presentation a ledger entry with its
   * nonce, query hash and disclosure digests.
   */
  present(request: unknown, options: PresentOptions): Promise<PresentationResult> {
    return this.#serial(async () => {
      const { request: checked, items } = await consentItems(request, this.#claims);
      const approved = approvedClaims(items, options.approve, options.computedWith);
      const result = await createPresentation(checked, options.origin, approved, options.key, { now: nowOf(options), ...(options.validFor === undefined ? {} : { validFor: options.validFor }) });
      const recipient: Recipient = { id: options.origin, displayName: new URL(options.origin).host, origin: options.origin };
      let grants = this.#grants;
      const changes: { type: 'grant' | 'change'; grant: Grant }[] = [];
      for (const record of result.records) {
        for (const d of record.disclosures) {
          const live = grants.find((g) => g.recipient.id === recipient.id && g.claim === d.claim && g.revokedAt === null);
          const terms = { level: d.level, purpose: d.purpose, expiresAt: d.expiresAt };
          if (!live) {
            const made = withNewGrant(grants, { recipient, claim: d.claim, ...terms }, options);
            grants = made.grants;
            changes.push({ type: 'grant', grant: made.grant });
          } else if (live.level !== d.level || live.purpose !== d.purpose || live.expiresAt !== d.expiresAt) {
            const changed = withChangedGrant(grants, live.id, terms, options);
            grants = changed.grants;
            changes.push({ type: 'change', grant: changed.grant });
          }
        }
      }
      const at = options.now ? { now: options.now } : {};
      for (const c of changes) await recordGrant(this.#ledger, c.type, c.grant, at);
      for (const record of result.records) {
        await appendEntry(this.#ledger, {
          type: 'share', recipient, packetDigest: record.digest,
          claims: record.disclosures.map(({ claim, level, purpose, expiresAt: until }) => ({ claim, level, purpose, expiresAt: until })),
          presentation: { nonce: checked.nonce, queryHash: result.queryHash, digests: Object.fromEntries(record.disclosures.map((d) => [d.claim, d.digest])), expiresAt: result.expiresAt },
        }, at);
      }
      this.#grants = grants;
      return result;
    });
  }

  /** The ledger (read it with list(), holdings(), verify(), export()). */
  ledger(): Ledger {
    return this.#ledger;
  }

  /** The document fields to persist. */
  toJSON(): SharingDocument {
    return { grants: this.grants(), ledger: this.#ledger.list() };
  }
}
