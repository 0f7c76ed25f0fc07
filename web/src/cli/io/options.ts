// Flags every batch subcommand shares, parsed with util.parseArgs.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { Readable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { csvAsNdjson } from './csv_input.js';
import type { OutputFormat } from './output.js';
import { UsageError } from './usage.js';

export const batchOptionsHelp = `  -i, --input FILE     read from FILE instead of stdin
      --csv            the input is CSV with a header (default for *.csv files): each row
                       becomes a record named by the header; numbers and true/false are typed,
                       except in columns named id or …Id (customerId), which stay text
  -o, --output FILE    write results to FILE instead of stdout
  -f, --format FMT     ndjson (default), json (one array) or csv: one row per result (id first), nested
                       members as dotted columns (rfm.recencyDays, clv.value, feedback.sentiment.
                       mean), one column per segment (segment:NAME true/false) and per plan
                       (plan:NAME points), persona by name; explanations left out
      --rejects FILE   write bad lines as NDJSON {line, code, path, message} to FILE
                       instead of stderr
      --rejects inline one output line per input line, in order (a filter for Spark,
                       Hadoop Streaming, Dask, GNU parallel): the result, {"error":
                       {code, path, message}} for a bad line, an empty line for a blank one
  -j, --jobs N         worker threads (default: the number of cores)
  -h, --help           show this text`;

const shared = {
  input: { type: 'string', short: 'i' },
  output: { type: 'string', short: 'o' },
  format: { type: 'string', short: 'f' },
  rejects: { type: 'string' },
  csv: { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface BatchFlags {
  input?: string;
  output?: string;
  format: OutputFormat;
  /** --format was given (a command whose default is not ndjson needs to know). */
  formatGiven: boolean;
  rejects?: string;
  csv: boolean;
  jobs: number;
  help: boolean;
}

function defaultJobs(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}

/** Parses the shared flags plus a command's own; throws UsageError on any mistake. */
export function parseBatchArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], own: T) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...shared, ...own }, allowPositionals: false, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values as Record<string, unknown>;
  const format = (v.format as string | undefined) ?? 'ndjson';
  if (!['ndjson', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be ndjson, json or csv, not "${format}"`);
  let jobs = defaultJobs();
  if (v.jobs !== undefined) {
    jobs = Number(v.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError('--jobs must be a whole number from 1 to 256');
  }
  const flags: BatchFlags = {
    input: v.input as string | undefined,
    output: v.output as string | undefined,
    format: format as OutputFormat,
    formatGiven: v.format !== undefined,
    rejects: v.rejects as string | undefined,
    csv: Boolean(v.csv) || (typeof v.input === 'string' && v.input.toLowerCase().endsWith('.csv')),
    jobs,
    help: Boolean(v.help),
  };
  return { flags, values: v };
}

/** The input stream and, for a file, its size (for progress). */
export async function openInput(flags: BatchFlags): Promise<{ input: Readable; bytes?: number }> {
  let input: Readable = process.stdin;
  let size: number | undefined;
  if (flags.input) {
    try {
      size = (await stat(flags.input)).size;
    } catch {
      throw new UsageError(`cannot read --input ${flags.input}`);
    }
    // Reads as large as a batch chunk: fewer calls and buffers on the main thread.
    input = createReadStream(flags.input, { highWaterMark: 1 << 19 });
  }
  // CSV rows become NDJSON records; the byte count is then only an estimate for the progress line.
  return flags.csv ? { input: Readable.from(csvAsNdjson(input)), bytes: size } : { input, bytes: size };
}
