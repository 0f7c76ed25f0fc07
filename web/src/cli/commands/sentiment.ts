import { runBatch } from '../jobs/batch.js';
import { batchOptionsHelp, openInput, parseBatchArgs } from '../io/options.js';
import { createSink } from '../io/output.js';
import { exitStatusHelp, finishLines } from '../io/outcome.js';
import { createProgress } from '../io/progress.js';
import { write } from '../io/usage.js';

export const sentimentHelp = `Usage: selfcrm sentiment [options]

Reads one text per line from FILE or stdin: either NDJSON {"id": …, "text": "…"} (a line that
starts with "{") or plain text (its id is then the line number). Writes one NDJSON result per
usable line:
  {"id","compound","label","cues":[…]}      compound in [-1, 1]; label positive/neutral/negative
With --explain each result also has "drivers": the tokens that moved the score and the rules
applied to them. Bad lines are reported on stderr as "line N: CODE at PATH: message"; blank lines
are skipped.
${exitStatusHelp}

Options:
  -e, --explain        add the drivers of each score
${batchOptionsHelp}
`;

export async function runSentiment(argv: string[]): Promise<number> {
  const { flags, values } = parseBatchArgs(argv, { explain: { type: 'boolean', short: 'e' } });
  if (flags.help) {
    await write(process.stdout, sentimentHelp);
    return 0;
  }
  const { input, bytes } = await openInput(flags);
  const sink = createSink(flags);
  const counts = await runBatch({
    processor: 'sentiment', options: { explain: values.explain === true }, input, jobs: flags.jobs, maxLineBytes: flags.maxLineBytes, sink,
    progress: createProgress(process.stderr, bytes),
  });
  await sink.close();
  return finishLines('sentiment', counts, flags.maxRejects);
}
