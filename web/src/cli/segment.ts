import { Personas, Segments, type BatchChunkResult } from '../index.node.js';
import { runBatch } from './batch.js';
import { exitStatusHelp, finishLines } from './jobs/outcome.js';
import { batchOptionsHelp, openInput, parseAsOf, parseBatchArgs, readDocumentOption } from './options.js';
import { createSink } from './output.js';
import { createProgress } from './progress.js';
import { write } from './usage.js';

export const segmentHelp = `Usage: selfcrm segment [options]

Reads facts documents as NDJSON (one profile with its scores, cues and segments per line) from FILE
or stdin and writes one NDJSON result per good line:
  {"line","id","segments":[names],"plans":{name: points},"persona":name|null,"personas":[names]}
With --explain, "segments" lists {"name","because":[{"at","condition"}]} and "persona" is
{"name","tier"|"useCase","priority","because"}: the conditions that made each one true.
Bad lines are reported on stderr as "line N: CODE at PATH: message"; blank lines are skipped.
${exitStatusHelp} A pack that is not valid fails before any line is read.

Profiles without scores: use "selfcrm analyze", which computes scores and feedback first.

Options:
  -s, --segments PACK  segment pack JSON (default: the built-in pack)
  -p, --personas PACK  persona pack JSON (default: the built-in pack)
  -t, --as-of TIME     ISO-8601 "now" for history windows and decay (default: the current time)
  -e, --explain        list the conditions behind every membership and the persona
${batchOptionsHelp}
`;

/** One chunk of facts documents to result lines (main thread or worker). */
export function segmentProcessor(o: Record<string, unknown>): (bytes: Uint8Array, firstLine: number) => BatchChunkResult {
  // Packs live as long as the process or worker that runs the job.
  const segments = typeof o.segments === 'string' ? Segments.fromJSON(o.segments) : Segments.default();
  const personas = typeof o.personas === 'string' ? Personas.fromJSON(o.personas) : Personas.default();
  const asOf = o.asOf as string;
  const explain = o.explain === true;
  return (bytes, firstLine) => {
    const batch = explain
      ? segments.evaluateNdjson(bytes, personas, { asOf, firstLine, explain: true })
      : segments.evaluateNdjson(bytes, personas, { asOf, firstLine, explain: false });
    return {
      ndjson: batch.results.map((r) => `${JSON.stringify(r)}\n`).join(''),
      results: batch.results.length,
      rejects: batch.rejects,
    };
  };
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
  const asOf = parseAsOf(values['as-of']);
  const options = {
    asOf, explain: values.explain === true,
    segments: await readDocumentOption(values.segments, '--segments', (t) => Segments.fromJSON(t).dispose()),
    personas: await readDocumentOption(values.personas, '--personas', (t) => Personas.fromJSON(t).dispose()),
  };
  // Compile the packs here first, so a bad pack fails once with its path instead of in every worker.
  segmentProcessor(options);
  const { input, bytes } = await openInput(flags);
  const sink = createSink(flags);
  const counts = await runBatch({ processor: 'segment', options, input, jobs: flags.jobs, sink, progress: createProgress(process.stderr, bytes) });
  await sink.close();
  return finishLines('segment', counts, flags.maxRejects);
}
