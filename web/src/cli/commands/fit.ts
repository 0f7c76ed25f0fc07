import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { FitAggregate, fitModel, fitModelFromProfiles, Model, SelfCrmError, type FitOptions, type FitResult, type LineReject, type RepeatModel } from '../../index.node.js';
import { fitReport, repeatModels, type FitReport } from './fit_report.js';
import { runDiscreteFit, discreteFitHelp, discreteFitOptions } from './fit_discrete.js';
import { gatherLines } from '../io/gather.js';
import { mergeByLine } from '../io/lines.js';
import { exitStatusHelp, finishLines, maxRejectsHelp, parseMaxRejects } from '../io/outcome.js';
import { openInput, parseAsOf, readDocumentOption } from '../io/options.js';
import { createSink } from '../io/output.js';
import { mergeParts, partialHelp, partialMode, partialOptions, rulesHash, type PartialMode } from '../io/partials.js';
import { UsageError, write } from '../io/usage.js';
import { packageVersion } from '../io/version.js';

export const fitHelp = `Usage: selfcrm fit [options]

Reads transactions as NDJSON, one {"customerId", "at", "amount", "margin"} per line (or CSV with
those columns), from FILE or stdin, fits a scoring model (RFM quintile cut points, the
repeat-purchase model's and Gamma-Gamma parameters with standard errors, margin rate) and writes the
model JSON document. Every repeat model is also fitted and compared on stderr (log-likelihood, AIC,
and with --holdout-from the error predicting purchases after that date). A fit the data do not
support (at a bound of the search, flat likelihood, no heterogeneity, too few repeat buyers) is
printed on stderr with what it means and what to do, and recorded in the model (fit.diagnostics),
where scores find it. Bad lines are reported ("line N: CODE at PATH: message" on stderr, or
--rejects) and counted; when no line is usable, no model is written.
${exitStatusHelp}

Options:
  -i, --input FILE     read from FILE instead of stdin
      --csv            the input is CSV with a header (default for *.csv files)
  -o, --output FILE    write the model to FILE instead of stdout
      --rejects FILE   write bad lines as NDJSON {line, code, path, message} to FILE
  -t, --as-of DATE     end of observation (ISO-8601); default: the latest transaction
      --base MODEL     model JSON whose settings (period, horizon, weights…) are kept
      --model NAME     repeat-purchase model to store: bgnbd (default), modified-bgnbd, pareto-nbd
                       (also with --profiles); sbg or bgbb read other input (below)
      --holdout-from DATE
                       compare the models on the purchases after DATE, each fitted on those before
                       (the stored model is fitted on all transactions)
      --profiles       the input is NDJSON profiles (vault documents); their purchases are used,
                       and rejects name the profile line and the record (/history/transactions/2)
${partialHelp}
                       fit --partial needs --as-of and every customer's lines in one part
                       (partition by customerId); a customer in two parts is refused
${maxRejectsHelp}
  -h, --help           show this text
${discreteFitHelp}`;

