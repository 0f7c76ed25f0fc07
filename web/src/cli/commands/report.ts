import { writeFile } from 'node:fs/promises';

import { npsAdvocacy } from '../../index.node.js';
import { runBatch } from '../jobs/batch.js';
import { exitStatusHelp, finishLines } from '../io/outcome.js';
import { batchOptionsHelp, openInput, parseAsOf, parseBatchArgs } from '../io/options.js';
import { createSink, type Sink } from '../io/output.js';
import { csvCell, flattenInto } from '../io/csv_rows.js';
import { createProgress } from '../io/progress.js';
import { inputKindHelp, parseInputKind, profileInput, tracedSink } from '../io/transaction_input.js';
import { reportHtml } from './report_html.js';
import { runStoreReport } from './report_store.js';
import type { Distribution, PopulationReport } from './report_types.js';
import { readEngineOptions } from './score.js';
import { write } from '../io/usage.js';

export const reportHelp = `Usage: selfcrm report [options]

Reads profiles as NDJSON (one vault document or bare profile per line) or a company's transaction
lines (see --input-kind), analyses each profile (customer) on this machine, and writes a population
summary: NPS with its 95% interval, score distributions (mean, p10, median, p90), and segment,
persona and RFM-segment sizes. --format json (default) writes it as indented JSON, ndjson as one
line, csv as "metric,value" rows (metric = dotted path: nps.score, scores.clv.p50,
segments.evangelist…). With --html FILE, also writes a self-contained HTML page with SVG charts.
With --store FILE (an intake store), reports what customers shared instead: segment and persona
sizes, NPS with its interval from the nps:category claims, the shares of claims granted by level
and purpose, claims in force at --as-of (--purpose IRI: only those granted for it; --format json
or ndjson; --html FILE).
Bad lines are reported and counted ("rejected"). When no line gave a profile, no report is written.
${exitStatusHelp}

Options:
  -m, --model FILE     the scoring model (JSON); default: built-in
  -s, --segments FILE  a segment pack (JSON); default: built-in
  -p, --personas FILE  a persona pack (JSON); default: built-in
  -t, --as-of DATE     compute as of this ISO-8601 date (default: now)
      --html FILE      also write the report as an HTML page
${inputKindHelp}
${batchOptionsHelp}
`;


interface Line {
  scores: Record<string, {
    value: unknown;
    category?: string | null;
    segment?: string | null;
    referred?: boolean;
    silentAdvocate?: boolean;
    referrals?: number;
    converted?: number;
  }>;
  segments: { segments: { name: string }[] };
  persona: { persona: { name: string } | null };
}

function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { count: sorted.length, mean, p10: at(0.1), p50: at(0.5), p90: at(0.9) };
}

/** Collects analysed lines instead of writing them. */
class Collector implements Sink {
  lines: Line[] = [];
  rejected = 0;
  constructor(private readonly rejectSink: Sink) {}
  readonly form = 'ndjson';
  readonly #decoder = new TextDecoder();
  async results(chunk: string | Uint8Array, written?: () => void) {
    const ndjson = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk);
    written?.();
    for (const l of ndjson.split('\n')) if (l) this.lines.push(JSON.parse(l) as Line);
  }
  async rejects(list: Parameters<Sink['rejects']>[0]) {
    this.rejected += list.length;
    await this.rejectSink.rejects(list);
  }
  async close() {
    await this.rejectSink.close();
  }
}

export function summarize(lines: Line[], rejected: number, asOf: string): PopulationReport {
  const count = (names: (string | null | undefined)[]) => {
    const out: Record<string, number> = {};
    for (const n of names) if (n) out[n] = (out[n] ?? 0) + 1;
    return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
  };
  const scores: Record<string, Distribution> = {};
  for (const name of ['clv', 'crv', 'influence', 'engagement']) {
    scores[name] = distribution(lines.map((l) => l.scores[name]?.value).filter((v): v is number => typeof v === 'number'));
  }
  const advocacy = npsAdvocacy(lines.map((l) => ({
    latestScore: typeof l.scores.nps?.value === 'number' ? l.scores.nps.value : null,
    referrals: l.scores.crv?.referrals ?? 0,
    convertedReferrals: l.scores.crv?.converted ?? 0,
  })));
  return {
    asOf,
    profiles: lines.length,
    rejected,
    nps: advocacy.nps,
    advocacy: {
      promoters: advocacy.promoters,
      promotersWhoReferred: advocacy.promotersWhoReferred,
      promoterReferralShare: advocacy.promoterReferralShare,
      silentAdvocates: advocacy.silentAdvocates,
      referrals: advocacy.referrals,
      convertedReferrals: advocacy.converted,
      referralConversion: advocacy.referralConversion,
    },
    scores,
    segments: count(lines.flatMap((l) => l.segments.segments.map((s) => s.name))),
    personas: count(lines.map((l) => l.persona.persona?.name ?? 'none')),
    rfmSegments: count(lines.map((l) => l.scores.rfm?.segment ?? null)),
  };
}

/** The report in the chosen format: indented JSON, one NDJSON line, or metric,value CSV rows. */
export function reportText(report: PopulationReport, format: 'ndjson' | 'json' | 'csv'): string {
  if (format === 'ndjson') return `${JSON.stringify(report)}\n`;
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const rows = Object.entries(flattenInto({}, report as unknown as Record<string, unknown>, ''));
  return `metric,value\n${rows.map(([metric, value]) => `${csvCell(metric)},${csvCell(value)}\n`).join('')}`;
}

export async function runReport(argv: string[]): Promise<number> {
  if (argv.some((a) => a === '--store' || a.startsWith('--store='))) return runStoreReport(argv);
  const { flags, values } = parseBatchArgs(argv, {
    model: { type: 'string', short: 'm' }, segments: { type: 'string', short: 's' },
    personas: { type: 'string', short: 'p' }, 'as-of': { type: 'string', short: 't' }, html: { type: 'string' },
    'input-kind': { type: 'string' },
  });
  if (flags.help) {
    await write(process.stdout, reportHelp);
    return 0;
  }
  const asOf = parseAsOf(values['as-of']);
  const options = { asOf, scoresOnly: false, ...(await readEngineOptions(values)) };
  const opened = await openInput(flags);
  const { input, transactions } = await profileInput(opened.input, parseInputKind(values['input-kind']));
  const bytes = transactions ? undefined : opened.bytes;
  let rejectSink = createSink({ ...flags, output: undefined, format: 'ndjson' });
  if (transactions) {
    await rejectSink.rejects(transactions.rejects);
    await write(process.stderr, `transactions: ${transactions.lines} lines = ${transactions.linesUsed} used + ${transactions.rejects.length} rejected, ${transactions.customers} customers\n`);
    rejectSink = tracedSink(rejectSink, transactions.mapReject);
  }
  const collector = new Collector(rejectSink);
  const counts = await runBatch({ processor: 'insights', options, input, jobs: flags.jobs, maxLineBytes: flags.maxLineBytes, sink: collector, progress: createProgress(process.stderr, bytes) });
  await collector.close();
  const status = await finishLines('report', counts, flags.maxRejects);
  if (counts.results === 0) return status; // a report of nobody would read as a real one
  const report = summarize(collector.lines, collector.rejected, asOf);
  const text = reportText(report, flags.formatGiven ? flags.format : 'json');
  if (flags.output) await writeFile(flags.output, text);
  else await write(process.stdout, text);
  if (typeof values.html === 'string') await writeFile(values.html, reportHtml(report));
  return status;
}
