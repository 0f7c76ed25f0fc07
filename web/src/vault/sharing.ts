// Grants, packets and the ledger of one vault, kept in the vault document's `grants` and `ledger`
// so they travel, merge and persist (encrypted or not) with the rest of the customer's data.
import type { Grant, GrantChanges, GrantInput, Recipient } from '../share/grants.js';
import type { SigningKeyPair } from '../share/keys.js';
import type { Ledger, LedgerEntry } from '../share/ledger.js';
import type { SharePacket, ShareOptions } from '../share/packet.js';
import { Sharing, type SharingDocument } from '../share/sharing.js';
import { profileClaims, type ClaimInsights } from './claims.js';
import type { ProfileJSON, VaultDocument } from './types.js';

/** What a vault exposes to its sharing helpers. @internal */
export interface SharingHost {
  toJSON(): VaultDocument;
  profileJSON(): ProfileJSON;
  /** Replaces grants and ledger in one step (all-or-nothing). */
  replaceSharing(document: SharingDocument): void;
}

export interface VaultShareOptions extends ShareOptions {
  /** The vault's signing key pair (see `createKeyPair`); the vault never stores private keys. */
  keyPair: SigningKeyPair;
  /** Derived claims come from these insights (e.g. `engine.analyze(vault)`). */
  insights?: ClaimInsights;
}

function sharingDocument(host: SharingHost): SharingDocument {
  const doc = host.toJSON() as VaultDocument & { grants?: Grant[]; ledger?: LedgerEntry[] };
  return { grants: doc.grants ?? [], ledger: doc.ledger ?? [] };
}

/** Opens the vault's grants and ledger, runs `fn`, and writes both back only if it succeeded. */
export async function withSharing<T>(
  host: SharingHost,
  keyPair: SigningKeyPair | undefined,
  insights: ClaimInsights | undefined,
  fn: (sharing: Sharing) => Promise<T>,
): Promise<T> {
  const sharing = await Sharing.open({
    // Only share() signs; grant changes never touch the key.
    keyPair: keyPair as SigningKeyPair,
    claims: profileClaims(host.profileJSON(), insights),
    document: sharingDocument(host),
  });
  const result = await fn(sharing);
  host.replaceSharing(sharing.toJSON());
  return result;
}

export const vaultSharing = {
  grants: (host: SharingHost): Grant[] => sharingDocument(host).grants,
  grant: (host: SharingHost, input: GrantInput, options?: { now?: Date }) =>
    withSharing(host, undefined, undefined, (s) => s.grant(input, options)),
  change: (host: SharingHost, id: string, changes: GrantChanges, options?: { now?: Date }) =>
    withSharing(host, undefined, undefined, (s) => s.change(id, changes, options)),
  revoke: (host: SharingHost, id: string, options?: { now?: Date }) =>
    withSharing(host, undefined, undefined, (s) => s.revoke(id, options)),
  share: (host: SharingHost, recipient: Recipient, options: VaultShareOptions): Promise<SharePacket> => {
    const { keyPair, insights, ...shareOptions } = options;
    return withSharing(host, keyPair, insights, (s) => s.share(recipient, shareOptions));
  },
  ledger: async (host: SharingHost): Promise<Ledger> =>
    (await Sharing.open({ keyPair: undefined as unknown as SigningKeyPair, claims: profileClaims(host.profileJSON()), document: sharingDocument(host) })).ledger(),
};
