// `selfcrm report --store FILE`: the population report over what customers shared with the company
// (the intake store), not over profiles: segment and persona sizes, NPS with its interval (the
// core's, from the nps:category claims), and the shares of claims granted by level and purpose.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { IntakeStore, storeRows } from '../../company/index.node.js';
import { ConversationPlan, nps } from '../../index.node.js';
import { purposeIri } from '../../share/request.js';
import { parseAsOf } from '../io/options.js';
import { UsageError, write } from '../io/usage.js';
import { storeReportHtml } from './report_store_html.js';
import type { StoreReport } from './report_types.js';


// A representative answer per category: NPS and its interval depend only on the categories.
const categoryScore: Record<string, number> = { promoter: 10, passive: 7, detractor: 0 };

const sortedCounts = (m: Map<string, number>) => Object.fromEntries([...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));

export async function storeReport(file: string, options: { now: Date; purpose?: string }): Promise<StoreReport> {
  const store = await IntakeStore.open(file, { create: false });
  try {
    const rows = storeRows(store, options);
    const segments = new Map<string, number>();
    const personas = new Map<string, number>();
    const categories = new Map<string, number>();
    const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    let claims = 0;
    for (const row of rows) {
      for (const [claim, value] of Object.entries(row.claims)) {
        claims += 1;
        if (claim.startsWith('segment:') && value === true) add(segments, claim.slice('segment:'.length));
        if (claim === 'persona' && typeof value === 'string') add(personas, value);
        if (claim === 'nps:category' && typeof value === 'string' && value in categoryScore) add(categories, value);
      }
    }
    const answers = [...categories].flatMap(([c, n]) => Array<number>(n).fill(categoryScore[c] as number));
    const counts = store.grantCounts().filter((g) => !options.purpose || g.purpose === options.purpose);
    const total = counts.reduce((n, g) => n + g.claims, 0);
    return {
      asOf: options.now.toISOString(), purpose: options.purpose ?? null, customers: rows.length, claims,
      nps: answers.length ? nps(answers) : null, npsCategories: sortedCounts(categories),
      segments: sortedCounts(segments), personas: sortedCounts(personas),
      grants: counts.map((g) => ({ ...g, share: total ? g.claims / total : 0 })),
      conversationPlan: rows.length ? conversationPlan(rows) : null,
    };
  } finally {
    await store.close();
  }
}

/** The ten conversations worth most over the store's rows, as `selfcrm rank --budget 10` picks them. */
function conversationPlan(rows: { subject: string; claims: Record<string, unknown> }[]): StoreReport['conversationPlan'] {
  const plan = new ConversationPlan({ budget: 10 });
  try {
    plan.addLines(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
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
