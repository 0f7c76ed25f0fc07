// Merge proposals for what an import would bring in: the vault's own identities (one person) and
// each source record of the batches, clustered by the core (identity_match.ts).
import { proposeMerges, type IdentityDecision, type MatchRecord, type MergeProposal } from '../identity_match.js';
import type { IdentityKey } from '../types.js';
import type { ImportBatch } from './batch.js';

/** The records the batches hold: identities grouped by `record`, with the record's name and full birthdate. */
export function matchRecordsOf(batches: ImportBatch[]): MatchRecord[] {
  const records = new Map<string, MatchRecord>();
  for (const batch of batches) {
    const recordOf = (item: { record?: string; provenance: { file: string; path: string } }) => {
      const id = `${item.provenance.file}: ${item.record ?? item.provenance.path}`;
      let r = records.get(id);
      if (!r) records.set(id, (r = { id, identities: [] }));
      return r;
    };
    for (const i of batch.identities) {
      recordOf(i).identities.push({ kind: i.kind, value: i.value, ...(i.network === undefined ? {} : { network: i.network }) });
    }
    for (const a of batch.attributes) {
      if (a.category !== 'personal') continue;
      if (a.name === 'name' && typeof a.value === 'string') recordOf(a).name = a.value;
      if (a.name === 'birthDate' && typeof a.value === 'object' && !Array.isArray(a.value)) recordOf(a).birthdate = a.value.date;
    }
  }
  return [...records.values()].filter((r) => r.identities.length > 0);
}

/** Proposals joining the vault's identities (record `vault`) and the batches' records. */
export function proposeImportMerges(vaultIdentities: IdentityKey[], batches: ImportBatch[], decisions: IdentityDecision[] = []): MergeProposal[] {
  const own: MatchRecord = { id: 'vault', identities: vaultIdentities.map(({ kind, value, network }) => ({ kind, value, ...(network ? { network } : {}) })) };
  return proposeMerges([own, ...matchRecordsOf(batches)], decisions);
}
