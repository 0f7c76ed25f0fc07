import { NpsStream, SelfCrmError } from '../../index.node.js';
import { runBatch } from '../jobs/batch.js';
import { lineChunks, mergeByLine } from '../io/lines.js';
import { batchOptionsHelp, openInput, parseBatchArgs } from '../io/options.js';
import { createSink } from '../io/output.js';
import { shapeResults } from '../io/result_form.js';
import { createProgress } from '../io/progress.js';
import { exitStatusHelp, finishLines } from '../io/outcome.js';
import { write } from '../io/usage.js';

export const npsHelp = `Usage: selfcrm nps [options]

Reads NPS answers as NDJSON, one {"id": …, "score": 0–10} per line, from a file or stdin.
By default writes the population summary as one JSON object:
  {"nps","promoters","passives","detractors","n","standardError","ci95":[lo,hi],"rejected"}
With --per-respondent, writes one {"category","id","score"} result per valid line instead, in
input order. Bad lines are reported ("line N: CODE at PATH: message" on stderr, or --rejects) and
counted; blank lines are skipped.
${exitStatusHelp}

Options:
  -r, --per-respondent classify every answer instead of summarising
${batchOptionsHelp}
`;

export async function runNps(argv: string[]): Promise<number> {
  const { flags, values } = parseBatchArgs(argv, { 'per-respondent': { type: 'boolean', short: 'r' } });
  if (flags.help) {
    await write(process.stdout, npsHelp);
    return 0;
  }
  const { input, bytes } = await openInput(flags);
  const sink = createSink(flags);
  const progress = createProgress(process.stderr, bytes);

  if (values['per-respondent']) {
    const counts = await runBatch({ processor: 'nps-classify', input, jobs: flags.jobs, maxLineBytes: flags.maxLineBytes, sink, progress });
    await sink.close();
    return finishLines('nps', counts, flags.maxRejects);
  }

  // The summary is one tally: chunks are counted in order on this thread.
  const stream = new NpsStream();
  try {
    let rejected = 0;
    let lines = 0;
    for await (const chunk of lineChunks(input, undefined, undefined, flags.maxLineBytes)) {
      const rejects = mergeByLine(chunk.tooLong, stream.addLines(chunk.bytes, { firstLine: chunk.firstLine }).rejects);
      rejected += rejects.length;
      lines += chunk.lines;
      await sink.rejects(rejects);
      progress.update(lines, lines);
    }
    progress.done();
    let result: Record<string, unknown>;
    let used = 0;
    try {
      const summary = stream.summary();
      used = summary.n;
      result = { ...summary, rejected };
    } catch (e) {
      if (!(e instanceof SelfCrmError)) throw e;
      result = { error: { code: e.code, path: e.path, message: e.message }, rejected };
    }
    await sink.results(shapeResults(`${JSON.stringify(result)}\n`, sink.form));
    await sink.close();
    return finishLines('nps', { lines, results: used, rejects: rejected }, flags.maxRejects);
  } finally {
    stream.dispose();
  }
}
