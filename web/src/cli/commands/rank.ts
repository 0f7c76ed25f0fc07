import { ConversationPlan } from '../../index.node.js';
import { batchOptionsHelp } from '../io/options.js';
import { exitStatusHelp } from '../io/outcome.js';
import { runRankedCommand } from './ranked_command.js';

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

export function runRank(argv: string[]): Promise<number> {
  return runRankedCommand(argv, {
    command: 'rank',
    help: rankHelp,
    create: (options) => new ConversationPlan(options),
    columns: ['rank', 'subject', 'value', 'channel', 'reason', 'parts.retention', 'parts.recovery', 'parts.advocacy', 'parts.reach', 'unknown', 'line'],
    summaryLine: (s) =>
      `rank: ${s.picked} of ${s.withValue} conversations worth having (${s.customers} customers) capture ` +
      `${money(s.pickedValue)} of ${money(s.totalValue)} expected value (${(100 * (s.share ?? 0)).toFixed(1)} %)\n`,
  });
}

function money(x: number | undefined): string {
  return (x ?? 0).toLocaleString('en', { maximumFractionDigits: 0 });
}