export async function runFit(argv: string[]): Promise<number> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        input: { type: 'string', short: 'i' },
        csv: { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        rejects: { type: 'string' },
        'as-of': { type: 'string', short: 't' },
        base: { type: 'string' },
        profiles: { type: 'boolean' },
        model: { type: 'string' },
        'holdout-from': { type: 'string' },
        'max-rejects': { type: 'string' },
        ...discreteFitOptions,
        help: { type: 'boolean', short: 'h' },
        ...partialOptions,
      },
      allowPositionals: true,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    await write(process.stdout, fitHelp);
    return 0;
  }
  const maxRejects = parseMaxRejects(values['max-rejects']);
  const csv = Boolean(values.csv) || (values.input?.toLowerCase().endsWith('.csv') ?? false);
  if (values.model === 'sbg' || values.model === 'bgbb') return runDiscreteFit(values.model, values, { csv, maxRejects });
  const asOf = values['as-of'] === undefined ? undefined : parseAsOf(values['as-of']);
  const baseText = await readDocumentOption(values.base, '--base', (t) => Model.fromJSON(t).dispose());
  if (csv && values.profiles) throw new UsageError('--profiles reads NDJSON profiles, not CSV');
  for (const flag of ['horizon', 'discount-rate', 'renewals', 'future'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} is for --model sbg or bgbb`);
  }
  const mode = partialMode(values, positionals);
  if (mode.partial || mode.merge) return runFitParts(mode, values, asOf, baseText, csv, maxRejects);
  const { input } = await openInput({ input: values.input, csv });
  const { bytes, lines, tooLong } = await gatherLines(input);
  const base = baseText === undefined ? undefined : Model.fromJSON(baseText);
  const sink = createSink({ format: 'ndjson', rejects: values.rejects });
  try {
    const repeat = values.model as RepeatModel | undefined;
    if (repeat !== undefined && !repeatModels.includes(repeat)) {
      throw new UsageError(`--model must be one of ${[...repeatModels, 'sbg', 'bgbb'].join(', ')}`);
    }
    const holdoutFrom = values['holdout-from'] === undefined ? undefined : parseAsOf(values['holdout-from'], '--holdout-from');
    const options: FitOptions = {
      ...(asOf ? { asOf } : {}),
      ...(base ? { base } : {}),
      ...(repeat ? { model: repeat } : {}),
      ...(holdoutFrom ? { holdoutFrom } : {}),
    };
    let result: FitResult & { profiles?: number };
    try {
      result = values.profiles ? fitModelFromProfiles(bytes, options) : fitModel(bytes, options);
    } catch (e) {
      if (!(e instanceof SelfCrmError) || e.code !== 'E_EMPTY' || !e.rejects) throw e;
      const rejects = mergeByLine(tooLong, e.rejects);
      await sink.rejects(rejects);
      await sink.close();
      return finishLines('fit', { lines, results: 0, rejects: rejects.length }, maxRejects);
    }
    const rejects = mergeByLine(tooLong, result.rejects as LineReject[]);
    await sink.rejects(rejects);
    await sink.close();
    await writeModel(result, values.output);
    // Profiles: a line is a result when it gave the fit a profile (some of its purchases may be rejects).
    const used = result.profiles ?? result.linesUsed;
    return finishLines('fit', { lines, results: used, rejects: rejects.length }, maxRejects);
  } finally {
    base?.dispose();
  }
}

/** The fit report on stderr, the model on stdout or --output, the customers line. */
async function writeModel(result: FitResult, output: string | undefined): Promise<void> {
  await write(process.stderr, fitReport(result.model.fit as FitReport));
  const text = `${JSON.stringify(result.model)}\n`;
  if (output) await writeFile(output, text);
  else await write(process.stdout, text);
  await write(process.stderr, `fit: ${result.customers} customers from ${result.linesUsed} transactions\n`);
}

/**
 * fit --partial (a part of the transactions, every customer's lines in it) and fit --merge: the
 * model fitted from merged parts is the model of one run over all the lines, byte for byte.
 */
async function runFitParts(mode: PartialMode, values: Record<string, unknown>, asOf: string | undefined, baseText: string | undefined,
  csv: boolean, maxRejects: number | undefined): Promise<number> {
  if (values.profiles || values['holdout-from'] !== undefined) {
    throw new UsageError('--partial and --merge fit transaction lines, without --profiles or --holdout-from');
  }
  if (!mode.merge && asOf === undefined) throw new UsageError('--partial needs --as-of: every part must end its observation at the same time');
  const repeat = values.model as RepeatModel | undefined;
  if (repeat !== undefined && !repeatModels.includes(repeat)) throw new UsageError(`--model must be one of ${repeatModels.join(', ')}`);
  // The rules a part was fitted under: its base model's settings and the repeat model.
  const identity = { engine: await packageVersion(), rulesHash: rulesHash([baseText, repeat]), asOf: asOf ?? '' };
  const aggregate = new FitAggregate(identity, baseText);
  const sink = createSink({ format: 'ndjson', rejects: values.rejects as string | undefined });
  try {
    if (mode.merge) {
      await mergeParts('fit', mode.merge, (part) => aggregate.merge(part));
    } else {
      const { input } = await openInput({ input: values.input as string | undefined, csv });
      const { bytes, tooLong, lines } = await gatherLines(input);
      await sink.rejects(mergeByLine(tooLong, aggregate.addTransactions(bytes)));
      aggregate.countLines(lines, tooLong.length);
    }
    await sink.close();
    const totals = aggregate.totals();
    const counts = { lines: totals.lines, results: totals.linesUsed, rejects: totals.rejected };
    if (mode.partial) {
      const text = `${aggregate.partial()}\n`;
      if (values.output) await writeFile(values.output as string, text);
      else await write(process.stdout, text);
    } else if (totals.customers > 0) {
      await writeModel(aggregate.fit(repeat ? { model: repeat } : {}), values.output as string | undefined);
    }
    return finishLines('fit', counts, maxRejects);
  } finally {
    aggregate.dispose();
  }
}
