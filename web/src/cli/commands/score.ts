import { Model, Personas, Segments } from '../../index.node.js';
import { runBatch } from '../jobs/batch.js';
import { exitStatusHelp, finishLines } from '../io/outcome.js';
import { batchOptionsHelp, openInput, parseAsOf, parseBatchArgs, readDocumentOption } from '../io/options.js';
import { createSink } from '../io/output.js';
import { createProgress } from '../io/progress.js';
import { write } from '../io/usage.js';

const shared = `Reads profiles as NDJSON — one vault document (or bare profile) per line — from a file or
stdin, and writes one result line per valid profile, in input order. Bad lines are reported
("line N: CODE at PATH: message" on stderr, or --rejects) and counted. Records dated after
--as-of are left out (they have not happened yet), and each score they would change says how
many in its explanation ("leftOutAfterAsOf").
${exitStatusHelp}`;

export const scoreHelp = `Usage: selfcrm score [options]

${shared}
Each result is {"id","scores":{"rfm","clv","nps","crv","influence","engagement"}}, every score
with its value and an explanation.

Options:
  -m, --model FILE     the scoring model (JSON, e.g. from "selfcrm fit"); default: built-in
      --as-of DATE     compute as of this ISO-8601 date (default: now)
${batchOptionsHelp}
`;

export const analyzeHelp = `Usage: selfcrm analyze [options]

${shared}
Each result is {"id","scores","feedback","segments","persona"}: every score, the sentiment,
intents and six degrees of the customer's interactions, segment memberships and the persona,
each with the reasons that made it so.

Options:
  -m, --model FILE     the scoring model (JSON); default: built-in
  -s, --segments FILE  a segment pack (JSON); default: the built-in social segments
  -p, --personas FILE  a persona pack (JSON); default: the built-in personas
      --as-of DATE     compute as of this ISO-8601 date (default: now)
${batchOptionsHelp}
`;

/** The packs and model given as options, each read and checked here, once, naming its option and file. */
export async function readEngineOptions(values: Record<string, unknown>) {
  return {
    model: await readDocumentOption(values.model, '--model', (t) => Model.fromJSON(t).dispose()),
    segments: await readDocumentOption(values.segments, '--segments', (t) => Segments.fromJSON(t).dispose()),
    personas: await readDocumentOption(values.personas, '--personas', (t) => Personas.fromJSON(t).dispose()),
  };
}

async function runInsights(argv: string[], scoresOnly: boolean, help: string): Promise<number> {
  const common = { model: { type: 'string', short: 'm' }, 'as-of': { type: 'string' } } as const;
  const packs = { segments: { type: 'string', short: 's' }, personas: { type: 'string', short: 'p' } } as const;
  const { flags, values } = scoresOnly ? parseBatchArgs(argv, common) : parseBatchArgs(argv, { ...common, ...packs });
  if (flags.help) {
    await write(process.stdout, help);
    return 0;
  }
  const asOf = parseAsOf(values['as-of']);
  const options = { asOf, scoresOnly, ...(await readEngineOptions(values)) };
  const { input, bytes } = await openInput(flags);
  const sink = createSink(flags);
  const counts = await runBatch({ processor: 'insights', options, input, jobs: flags.jobs, sink, progress: createProgress(process.stderr, bytes) });
  await sink.close();
  return finishLines(scoresOnly ? 'score' : 'analyze', counts, flags.maxRejects);
}

export const runScore = (argv: string[]) => runInsights(argv, true, scoreHelp);
export const runAnalyze = (argv: string[]) => runInsights(argv, false, analyzeHelp);
