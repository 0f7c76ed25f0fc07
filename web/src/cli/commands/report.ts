import { writeFile } from 'node:fs/promises';

import { ReportAggregate } from '../../index.node.js';
import { runBatch } from '../jobs/batch.js';
import { exitStatusHelp, finishLines } from '../io/outcome.js';
import { batchOptionsHelp, openInput, parseAsOf, parseBatchArgs, type BatchFlags } from '../io/options.js';
import { createSink, type Sink } from '../io/output.js';
import { mergeParts, partialHelp, partialMode, partialOptions, rulesHash } from '../io/partials.js';
import { packageVersion } from '../io/version.js';
import { csvCell, flattenInto } from '../io/csv_rows.js';
import { createProgress } from '../io/progress.js';
import { inputKindHelp, parseInputKind, profileInput, tracedSink } from '../io/transaction_input.js';
import { reportHtml } from './report_html.js';
import { runStoreReport } from './report_store.js';
import type { PopulationReport } from './report_types.js';
import { readEngineOptions } from './score.js';
import { UsageError, write } from '../io/usage.js';

async function writeText(file: string | undefined, text: string): Promise<void> {
  if (file) await writeFile(file, text);
  else await write(process.stdout, text);
}

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
Segment, persona and RFM-segment sizes are listed largest first, ties by name.

On a cluster: run "report --partial" on every part of the input, then "report --merge PART..."
(see the README's "running on a cluster"). The merged report is byte-identical to one run's over
the whole input: counts are exact, the score distributions are exact value multisets (percentiles
are values of the data) and their means come from an exact sum (correctly rounded), whatever the
split. A partial summary holds each distinct score value once: its size grows with the profiles.
${exitStatusHelp}

Options:
  -m, --model FILE     the scoring model (JSON); default: built-in
  -s, --segments FILE  a segment pack (JSON); default: built-in
  -p, --personas FILE  a persona pack (JSON); default: built-in
  -t, --as-of DATE     compute as of this ISO-8601 date (default: now)
      --html FILE      also write the report as an HTML page
${partialHelp}
${inputKindHelp}
${batchOptionsHelp}
`;


/** Feeds analysed lines into the report's aggregate instead of writing them. */
class Collector implements Sink {
  rejected = 0;
  constructor(private readonly rejectSink: Sink, private readonly aggregate: ReportAggregate) {}
  readonly form = 'ndjson';
  async results(chunk: string | Uint8Array, written?: () => void) {
    this.aggregate.addLines(chunk);
    written?.();
  }
  async rejects(list: Parameters<Sink['rejects']>[0]) {
    this.rejected += list.length;
    await this.rejectSink.rejects(list);
  }
  async close() {
    await this.rejectSink.close();
  }
}

/** The report in the chosen format: indented JSON, one NDJSON line, or metric,value CSV rows. */
export function reportText(report: PopulationReport, format: 'ndjson' | 'json' | 'csv'): string {
  if (format === 'ndjson') return `${JSON.stringify(report)}\n`;
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const rows = Object.entries(flattenInto({}, report as unknown as Record<string, unknown>, ''));
  return `metric,value\n${rows.map(([metric, value]) => `${csvCell(metric)},${csvCell(value)}\n`).join('')}`;
}

/** Analyses the input into `aggregate`; returns the exit status of the line counts. */
async function summarizeInput(flags: BatchFlags, values: Record<string, unknown>, options: Parameters<typeof runBatch>[0]['options'], aggregate: ReportAggregate): Promise<{ status: number; results: number }> {
  const opened = await openInput(flags);
  const { input, transactions } = await profileInput(opened.input, parseInputKind(values['input-kind']));
  const bytes = transactions ? undefined : opened.bytes;
  let rejectSink = createSink({ ...flags, output: undefined, format: 'ndjson' });
  if (transactions) {
    await rejectSink.rejects(transactions.rejects);
    await write(process.stderr, `transactions: ${transactions.lines} lines = ${transactions.linesUsed} used + ${transactions.rejects.length} rejected, ${transactions.customers} customers\n`);
    rejectSink = tracedSink(rejectSink, transactions.mapReject);
  }
  const collector = new Collector(rejectSink, aggregate);
  const counts = await runBatch({ processor: 'insights', options, input, jobs: flags.jobs, maxLineBytes: flags.maxLineBytes, sink: collector, progress: createProgress(process.stderr, bytes) });
  await collector.close();
  aggregate.countLines(counts.lines, collector.rejected);
  return { status: await finishLines('report', counts, flags.maxRejects), results: counts.results };
}

export async function runReport(argv: string[]): Promise<number> {
  if (argv.some((a) => a === '--store' || a.startsWith('--store='))) return runStoreReport(argv);
  const { flags, values, positionals } = parseBatchArgs(argv, {
    model: { type: 'string', short: 'm' }, segments: { type: 'string', short: 's' },
    personas: { type: 'string', short: 'p' }, 'as-of': { type: 'string', short: 't' }, html: { type: 'string' },
    'input-kind': { type: 'string' }, ...partialOptions,
  }, true);
  if (flags.help) {
    await write(process.stdout, reportHelp);
    return 0;
  }
  const mode = partialMode(values, positionals);
  if (mode.partial && (values.html !== undefined || flags.formatGiven)) throw new UsageError('--partial writes a partial summary (one JSON line): --format and --html apply to the merged report');
  const rules = await readEngineOptions(values);
  const given = values.model !== undefined || values.segments !== undefined || values.personas !== undefined;
  // A merge checks the rules and as-of time only when given; otherwise the first part's hold.
  const asOf = mode.merge && values['as-of'] === undefined ? '' : parseAsOf(values['as-of']);
  const identity = { engine: await packageVersion(), rulesHash: mode.merge && !given ? '' : rulesHash([rules.model, rules.segments, rules.personas]), asOf };
  const aggregate = new ReportAggregate(identity);
  try {
    let status: number;
    if (mode.merge) {
      let totals = { lines: 0, rejected: 0, profiles: 0 };
      await mergeParts('report', mode.merge, (part) => {
        totals = aggregate.merge(part);
      });
      status = await finishLines('report', { lines: totals.lines, results: totals.profiles, rejects: totals.rejected }, flags.maxRejects);
      if (totals.profiles === 0 && !mode.partial) return status;
    } else {
      const ran = await summarizeInput(flags, values, { asOf, scoresOnly: false, ...rules }, aggregate);
      status = ran.status;
      // A shard of nobody still has a partial summary (its rejects count in the merge).
      if (ran.results === 0 && !mode.partial) return status; // a report of nobody would read as a real one
    }
    if (mode.partial) {
      await writeText(flags.output, `${aggregate.partial()}\n`);
      return status;
    }
    const report = JSON.parse(aggregate.report()) as PopulationReport;
    await writeText(flags.output, reportText(report, flags.formatGiven ? flags.format : 'json'));
    if (typeof values.html === 'string') await writeFile(values.html, reportHtml(report));
    return status;
  } finally {
    aggregate.dispose();
  }
}
