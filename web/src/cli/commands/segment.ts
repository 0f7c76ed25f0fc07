import { Personas, Segments } from '../../index.node.js';
import { runBatch } from '../jobs/batch.js';
import { segmentProcessor } from '../jobs/segment.js';
import { exitStatusHelp, finishLines } from '../io/outcome.js';
import { batchOptionsHelp, openInput, parseAsOf, parseBatchArgs, readDocumentOption } from '../io/options.js';
import { createSink } from '../io/output.js';
import { csvShape } from '../io/csv_rows.js';
import { createProgress } from '../io/progress.js';
import { write } from '../io/usage.js';

export const segmentHelp = `Usage: selfcrm segment [options]

Reads facts documents as NDJSON (one profile with its scores, cues and segments per line) from FILE
or stdin and writes one NDJSON result per good line:
  {"line","id","segments":[names],"plans":{name: points},"persona":name|null,"personas":[names]}
With --explain, "segments" lists {"name","because":[{"at","condition"}]} and "persona" is
{"name","tier"|"useCase","priority","because"}: the conditions that made each one true.
Bad lines are reported on stderr as "line N: CODE at PATH: message"; blank lines are skipped.
${exitStatusHelp} A pack that is not valid fails before any line is read.

Profiles without scores: "selfcrm analyze --facts" writes their facts documents (scores and
cues computed), which this command reads as they are.

Options:
  -s, --segments PACK  segment pack JSON (default: the built-in pack)
  -p, --personas PACK  persona pack JSON (default: the built-in pack)
  -t, --as-of TIME     ISO-8601 "now" for history windows and decay (default: the current time)
  -e, --explain        list the conditions behind every membership and the persona
${batchOptionsHelp}
`;

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
  const asOf = parseAsOf(values['as-of']);
  const options = {
    asOf, explain: values.explain === true,
    segments: await readDocumentOption(values.segments, '--segments', (t) => Segments.fromJSON(t).dispose()),
    personas: await readDocumentOption(values.personas, '--personas', (t) => Personas.fromJSON(t).dispose()),
  };
  // Compile the packs here first, so a bad pack fails once with its path instead of in every worker.
  segmentProcessor(options);
  const { input, bytes } = await openInput(flags);
  const sink = createSink({ ...flags, csvShape: flags.format === 'csv' ? csvShape(options.segments) : {} });
  const counts = await runBatch({ processor: 'segment', options, input, jobs: flags.jobs, maxLineBytes: flags.maxLineBytes, sink, progress: createProgress(process.stderr, bytes) });
  await sink.close();
  return finishLines('segment', counts, flags.maxRejects);
}
