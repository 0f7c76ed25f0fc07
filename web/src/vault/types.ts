// The vault document's shape as JS sees it (see web/schema/vault.schema.json for the rules).
import type { LineReject } from '../runtime/errors.js';

export type IdentityKind = 'email' | 'phone' | 'twitter' | 'facebook' | 'linkedin' | 'instagram' | 'forum' | 'other';
export type AttributeCategory = 'personal' | 'profile' | 'preferential' | 'performance';
export type Direction = 'customer-to-business' | 'business-to-customer';
/** An instant: an ISO-8601 string (`2024-01-02`, `2024-01-02T10:00:00Z`, …) or a Date. */
export type Instant = string | Date;

/** One identifier as stored: `value` as entered, `normalized` the comparison key. */
export interface Identity {
  kind: IdentityKind;
  /** For `forum` and `other`: which one. Absent for the other kinds. */
  network?: string;
  value: string;
  normalized: string;
  verified: boolean;
  primary: boolean;
  addedAt: string;
}
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

export interface Transaction { id: string; at: string; amount: number; margin: number; currency: string; category: string }
export interface Interaction {
  id: string; at: string; channel: string; direction: Direction; isPublic: boolean; participants: number;
  threadId: string; replyExpected: boolean; replyReceived: boolean; text: string;
}
export interface SurveyAnswer { id: string; at: string; score: number; statedIntentToRecommend: boolean }
export interface Referral { id: string; at: string; referredCustomerId: string; converted: boolean; value: number }
export interface SocialReach { network: string; at: string; followers: number; posts: number; reshares: number; mentions: number }

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
/** One readable change: when, what kind, on what, how. */
export interface JournalEntry { at: string; op: string; target: string; detail: string }
export interface VaultDocument extends ProfileJSON {
  schemaVersion: 1;
  journal: JournalEntry[];
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
