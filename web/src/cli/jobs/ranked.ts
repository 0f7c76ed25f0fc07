// The job behind `selfcrm rank` and `selfcrm export support`: customer rows stream through a
// ranking in the engine (ConversationPlan, SupportQueue), then the ranked entries go out at once.
// Reading is on this thread: a ranking is one state, and reading rows costs little next to it.
import type { Readable } from 'node:stream';

import type { ConversationPlan, LineReject, SupportQueue } from '../../index.node.js';
import { lineChunks, mergeByLine } from '../io/lines.js';
import type { BatchFlags } from '../io/options.js';
import { finishLines } from '../io/outcome.js';
import { createSink } from '../io/output.js';
import type { Progress } from '../io/progress.js';
import { shapeResults } from '../io/result_form.js';
import { write } from '../io/usage.js';

export interface RankedJob {
  command: string;
  ranking: ConversationPlan | SupportQueue;
  input: Readable;
  flags: BatchFlags;
  progress: Progress;
  /** Output columns in order (CSV): the entry's members by name, `parts.x` for nested ones. */
  columns: readonly string[];
  /** The line written on stderr before the count line, from the summary. */
  summaryLine: (summary: Record<string, number>) => string;
}

function ordered(entry: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const [head, tail] = c.split('.') as [string, string | undefined];
    const v = entry[head];
    out[c] = tail === undefined ? v : (v as Record<string, unknown> | undefined)?.[tail];
  }
  return out;
}

export async function runRanked(job: RankedJob): Promise<number> {
  const { flags } = job;
  const sink = createSink(flags);
  let lines = 0;
  let results = 0;
  let rejected = 0;
  let bytes = 0;
  for await (const chunk of lineChunks(job.input, undefined, undefined, flags.maxLineBytes)) {
    const r = job.ranking.addLines(chunk.bytes, { firstLine: chunk.firstLine });
    const rejects: LineReject[] = mergeByLine(chunk.tooLong, r.rejects);
    lines += chunk.lines;
    results += r.results;
    rejected += rejects.length;
    bytes += chunk.bytes.length;
    await sink.rejects(rejects);
    job.progress.update(lines, bytes);
  }
  job.progress.done();
  const { ndjson, summary } = job.ranking.output();
  const text = flags.format === 'csv'
    ? ndjson.split('\n').filter(Boolean).map((l) => `${JSON.stringify(ordered(JSON.parse(l) as Record<string, unknown>, job.columns))}\n`).join('')
    : ndjson;
  await sink.results(shapeResults(text, sink.form));
  await sink.close();
  if (results > 0) await write(process.stderr, job.summaryLine(summary as unknown as Record<string, number>));
  return finishLines(job.command, { lines, results, rejects: rejected }, flags.maxRejects);
}
