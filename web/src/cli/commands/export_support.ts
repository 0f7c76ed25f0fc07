import { SupportQueue } from '../../index.node.js';
import { batchOptionsHelp } from '../io/options.js';
import { exitStatusHelp } from '../io/outcome.js';
import { loadedModule, loadEngine } from '../io/load_engine.js';
import { runRankedCommand } from './ranked_command.js';

export const exportSupportHelp = `Usage: selfcrm export support [options]

Reads customer rows as NDJSON, one {"subject": "<pairwise id>", "claims": {…}} per line (what
"selfcrm intake export" writes), and writes the support queue: the customers whose shared
feedback needs an answer, most urgent first (ties by subject), one line each:
  {"position","subject","priority","points","why","channel","line"}
Points come from the feedback claims (README "Support queue"): the latest message's six-degrees
place (social pressure 40, venting 30, skewed 15, objective or community 5, monologue 0), a
churn-threat cue 30, an open complaint 20, negative tone up to 20, and lifetime value (high 6,
medium 3) to order equal feedback. "why" lists each cause with its points. Customers with no
feedback points are not queued. Priority: urgent ≥ 40 feedback points, high ≥ 20, else normal.
${exitStatusHelp}

Options:
  -n, --budget N       the N most urgent, as many as support can answer now (default: all)
      --params FILE    the conversation model's parameters (they choose the channel)
${batchOptionsHelp}
`;

export function runExportSupport(argv: string[]): Promise<number> {
  return runRankedCommand(argv, {
    command: 'export support',
    help: exportSupportHelp,
    // `export`'s other targets read only the store: the engine may not be loaded for this one yet.
    prepare: async () => {
      if (loadedModule() === undefined) await loadEngine();
    },
    create: (options) => new SupportQueue(options),
    columns: ['position', 'subject', 'priority', 'points', 'why', 'channel', 'line'],
    summaryLine: (s) => `export support: ${s.queued} of ${s.customers} customers need an answer; ${s.kept} listed\n`,
  });
}
