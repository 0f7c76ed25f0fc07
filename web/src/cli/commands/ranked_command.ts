// What `selfcrm rank` and `selfcrm export support` share: the same options (--budget, --params and
// the batch options), the same engine ranking over customer rows, one run of the ranked job.
import { ConversationPlan, SelfCrmError, type ConversationParams, type SupportQueue } from '../../index.node.js';
import { runRanked, type RankedJob } from '../jobs/ranked.js';
import { openInput, parseBatchArgs, readDocumentOption } from '../io/options.js';
import { createProgress } from '../io/progress.js';
import { UsageError, write } from '../io/usage.js';

export interface RankedCommand {
  command: string;
  help: string;
  /** Run once the arguments are known good, before any option file is read. */
  prepare?: () => Promise<void>;
  /** The ranking for the parsed `--budget` and `--params`; disposed when the run ends. */
  create: (options: { budget: number; params?: ConversationParams }) => ConversationPlan | SupportQueue;
  columns: RankedJob['columns'];
  summaryLine: RankedJob['summaryLine'];
}

export async function runRankedCommand(argv: string[], spec: RankedCommand): Promise<number> {
  const { flags, values } = parseBatchArgs(argv, {
    budget: { type: 'string', short: 'n' },
    params: { type: 'string' },
  });
  if (flags.help) {
    await write(process.stdout, spec.help);
    return 0;
  }
  if (flags.rejects === 'inline') throw new UsageError('--rejects inline does not apply: the output is ranked, not one line per input line');
  await spec.prepare?.();
  const budget = parseCount(values.budget, '--budget');
  const params = await readParams(values.params);
  const { input, bytes } = await openInput(flags);
  const ranking = spec.create({ budget, params });
  try {
    return await runRanked({
      command: spec.command,
      ranking,
      input,
      flags,
      progress: createProgress(process.stderr, bytes),
      columns: spec.columns,
      summaryLine: spec.summaryLine,
    });
  } finally {
    ranking.dispose();
  }
}

/** --params FILE: the model's parameters, checked by the engine before any row is read. */
export async function readParams(file: unknown): Promise<ConversationParams | undefined> {
  const text = await readDocumentOption(file, '--params', (t) => {
    new ConversationPlan({ params: parseJsonDocument(t) }).dispose();
  });
  return text === undefined ? undefined : (JSON.parse(text) as ConversationParams);
}

function parseJsonDocument(text: string): ConversationParams {
  try {
    return JSON.parse(text) as ConversationParams;
  } catch (e) {
    throw new SelfCrmError('E_PARSE', `not JSON: ${(e as Error).message}`);
  }
}

/** A whole number ≥ 0 from a flag (0: no limit), or a UsageError. */
export function parseCount(value: unknown, flag: string): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isSafeInteger(n) || n < 0) {
    throw new UsageError(`${flag} must be a whole number from 0 up (0: no limit), not "${String(value)}"`);
  }
  return n;
}
