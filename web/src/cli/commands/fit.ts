import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { fitModel, fitModelFromProfiles, Model, SelfCrmError, type FitResult, type LineReject } from '../../index.node.js';
import { lineChunks } from '../io/lines.js';
import { exitStatusHelp, finishLines, maxRejectsHelp, parseMaxRejects } from '../io/outcome.js';
import { openInput, parseAsOf, readDocumentOption } from '../io/options.js';
import { createSink } from '../io/output.js';
import { UsageError, write } from '../io/usage.js';

export const fitHelp = `Usage: selfcrm fit [options]

Reads transactions as NDJSON, one {"customerId", "at", "amount", "margin"} per line (or CSV with
those columns), from FILE or stdin, fits a scoring model (RFM quintile cut points, BG/NBD and
Gamma-Gamma parameters, margin rate) and writes the model JSON document. Bad lines are reported
("line N: CODE at PATH: message" on stderr, or --rejects) and counted; when no line is usable, no
model is written.
${exitStatusHelp}

Options:
  -i, --input FILE     read from FILE instead of stdin
      --csv            the input is CSV with a header (default for *.csv files)
  -o, --output FILE    write the model to FILE instead of stdout
      --rejects FILE   write bad lines as NDJSON {line, code, path, message} to FILE
      --as-of DATE     end of observation (ISO-8601); default: the latest transaction
      --base MODEL     model JSON whose settings (period, horizon, weights…) are kept
      --profiles       the input is NDJSON profiles (vault documents); their purchases are used,
                       and rejects name the profile line and the record (/history/transactions/2)
${maxRejectsHelp}
  -h, --help           show this text
`;

export async function runFit(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        input: { type: 'string', short: 'i' },
        csv: { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        rejects: { type: 'string' },
        'as-of': { type: 'string' },
        base: { type: 'string' },
        profiles: { type: 'boolean' },
        'max-rejects': { type: 'string' },
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
  const maxRejects = parseMaxRejects(values['max-rejects']);
  const asOf = values['as-of'] === undefined ? undefined : parseAsOf(values['as-of']);
  const baseText = await readDocumentOption(values.base, '--base', (t) => Model.fromJSON(t).dispose());
  const csv = Boolean(values.csv) || (values.input?.toLowerCase().endsWith('.csv') ?? false);
  if (csv && values.profiles) throw new UsageError('--profiles reads NDJSON profiles, not CSV');
  const { input } = await openInput({ input: values.input, csv, format: 'ndjson', jobs: 1, help: false });
  // The fit needs every transaction at once: gather the input into one buffer.
  const parts: Uint8Array[] = [];
  let size = 0;
  let lines = 0;
  for await (const chunk of lineChunks(input)) {
    parts.push(chunk.bytes);
    size += chunk.bytes.length;
    lines += chunk.lines;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  const base = baseText === undefined ? undefined : Model.fromJSON(baseText);
  const sink = createSink({ format: 'ndjson', rejects: values.rejects });
  try {
    const options = { ...(asOf ? { asOf } : {}), ...(base ? { base } : {}) };
    let result: FitResult & { profiles?: number };
    try {
      result = values.profiles ? fitModelFromProfiles(bytes, options) : fitModel(bytes, options);
    } catch (e) {
      if (!(e instanceof SelfCrmError) || e.code !== 'E_EMPTY' || !e.rejects) throw e;
      await sink.rejects(e.rejects);
      await sink.close();
      return finishLines('fit', { lines, results: 0, rejects: e.rejects.length }, maxRejects);
    }
    await sink.rejects(result.rejects as LineReject[]);
    await sink.close();
    const text = `${JSON.stringify(result.model)}\n`;
    if (values.output) await writeFile(values.output, text);
    else await write(process.stdout, text);
    // Profiles: a line is a result when it gave the fit a profile (some of its purchases may be rejects).
    const used = result.profiles ?? result.linesUsed;
    await write(process.stderr, `fit: ${result.customers} customers from ${result.linesUsed} transactions\n`);
    return finishLines('fit', { lines, results: used, rejects: result.rejects.length }, maxRejects);
  } finally {
    base?.dispose();
  }
}
