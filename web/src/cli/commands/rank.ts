import { ConversationPlan, SelfCrmError, type ConversationParams } from '../../index.node.js';
import { runRanked } from '../jobs/ranked.js';
import { batchOptionsHelp, openInput, parseBatchArgs, readDocumentOption } from '../io/options.js';
import { exitStatusHelp } from '../io/outcome.js';
import { createProgress } from '../io/progress.js';
import { UsageError, write } from '../io/usage.js';

export const rankHelp = `Usage: selfcrm rank [--budget N] [options]

Reads customer rows as NDJSON, one {"subject": "<pairwise id>", "claims": {…}} per line (what
"selfcrm intake export" writes), from a file or stdin, and writes the N conversations worth most
now, best first (ties by subject), one line each:
  {"rank","subject","value","channel","reason","parts":{"retention","recovery","advocacy","reach"},
   "unknown","line"}
value = reach × (retention + recovery + advocacy): the README's "Conversations worth having"
states the model, its parameters and assumptions. Rows with missing claims still rank; the
reason says what was unknown. A subject read twice is a reject (E_CONFLICT). Customers whose
conversation is worth nothing are not listed. Before the count line, stderr says what the
picked conversations capture of the population's total expected value.
${exitStatusHelp}

Options:
  -n, --budget N       conversations to pick (default: every customer worth a conversation)
      --params FILE    the model's parameters as JSON (any subset of the README's table)
${batchOptionsHelp}
`;

export async function runRank(argv: string[]): Promise<number> {
  const { flags, values } = parseBatchArgs(argv, {
    budget: { type: 'string', short: 'n' },
    params: { type: 'string' },
  });
  if (flags.help) {
    await write(process.stdout, rankHelp);
    return 0;
  }
  if (flags.rejects === 'inline') throw new UsageError('--rejects inline does not apply: the output is ranked, not one line per input line');
  const budget = parseCount(values.budget, '--budget');
  const params = await readParams(values.params);
  const { input, bytes } = await openInput(flags);
  const plan = new ConversationPlan({ budget, params });
  try {
    return await runRanked({
      command: 'rank',
      ranking: plan,
      input,
      flags,
      progress: createProgress(process.stderr, bytes),
      columns: ['rank', 'subject', 'value', 'channel', 'reason', 'parts.retention', 'parts.recovery', 'parts.advocacy', 'parts.reach', 'unknown', 'line'],
      summaryLine: (s) =>
        `rank: ${s.picked} of ${s.withValue} conversations worth having (${s.customers} customers) capture ` +
        `${money(s.pickedValue)} of ${money(s.totalValue)} expected value (${(100 * (s.share ?? 0)).toFixed(1)} %)\n`,
    });
  } finally {
    plan.dispose();
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

function money(x: number | undefined): string {
  return (x ?? 0).toLocaleString('en', { maximumFractionDigits: 0 });
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
