import { readFile } from 'node:fs/promises';

import { runBatch } from '../jobs/batch.js';
import { segmentProcessor } from '../jobs/segment.js';
import { batchOptionsHelp, openInput, parseBatchArgs } from '../io/options.js';
import { createSink } from '../io/output.js';
import { csvShape } from '../io/csv_rows.js';
import { createProgress } from '../io/progress.js';
import { UsageError, write } from '../io/usage.js';

export const segmentHelp = `Usage: selfcrm segment [options]

Reads facts documents as NDJSON (one profile with its scores, cues and segments per line) from FILE
or stdin and writes one NDJSON result per good line:
  {"line","id","segments":[names],"plans":{name: points},"persona":name|null,"personas":[names]}
With --explain, "segments" lists {"name","because":[{"at","condition"}]} and "persona" is
{"name","tier"|"useCase","priority","because"}: the conditions that made each one true.
Bad lines are reported on stderr as "line N: CODE at PATH: message"; blank lines are skipped; a
final "N results, M rejected" goes to stderr. Exit status: 0 when it ran, 1 when a pack is invalid
or no line was usable, 2 on a usage error.

Profiles without scores: "selfcrm analyze --facts" writes their facts documents (scores and
cues computed), which this command reads as they are.

Options:
  -s, --segments PACK  segment pack JSON (default: the built-in pack)
  -p, --personas PACK  persona pack JSON (default: the built-in pack)
  -t, --as-of TIME     ISO-8601 "now" for history windows and decay (default: the current time)
  -e, --explain        list the conditions behind every membership and the persona
${batchOptionsHelp}
`;

async function readPack(file: unknown, flag: string): Promise<string | undefined> {
  if (typeof file !== 'string') return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${flag} ${file}`);
  }
}

export async function runSegment(argv: string[]): Promise<number> {
  const { flags, values } = parseBatchArgs(argv, {
    segments: { type: 'string', short: 's' },
    personas: { type: 'string', short: 'p' },
    'as-of': { type: 'string', short: 't' },
    explain: { type: 'boolean', short: 'e' },
  });
  if (flags.help) {
    await write(process.stdout, segmentHelp);
    return 0;
  }
  const asOf = (values['as-of'] as string | undefined) ?? new Date().toISOString();
  if (!Number.isFinite(Date.parse(asOf))) throw new UsageError(`--as-of is not an ISO-8601 time: ${asOf}`);
  const options = {
    asOf, explain: values.explain === true,
    segments: await readPack(values.segments, '--segments'), personas: await readPack(values.personas, '--personas'),
  };
  // Compile the packs here first, so a bad pack fails once with its path instead of in every worker.
  segmentProcessor(options);
  const { input, bytes } = await openInput(flags);
  const sink = createSink({ ...flags, csvShape: flags.format === 'csv' ? csvShape(options.segments) : {} });
  const counts = await runBatch({ processor: 'segment', options, input, jobs: flags.jobs, sink, progress: createProgress(process.stderr, bytes) });
  await sink.close();
  await write(process.stderr, `${counts.results} results, ${counts.rejects} rejected\n`);
  return counts.results === 0 && counts.rejects > 0 ? 1 : 0;
}
