import { Model, Personas, Segments } from '../../index.node.js';
import { runBatch } from '../jobs/batch.js';
import { exitStatusHelp, finishLines } from '../io/outcome.js';
import { batchOptionsHelp, openInput, parseAsOf, parseBatchArgs, readDocumentOption } from '../io/options.js';
import { createSink } from '../io/output.js';
import { csvShape } from '../io/csv_rows.js';
import { createProgress } from '../io/progress.js';
import { inputKindHelp, parseInputKind, profileInput, tracedSink } from '../io/transaction_input.js';
import { write } from '../io/usage.js';

const shared = `Reads profiles as NDJSON — one vault document (or bare profile) per line — or a company's
transaction lines (see --input-kind) from a file or stdin, and writes one result line per valid
profile (per customer), in input order (of first purchase). Bad lines are reported
("line N: CODE at PATH: message" on stderr, or --rejects) and counted. Records dated after
--as-of are left out (they have not happened yet), and each score they would change says how
many in its explanation ("leftOutAfterAsOf"). With transaction input the count line counts the
customers' profiles; a "transactions:" line before it counts the transaction lines.
${exitStatusHelp}`;

export const scoreHelp = `Usage: selfcrm score [options]

${shared}
Each result is {"id","scores":{"rfm","clv","nps","crv","influence","engagement"}}, every score
with its value and an explanation.

Options:
  -m, --model FILE     the scoring model (JSON, e.g. from "selfcrm fit"); default: built-in
  -t, --as-of DATE     compute as of this ISO-8601 date (default: now)
${inputKindHelp}
${batchOptionsHelp}
`;

export const analyzeHelp = `Usage: selfcrm analyze [options]

${shared}
Each result is {"id","scores","feedback","segments","persona"}: every score, the sentiment,
intents and six degrees of the customer's interactions, segment memberships and the persona,
each with the reasons that made it so. With --facts, each result is instead the facts document
segments and personas read (the profile with its "scores" and "cues"): what "selfcrm segment"
takes, so segment finds exactly what analyze finds.

Options:
  -m, --model FILE     the scoring model (JSON); default: built-in
  -s, --segments FILE  a segment pack (JSON); default: the built-in social segments
  -p, --personas FILE  a persona pack (JSON); default: the built-in personas
  -t, --as-of DATE     compute as of this ISO-8601 date (default: now)
      --facts          write facts documents instead of insights
${inputKindHelp}
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
  const common = { model: { type: 'string', short: 'm' }, 'as-of': { type: 'string', short: 't' }, 'input-kind': { type: 'string' } } as const;
  const packs = { segments: { type: 'string', short: 's' }, personas: { type: 'string', short: 'p' }, facts: { type: 'boolean' } } as const;
  const { flags, values } = scoresOnly ? parseBatchArgs(argv, common) : parseBatchArgs(argv, { ...common, ...packs });
  if (flags.help) {
    await write(process.stdout, help);
    return 0;
  }
  const asOf = parseAsOf(values['as-of']);
  const options = { asOf, scoresOnly, ...(await readEngineOptions(values)), facts: (values as Record<string, unknown>).facts === true };
  const kind = parseInputKind(values['input-kind']);
  const opened = await openInput(flags);
  const { input, transactions } = await profileInput(opened.input, kind);
  const bytes = transactions ? undefined : opened.bytes;
  let sink = createSink({ ...flags, csvShape: flags.format === 'csv' && !scoresOnly && !options.facts ? csvShape(options.segments) : {} });
  if (transactions) {
    await sink.rejects(transactions.rejects);
    await write(process.stderr, `transactions: ${transactions.lines} lines = ${transactions.linesUsed} used + ${transactions.rejects.length} rejected, ${transactions.customers} customers\n`);
    sink = tracedSink(sink, transactions.mapReject);
  }
  const counts = await runBatch({ processor: 'insights', options, input, jobs: flags.jobs, maxLineBytes: flags.maxLineBytes, sink, progress: createProgress(process.stderr, bytes) });
  await sink.close();
  return finishLines(scoresOnly ? 'score' : 'analyze', counts, flags.maxRejects);
}

export const runScore = (argv: string[]) => runInsights(argv, true, scoreHelp);
export const runAnalyze = (argv: string[]) => runInsights(argv, false, analyzeHelp);
