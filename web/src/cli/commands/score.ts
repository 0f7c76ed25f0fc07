import { readFile } from 'node:fs/promises';

import { runBatch } from '../jobs/batch.js';
import { batchOptionsHelp, openInput, parseBatchArgs } from '../io/options.js';
import { createSink } from '../io/output.js';
import { createProgress } from '../io/progress.js';
import { UsageError, write } from '../io/usage.js';

const shared = `Reads profiles as NDJSON — one vault document (or bare profile) per line — from a file or
stdin, and writes one result line per valid profile, in input order. Bad lines are reported
("line N: CODE at PATH: message" on stderr, or --rejects) and counted: lines in = results +
rejects (+ blank lines). Exit status: 0 when it ran, 1 on failure, 2 on a usage error.`;

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

async function readOptional(file: unknown, flag: string): Promise<string | undefined> {
  if (typeof file !== 'string') return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${flag} ${file}`);
  }
}

async function runInsights(argv: string[], scoresOnly: boolean, help: string): Promise<number> {
  const common = { model: { type: 'string', short: 'm' }, 'as-of': { type: 'string' } } as const;
  const packs = { segments: { type: 'string', short: 's' }, personas: { type: 'string', short: 'p' } } as const;
  const { flags, values } = scoresOnly ? parseBatchArgs(argv, common) : parseBatchArgs(argv, { ...common, ...packs });
  if (flags.help) {
    await write(process.stdout, help);
    return 0;
  }
  const asOf = (values['as-of'] as string | undefined) ?? new Date().toISOString();
  if (!Number.isFinite(Date.parse(asOf))) throw new UsageError(`--as-of must be an ISO-8601 date, not "${asOf}"`);
  const options = {
    asOf,
    scoresOnly,
    model: await readOptional(values.model, '--model'),
    segments: await readOptional((values as Record<string, unknown>).segments, '--segments'),
    personas: await readOptional((values as Record<string, unknown>).personas, '--personas'),
  };
  const { input, bytes } = await openInput(flags);
  const sink = createSink(flags);
  await runBatch({ processor: 'insights', options, input, jobs: flags.jobs, sink, progress: createProgress(process.stderr, bytes) });
  await sink.close();
  return 0;
}

export const runScore = (argv: string[]) => runInsights(argv, true, scoreHelp);
export const runAnalyze = (argv: string[]) => runInsights(argv, false, analyzeHelp);
