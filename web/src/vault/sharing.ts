// Grants, packets and the ledger of one vault, kept in the vault document's `grants` and `ledger`
// so they travel, merge and persist (encrypted or not) with the rest of the customer's data. The
// vault checks them once when first used and keeps them open: an operation then costs the same
// whatever the ledger's length (the document is brought up to date when it is next written).
import type { ClaimSource } from '../share/claims.js';
import { mergeGrants, type Grant, type GrantChanges, type GrantInput, type Recipient } from '../share/grants.js';
import type { SigningKeyPair } from '../share/keys.js';
import { mergeEntries, type Ledger, type LedgerEntry } from '../share/ledger.js';
import type { SharePacket, ShareOptions } from '../share/packet.js';
import type { ConsentItem } from '../share/consent.js';
import type { PresentationResult } from '../share/presentation.js';
import type { PairwiseKey } from '../share/pairwise.js';
import { Sharing, type PresentOptions, type SharingDocument } from '../share/sharing.js';
import { profileClaims, type ClaimInsights } from './claims.js';
import type { ProfileJSON, VaultDocument } from './types.js';
import type { AsOf } from '../runtime/time.js';

/** Grants and ledger as checked and held open by a vault. @internal */
export interface SharingState {
  grants: Grant[];
  ledger: Ledger;
}

/** What a vault exposes to its sharing helpers. @internal */
export interface SharingHost {
  /** The open state, checked when first asked for. */
  state(): Promise<SharingState>;
  profileJSON(): ProfileJSON;
  /** An operation on `state` succeeded: these are its grants now; its ledger was appended in place. */
  changed(state: SharingState, grants: Grant[]): void;
}

export interface VaultShareOptions extends ShareOptions {
  /** The vault's signing key pair (see `createKeyPair`); the vault never stores private keys. */
  keyPair: SigningKeyPair;
  /** Derived claims come from these insights (e.g. `engine.analyze(vault)`). */
  insights?: ClaimInsights;
}

/** The stored `grants` and `ledger` of a document ([] when absent). */
export function sharingDocument(doc: VaultDocument): SharingDocument {
  const d = doc as VaultDocument & { grants?: Grant[]; ledger?: LedgerEntry[] };
  return { grants: d.grants ?? [], ledger: d.ledger ?? [] };
}

/** Checks stored grants and ledger (E_SCHEMA/E_CONFLICT with the path) and opens them. */
export async function openSharingState(document: SharingDocument, claims: ClaimSource): Promise<SharingState> {
  // Only share() signs, and it is given its key pair then.
  const sharing = await Sharing.open({ keyPair: undefined as unknown as SigningKeyPair, claims, document });
  return { grants: sharing.grants(), ledger: sharing.ledger() };
}

/**
 * Two copies' grants and ledgers joined, synchronously: grants by id with revocation winning, the
 * ledgers by a merge entry when they diverged (see `mergeGrants`, `mergeEntries`).
 */
export function mergeSharing(mine: SharingDocument, theirs: SharingDocument, now: Date): SharingDocument {
  return { grants: mergeGrants(mine.grants, theirs.grants), ledger: mergeEntries(mine.ledger, theirs.ledger, { now }) };
}

/** Runs `fn` over the vault's open sharing state; the host keeps the result only if it succeeded. */
async function withSharing<T>(
  host: SharingHost,
  keyPair: SigningKeyPair | undefined,
  insights: ClaimInsights | undefined,
  fn: (sharing: Sharing) => Promise<T>,
): Promise<T> {
  const state = await host.state();
  const sharing = Sharing.attach(state.grants, state.ledger, keyPair as SigningKeyPair, profileClaims(host.profileJSON(), insights));
  const result = await fn(sharing);
  host.changed(state, sharing.grants());
  return result;
}

/** How the vault answers a presentation request; derived claims come from `insights`. */
export interface VaultPresentOptions extends PresentOptions {
  insights?: ClaimInsights;
}

export const vaultSharing = {
  consent: async (host: SharingHost, request: unknown, insights?: ClaimInsights): Promise<ConsentItem[]> => {
    const state = await host.state();
    // Read only: nothing is granted or recorded until present().
    return (await Sharing.attach(state.grants, state.ledger, undefined as unknown as SigningKeyPair, profileClaims(host.profileJSON(), insights)).consent(request)).items;
  },
  present: (host: SharingHost, request: unknown, options: VaultPresentOptions): Promise<PresentationResult> => {
    const { insights, ...rest } = options;
    return withSharing(host, undefined, insights, (s) => s.present(request, rest));
  },
  grant: (host: SharingHost, input: GrantInput, options?: { now?: AsOf }) =>
    withSharing(host, undefined, undefined, (s) => s.grant(input, options)),
  change: (host: SharingHost, id: string, changes: GrantChanges, options?: { now?: AsOf }) =>
    withSharing(host, undefined, undefined, (s) => s.changeGrant(id, changes, options)),
  revoke: (host: SharingHost, id: string, options?: { now?: AsOf }) =>
    withSharing(host, undefined, undefined, (s) => s.revoke(id, options)),
  withdraw: (host: SharingHost, origin: string, options: { key: PairwiseKey; claims?: string[]; now?: AsOf }) =>
    withSharing(host, undefined, undefined, (s) => s.withdraw(origin, options)),
  share: (host: SharingHost, recipient: Recipient, options: VaultShareOptions): Promise<SharePacket> => {
    const { keyPair, insights, ...shareOptions } = options;
    return withSharing(host, keyPair, insights, (s) => s.share(recipient, shareOptions));
  },
};
