import { writeFile } from 'node:fs/promises';

import { LdpAggregate, SelfCrmError } from '../../index.node.js';
import { lineChunks, mergeByLine } from '../io/lines.js';
import { exitStatusHelp, finishLines } from '../io/outcome.js';
import { batchOptionsHelp, openInput, parseBatchArgs } from '../io/options.js';
import { createSink } from '../io/output.js';
import { mergeParts, partialHelp, partialMode, partialOptions, rulesHash } from '../io/partials.js';
import { createProgress } from '../io/progress.js';
import { UsageError, write } from '../io/usage.js';
import { packageVersion } from '../io/version.js';

export const ldpHelp = `Usage: selfcrm ldp --categories A,B,… --epsilon E [options]

Reads randomized reports as NDJSON, one {"report": CATEGORY} per line (what customers' devices send
with randomizedResponse: local differential privacy by k-ary randomized response), and writes the
company's estimate of the population's shares as one JSON object:
  {"n","terms","frequencies":{CATEGORY:{"reported","estimate","standardError","ci95"}},"nps"?,"rejected"}
("nps" when the categories are detractor, passive, promoter). Bad lines are reported and counted.
The estimate is a function of the report counts: "ldp --partial" on every part of the input, then
"ldp --merge PART..." gives the bytes one run gives. Parts with other categories or ε are refused.
${exitStatusHelp}

Options:
  -c, --categories A,B,…  the categories, in the order the devices used (at least two)
  -e, --epsilon E         the privacy level ε the devices randomized with
${partialHelp}
${batchOptionsHelp}
`;

export async function runLdp(argv: string[]): Promise<number> {
  const { flags, values, positionals } = parseBatchArgs(argv, {
    categories: { type: 'string', short: 'c' }, epsilon: { type: 'string', short: 'e' }, ...partialOptions,
  }, true);
  if (flags.help) {
    await write(process.stdout, ldpHelp);
    return 0;
  }
  const mode = partialMode(values, positionals);
  if (typeof values.categories !== 'string' || typeof values.epsilon !== 'string') throw new UsageError('--categories and --epsilon are required');
  const categories = values.categories.split(',').map((c) => c.trim());
  const epsilon = Number(values.epsilon);
  if (!Number.isFinite(epsilon) || epsilon <= 0) throw new UsageError(`--epsilon must be a positive number, not "${values.epsilon}"`);
  const identity = { engine: await packageVersion(), rulesHash: rulesHash([JSON.stringify({ categories, epsilon, encoding: 'direct' })]) };
  const aggregate = new LdpAggregate(identity, { categories, epsilon });
  try {
    const sink = createSink({ ...flags, output: undefined });
    if (mode.merge) {
      await mergeParts('ldp', mode.merge, (part) => aggregate.merge(part));
    } else {
      const { input, bytes } = await openInput(flags);
      const progress = createProgress(process.stderr, bytes);
      let lines = 0;
      for await (const chunk of lineChunks(input, undefined, undefined, flags.maxLineBytes)) {
        await sink.rejects(mergeByLine(chunk.tooLong, aggregate.addLines(chunk.bytes, { firstLine: chunk.firstLine }).rejects));
        aggregate.countLines(chunk.lines, chunk.tooLong.length);
        lines += chunk.lines;
        progress.update(lines, lines);
      }
      progress.done();
    }
    await sink.close();
    const totals = aggregate.totals();
    let text: string;
    if (mode.partial) text = aggregate.partial();
    else {
      try {
        text = JSON.stringify({ ...aggregate.estimate(), rejected: totals.rejected });
      } catch (e) {
        if (!(e instanceof SelfCrmError)) throw e;
        text = JSON.stringify({ error: { code: e.code, path: e.path, message: e.message }, rejected: totals.rejected });
      }
    }
    if (flags.output) await writeFile(flags.output, `${text}\n`);
    else await write(process.stdout, `${text}\n`);
    return finishLines('ldp', { lines: totals.lines, results: totals.reports, rejects: totals.rejected }, flags.maxRejects);
  } finally {
    aggregate.dispose();
  }
}
