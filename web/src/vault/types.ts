// The vault document's shape as JS sees it (see web/schema/vault.schema.json for the rules). The
// records come from the core's field tables (record_types.ts, generated).
import type { ErrorCode, LineReject } from '../runtime/errors.js';
import type { Identity, IdentityDecisionEntry, IdentityKind, Interaction, JournalEntry, ProvenanceEntry, Referral, SocialReach, SurveyAnswer, Transaction } from './record_types.js';

export type {
  Decision, Direction, Identity, IdentityDecisionEntry, IdentityKind, Interaction, JournalEntry, ProvenanceEntry, Referral, SocialReach, SurveyAnswer, Transaction,
} from './record_types.js';
export type AttributeCategory = 'personal' | 'profile' | 'preferential' | 'performance';
/** An instant: an ISO-8601 string (`2024-01-02`, `2024-01-02T10:00:00Z`, …) or a Date. */
export type Instant = string | Date;

/** Names an identity in any spelling that normalises alike. */
export interface IdentityKey {
  kind: IdentityKind;
  value: string;
  network?: string;
}
export interface IdentityInput extends IdentityKey {
  verified?: boolean;
  primary?: boolean;
  /** Defaults to now. */
  addedAt?: Instant;
}

/** A date attribute is written `{ date: "…" }`; a Date given to setAttribute becomes one. */
export type AttributeValue = string | number | boolean | string[] | { date: string };
export type AttributeMap = Record<string, AttributeValue>;
export type Attributes = Record<AttributeCategory, AttributeMap>;

/** A record to add: `at` required; other fields default (0, "", false; participants 2); no id → one from content. */
export type RecordInput<T extends { at: string }> = Partial<Omit<T, 'at'>> & { at: Instant };

export interface History {
  transactions: Transaction[];
  interactions: Interaction[];
  surveys: SurveyAnswer[];
  referrals: Referral[];
  reach: SocialReach[];
}
export interface ProfileJSON {
  id: string;
  identities: Identity[];
  attributes: Attributes;
  history: History;
}
export interface VaultDocument extends ProfileJSON {
  schemaVersion: 1;
  journal: JournalEntry[];
  /** Where imported identities and attributes came from; absent until something was imported. */
  provenance?: ProvenanceEntry[];
  /** The customer's "same person"/"never merge" answers; absent until the first. */
  identityDecisions?: IdentityDecisionEntry[];
  /** Reserved for disclosure grants. */
  grants?: Record<string, unknown>[];
  /** Reserved for the disclosure ledger. */
  ledger?: Record<string, unknown>[];
}
/** What importHistory did: lines = added + duplicates + rejected. */
export interface ImportReport {
  added: number;
  duplicates: number;
  rejected: LineReject[];
}

/** What became of one imported item (Vault.applyImport). */
export interface ImportItemOutcome {
  /** As the journal names it: `email:ann@example.com`, `personal/name`. */
  item: string;
  /** Where in the source file: `line 4`, `$.email`. */
  path: string;
  /** added; merged (already held: the new source, and verified/primary, recorded); replaced (only
   *  with `replace`); unchanged (already taken from this file and place); skipped (the vault holds
   *  another value, kept); rejected (not valid for the vault). */
  outcome: 'added' | 'merged' | 'replaced' | 'unchanged' | 'skipped' | 'rejected';
  /** For skipped and rejected items. */
  code?: ErrorCode;
  message: string;
}
/** What applying one import batch did: the counts, and one outcome per item in batch order. */
export interface ImportApplyReport {
  added: number;
  merged: number;
  replaced: number;
  unchanged: number;
  skipped: number;
  rejected: number;
  items: ImportItemOutcome[];
}
