import { NpsAggregate, SelfCrmError } from '../../index.node.js';
import { runBatch } from '../jobs/batch.js';
import { lineChunks, mergeByLine } from '../io/lines.js';
import { batchOptionsHelp, openInput, parseBatchArgs } from '../io/options.js';
import { createSink } from '../io/output.js';
import { shapeResults } from '../io/result_form.js';
import { createProgress } from '../io/progress.js';
import { exitStatusHelp, finishLines } from '../io/outcome.js';
import { UsageError, write } from '../io/usage.js';
import { mergeParts, partialHelp, partialMode, partialOptions } from '../io/partials.js';
import { packageVersion } from '../io/version.js';

export const npsHelp = `Usage: selfcrm nps [options]

Reads NPS answers as NDJSON, one {"id": …, "score": 0–10} per line, from a file or stdin.
By default writes the population summary as one JSON object:
  {"nps","promoters","passives","detractors","n","standardError","ci95":[lo,hi],"rejected"}
With --per-respondent, writes one {"category","id","score"} result per valid line instead, in
input order. Bad lines are reported ("line N: CODE at PATH: message" on stderr, or --rejects) and
counted; blank lines are skipped.
${exitStatusHelp}

The summary is exact however the input is split: "nps --partial" on every part, then
"nps --merge PART..." gives the bytes one run over the whole input gives (the state is three counts).

Options:
  -r, --per-respondent classify every answer instead of summarising
${partialHelp}
${batchOptionsHelp}
`;

export async function runNps(argv: string[]): Promise<number> {
  const { flags, values, positionals } = parseBatchArgs(argv, { 'per-respondent': { type: 'boolean', short: 'r' }, ...partialOptions }, true);
  if (flags.help) {
    await write(process.stdout, npsHelp);
    return 0;
  }
  const mode = partialMode(values, positionals);
  if (values['per-respondent'] && (mode.partial || mode.merge)) throw new UsageError('--per-respondent classifies answers; --partial and --merge summarise them');
  const { input, bytes } = mode.merge ? { input: undefined as never, bytes: undefined } : await openInput(flags);
  const sink = createSink(flags);
  const progress = createProgress(process.stderr, bytes);

  if (values['per-respondent']) {
    const counts = await runBatch({ processor: 'nps-classify', input, jobs: flags.jobs, maxLineBytes: flags.maxLineBytes, sink, progress });
    await sink.close();
    return finishLines('nps', counts, flags.maxRejects);
  }

  // The summary is one tally: chunks are counted in order on this thread (or parts merged).
  const aggregate = new NpsAggregate({ engine: await packageVersion() });
  try {
    if (mode.merge) {
      await mergeParts('nps', mode.merge, (part) => aggregate.merge(part));
    } else {
      let rejected = 0;
      let lines = 0;
      for await (const chunk of lineChunks(input, undefined, undefined, flags.maxLineBytes)) {
        const rejects = mergeByLine(chunk.tooLong, aggregate.addLines(chunk.bytes, { firstLine: chunk.firstLine }).rejects);
        rejected += rejects.length;
        lines += chunk.lines;
        await sink.rejects(rejects);
        progress.update(lines, lines);
      }
      progress.done();
      aggregate.countLines(lines, rejected);
    }
    const totals = aggregate.totals();
    const counts = { lines: totals.lines, results: totals.answers, rejects: totals.rejected };
    let text: string;
    if (mode.partial) text = aggregate.partial();
    else {
      try {
        // Numbers as JSON.stringify writes them (25, not the core's 25.0), as nps always wrote.
        text = JSON.stringify(JSON.parse(aggregate.summary()));
      } catch (e) {
        if (!(e instanceof SelfCrmError)) throw e;
        text = JSON.stringify({ error: { code: e.code, path: e.path, message: e.message }, rejected: counts.rejects });
      }
    }
    await sink.results(shapeResults(`${text}\n`, sink.form));
    await sink.close();
    return finishLines('nps', counts, flags.maxRejects);
  } finally {
    aggregate.dispose();
  }
}
