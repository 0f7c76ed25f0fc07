// `selfcrm report --store FILE`: the population report over what customers shared with the company
// (the intake store), not over profiles: segment and persona sizes, NPS with its interval (the
// core's, from the nps:category claims), and the shares of claims granted by level and purpose.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { countSharedClaims, IntakeStore, storeRows } from '../../company/index.node.js';
import { ConversationPlan, type NpsSummary } from '../../index.node.js';
import { purposeIri } from '../../share/request.js';
import { parseAsOf } from '../io/options.js';
import { UsageError, write } from '../io/usage.js';
import { storeReportHtml } from './report_store_html.js';
import type { StoreReport } from './report_types.js';

export async function storeReport(file: string, options: { now: Date; purpose?: string }): Promise<StoreReport> {
  const store = await IntakeStore.open(file, { create: false });
  try {
    const rows = storeRows(store, options);
    const lines = rows.map((r) => `${JSON.stringify(r)}\n`).join('');
    const grants = store.grantCounts().filter((g) => !options.purpose || g.purpose === options.purpose);
    const counts = countSharedClaims(lines, grants.map((g) => g.claims));
    return {
      asOf: options.now.toISOString(), purpose: options.purpose ?? null, customers: counts.customers, claims: counts.claims,
      nps: counts.nps as NpsSummary | null, npsCategories: counts.npsCategories, segments: counts.segments, personas: counts.personas,
      grants: grants.map((g, i) => ({ ...g, share: counts.grantShares[i] as number })),
      conversationPlan: rows.length ? conversationPlan(lines) : null,
    };
  } finally {
    await store.close();
  }
}

/** The ten conversations worth most over the store's rows, as `selfcrm rank --budget 10` picks them. */
function conversationPlan(lines: string): StoreReport['conversationPlan'] {
  const plan = new ConversationPlan({ budget: 10 });
  try {
    plan.addLines(lines);
    return { summary: plan.output().summary, conversations: plan.conversations() };
  } finally {
    plan.dispose();
  }
}

export async function runStoreReport(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, strict: true,
      options: { store: { type: 'string' }, purpose: { type: 'string' }, 'as-of': { type: 'string', short: 't' }, html: { type: 'string' }, output: { type: 'string', short: 'o' }, format: { type: 'string', short: 'f' } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values } = parsed;
  if (!values.store) throw new UsageError('--store FILE is required');
  const now = new Date(parseAsOf(values['as-of']));
  let purpose: string | undefined;
  try {
    purpose = values.purpose === undefined ? undefined : purposeIri(values.purpose, '/purpose');
  } catch {
    throw new UsageError('--purpose is a DPV purpose IRI such as dpv:Marketing');
  }
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'ndjson') throw new UsageError('--format with --store is json or ndjson');
  const report = await storeReport(values.store, { now, ...(purpose ? { purpose } : {}) });
  const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${JSON.stringify(report)}\n`;
  if (values.output) await writeFile(values.output, text);
  else await write(process.stdout, text);
  if (values.html) await writeFile(values.html, storeReportHtml(report));
  await write(process.stderr, `${report.customers} customers, ${report.claims} claims in force\n`);
  return 0;
}
