// `selfcrm vault import VAULT SOURCE --from KIND`: what the customer already holds (a contact card,
// sign-in claims, a platform export) read by the kind's reader and applied to the vault in one
// locked step. A source with problems changes nothing (unless --max-rejects allows some), and a
// run that changes nothing leaves the file's bytes as they were.
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

import { loadVaultFile, SelfCrmError, updateVaultFile, type ImportApplyReport, type ImportProblem, type LoadVaultOptions, type SaveOptions } from '../../index.node.js';
import { importReader, importReaders } from '../../import.js';
import { UsageError, write } from '../io/usage.js';

/** The action's lines of `selfcrm vault --help` (the kinds come from the registry). */
export const importFromHelp = `  import VAULT SOURCE --from KIND
                                 add what SOURCE holds ("-": stdin), read as KIND:
${Object.values(importReaders).map((r) => `                                   ${r.kind.padEnd(20)} ${r.describe}`).join('\n')}
                                 stdout: one line per item and per part of SOURCE left out, with
                                 where it is in SOURCE and why; stderr: the counts. Any reject
                                 (broken input) changes nothing, unless --max-rejects allows it`;

/** Its options' lines. */
export const importFromOptionsHelp = `      --from KIND                import: read SOURCE as KIND (without it, history NDJSON)
      --card N                   import --from vcard/jcard: the customer's own card is the Nth (default 1)
      --replace                  import --from: the file's attribute values replace different ones held`;

export interface ImportFromOptions {
  vault: string;
  source: string;
  kind: string;
  card?: string;
  replace: boolean;
  maxRejects?: number;
  load: LoadVaultOptions & SaveOptions & { lockTimeoutMs: number };
  /** Encrypts a plain vault after the change (--encrypt). */
  after: () => Promise<void>;
}

class NothingToSave extends Error {}

async function sourceBlob(source: string): Promise<Blob> {
  if (source === '-') {
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    for await (const chunk of process.stdin) chunks.push(new Uint8Array(chunk as Buffer));
    return new Blob(chunks);
  }
  try {
    // A Blob backed by the file: readers of large archives stream it instead of reading it whole.
    return typeof openAsBlob === 'function' ? await openAsBlob(source) : new Blob([await readFile(source)]);
  } catch (e) {
    throw new SelfCrmError('E_IO', `cannot read ${source}: ${(e as Error).message}`);
  }
}

const line = (p: { path: string; code?: string; message: string }, what: string, item = '') =>
  `${p.path || '(file)'}\t${what}${p.code ? ` ${p.code}` : ''}\t${item}\t${p.message}\n`;

async function ownerOf(o: ImportFromOptions) {
  const vault = await loadVaultFile(o.vault, o.load);
  try {
    return { owner: vault.profileJSON().identities, decisions: vault.identityDecisions() };
  } finally {
    vault.dispose();
  }
}

export async function runVaultImportFrom(o: ImportFromOptions): Promise<number> {
  let reader;
  try {
    reader = importReader(o.kind);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let card: number | undefined;
  if (o.card !== undefined) {
    card = Number(o.card);
    if (!Number.isInteger(card) || card < 1) throw new UsageError(`--card is a card number from 1, not "${o.card}"`);
  }
  const name = o.source === '-' ? 'stdin' : basename(o.source);
  // An address book holds other people: its reader needs to know who the vault's owner is.
  const owner = o.kind === 'google-contacts-csv' ? await ownerOf(o) : {};
  const batch = await reader.read(await sourceBlob(o.source), name, { ...owner, ...(card === undefined ? {} : { card }) });
  const out = [...batch.skipped.map((p) => line(p, 'skipped'))];
  const rejects: ImportProblem[] = [...batch.rejects];
  const allowed = o.maxRejects ?? 0;
  let report: ImportApplyReport | undefined;
  if (rejects.length <= allowed && batch.identities.length + batch.attributes.length > 0) {
    try {
      await updateVaultFile(o.vault, (v) => {
        report = v.applyImport(batch, { replace: o.replace });
        const changed = report.added + report.merged + report.replaced;
        if (changed === 0 || rejects.length + report.rejected > allowed) throw new NothingToSave();
      }, o.load);
      await o.after();
    } catch (e) {
      if (!(e instanceof NothingToSave)) throw e;
    }
  }
  for (const item of report?.items ?? []) out.push(line(item, item.outcome, item.item));
  await write(process.stdout, out.join(''));
  const r = report;
  const problems = [...rejects.map((p) => line(p, 'rejected')), ...(r?.items.filter((i) => i.outcome === 'rejected').map((i) => line(i, 'rejected', i.item)) ?? [])];
  const total = rejects.length + (r?.rejected ?? 0);
  const why =
    total > allowed ? `${total} rejected, more than ${allowed}${o.maxRejects === undefined ? ' (broken input changes nothing; --max-rejects N allows N)' : ''}: the vault is unchanged`
    : !r ? `nothing in ${name} for the vault` : '';
  const counts = r
    ? `${r.items.length} items = ${r.added} added + ${r.merged} merged + ${r.replaced} replaced + ${r.unchanged} unchanged + ${r.skipped} kept + ${r.rejected} rejected; ${batch.skipped.length} parts left out, ${rejects.length} rejected\n`
    : `${batch.skipped.length} parts left out, ${rejects.length} rejected\n`;
  await write(process.stderr, `${problems.join('')}${why ? `selfcrm vault import: ${why}\n` : ''}${counts}`);
  return why ? 1 : 0;
}
