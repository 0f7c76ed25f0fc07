// Which identifiers probably belong to one person (computed in the core, identity_match.hpp):
// merge proposals with their evidence, and which outside records are the vault owner's own.
import { unwrap } from '../runtime/errors.js';
import { withBytes } from '../runtime/heap.js';
import { wasm } from '../runtime/loader.js';
import type { Decision, IdentityKey } from './types.js';

/** One source record: identifiers that arrived together (a contacts row, a profile; `vault` = the vault's own). */
export interface MatchRecord {
  id: string;
  identities: IdentityKey[];
  /** Full name as written. */
  name?: string;
  /** YYYY-MM-DD; only a full date is evidence. */
  birthdate?: string;
}

/** The customer's answer about two identities, named `kind[/network]:normalised`. */
export interface IdentityDecision {
  a: string;
  b: string;
  decision: Decision;
}

export interface MatchEvidence {
  rule: 'shared-identifier' | 'same-record' | 'in-vault' | 'provider-rule' | 'same-handle' | 'name-birthdate' | 'confirmed';
  a: string;
  b: string;
  weight: number;
  detail: string;
}

export interface MergeProposal {
  identities: string[];
  records: string[];
  /** The weakest unconfirmed link that joins the cluster (0…1). */
  score: number;
  evidence: MatchEvidence[];
}

export interface OwnRecord {
  /** Position in the records given. */
  index: number;
  id: string;
  /** The owner's identity and the record's that show it (`rule`: shared-identifier, provider-rule, confirmed). */
  via: { a: string; b: string; rule: string }[];
  /** Identifiers the vault cannot take (no country code, not an address…), by index in the record. */
  invalid: { index: number; code: string; message: string }[];
}

function call<T>(name: 'identityProposeMerges' | 'identityOwnRecords', input: unknown): T {
  const mod = wasm();
  return withBytes(JSON.stringify(input), (pointer, bytes) => unwrap<T>(mod[name](pointer, bytes)));
}

/**
 * Clusters of identifiers that probably belong together, strongest evidence first; a "never"
 * decision keeps two identities apart and a cluster the customer fully confirmed is not proposed
 * again. @throws SelfCrmError E_RANGE with `/records/i/identities/j/value` for an identifier the
 * vault cannot normalise; E_SCHEMA for a malformed request.
 */
export function proposeMerges(records: MatchRecord[], decisions: IdentityDecision[] = [], threshold = 0.5): MergeProposal[] {
  return call('identityProposeMerges', { records, decisions, threshold });
}

/** The records that are the owner's (share an email/phone/handle with `owner` under the match rules, or a "same" decision), in order. */
export function ownRecords(owner: IdentityKey[], records: MatchRecord[], decisions: IdentityDecision[] = []): OwnRecord[] {
  // The vault's identities come as they are stored (addedAt, normalized…): only the key is sent.
  const keys = owner.map(({ kind, value, network }) => ({ kind, value, ...(network ? { network } : {}) }));
  return call('identityOwnRecords', { owner: keys, records: records.map(({ id, identities }) => ({ id, identities })), decisions });
}
