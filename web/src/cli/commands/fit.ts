import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { fitModel, fitModelFromProfiles, Model, SelfCrmError, type FitOptions, type RepeatModel } from '../../index.node.js';
import { fitReport, repeatModels, type FitReport } from './fit_report.js';
import { lineChunks } from '../io/lines.js';
import { formatReject } from '../io/output.js';
import { UsageError, write } from '../io/usage.js';

export const fitHelp = `Usage: selfcrm fit [--input FILE] [--output FILE] [--as-of DATE] [--base MODEL] [--profiles]
                  [--model bgnbd|modified-bgnbd|pareto-nbd] [--holdout-from DATE]

Reads transactions as NDJSON, one {"customerId", "at", "amount", "margin"} per line, from FILE or
stdin, fits a scoring model (RFM quintile cut points, the repeat-purchase model's and Gamma-Gamma
parameters with standard errors, margin rate) and writes the model JSON document. Every repeat
model is also fitted and compared on stderr (log-likelihood, AIC, and with --holdout-from the
error predicting purchases after that date). A fit the data do not support (at a bound of the
search, flat likelihood, no heterogeneity, too few repeat buyers) is printed on stderr with what it
means and what to do, and recorded in the model (fit.diagnostics), where scores find it. Bad lines
are reported on stderr as "line N: CODE at PATH: message"; the last stderr line counts them:
"fit: N lines = U used + R rejected, C customers". Exit status: 0 when a model was written, 1 when
no line was usable, 2 on a usage error.

Options:
  -i, --input FILE    read from FILE instead of stdin
  -o, --output FILE   write the model to FILE instead of stdout
  -t, --as-of DATE    end of observation (ISO-8601); default: the latest transaction
      --base MODEL    model JSON whose settings (period, horizon, weights…) are kept
      --model NAME    repeat-purchase model to store: bgnbd (default), modified-bgnbd, pareto-nbd
      --holdout-from DATE
                      compare the models on the purchases after DATE, each fitted on those before
                      (the stored model is fitted on all transactions)
      --profiles      the input is NDJSON profiles (vault documents); their purchases are used,
                      and rejects name the profile line and the record (/history/transactions/2)
  -h, --help          show this text
`;

export async function runFit(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        input: { type: 'string', short: 'i' },
        output: { type: 'string', short: 'o' },
        'as-of': { type: 'string', short: 't' },
        base: { type: 'string' },
        profiles: { type: 'boolean' },
        model: { type: 'string' },
        'holdout-from': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    await write(process.stdout, fitHelp);
    return 0;
  }
  // The fit needs every transaction at once: gather the input into one buffer.
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of lineChunks(values.input ? createReadStream(values.input) : process.stdin)) {
    parts.push(chunk.bytes);
    size += chunk.bytes.length;
  }
  const input = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    input.set(part, offset);
    offset += part.length;
  }
  const base = values.base ? Model.fromJSON(await readFile(values.base, 'utf8')) : undefined;
  try {
    const repeat = values.model as RepeatModel | undefined;
    if (repeat !== undefined && !repeatModels.includes(repeat)) {
      throw new UsageError(`--model must be one of ${repeatModels.join(', ')}`);
    }
    const options: FitOptions = {
      ...(values['as-of'] ? { asOf: values['as-of'] } : {}),
      ...(base ? { base } : {}),
      ...(repeat ? { model: repeat } : {}),
      ...(values['holdout-from'] ? { holdoutFrom: values['holdout-from'] } : {}),
    };
    const result = values.profiles ? fitModelFromProfiles(input, options) : fitModel(input, options);
    const rejected = result.rejects.length;
    await write(
      process.stderr,
      result.rejects.map(formatReject).join('') +
        fitReport(result.model.fit as FitReport) +
        `fit: ${result.linesUsed + rejected} lines = ${result.linesUsed} used + ${rejected} rejected, ${result.customers} customers\n`,
    );
    const text = `${JSON.stringify(result.model)}\n`;
    if (values.output) await writeFile(values.output, text);
    else await write(process.stdout, text);
    return 0;
  } catch (e) {
    if (!(e instanceof SelfCrmError) || e.code !== 'E_EMPTY') throw e;
    await write(process.stderr, `selfcrm fit: ${e.code}: ${e.message}\n`);
    return 1;
  } finally {
    base?.dispose();
  }
}
