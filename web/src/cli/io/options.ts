// Flags every batch subcommand shares, parsed with util.parseArgs.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { Readable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { SelfCrmError } from '../../index.node.js';
import { asOfSeconds } from '../../runtime/time.js';
import { csvAsNdjson } from './csv_input.js';
import { defaultMaxLineBytes } from './lines.js';
import { maxRejectsHelp, parseMaxRejects } from './outcome.js';
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
      --max-line-bytes N a longer line is a reject (E_RANGE) and the lines after it are
                       still read (default ${defaultMaxLineBytes}, 16 MiB)
${maxRejectsHelp}
  -h, --help           show this text`;

const shared = {
  input: { type: 'string', short: 'i' },
  output: { type: 'string', short: 'o' },
  format: { type: 'string', short: 'f' },
  rejects: { type: 'string' },
  csv: { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  'max-line-bytes': { type: 'string' },
  'max-rejects': { type: 'string' },
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
  maxLineBytes: number;
  maxRejects?: number;
  help: boolean;
}

function defaultJobs(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}

/**
 * Parses the shared flags plus a command's own; throws UsageError on any mistake. Positional
 * arguments (file names) only when `allowPositionals`.
 */
export function parseBatchArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], own: T, allowPositionals = false) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...shared, ...own }, allowPositionals, strict: true });
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
  let maxLineBytes = defaultMaxLineBytes;
  if (v['max-line-bytes'] !== undefined) {
    maxLineBytes = Number(v['max-line-bytes']);
    if (!Number.isSafeInteger(maxLineBytes) || maxLineBytes < 1) throw new UsageError('--max-line-bytes must be a positive whole number');
  }
  const flags: BatchFlags = {
    input: v.input as string | undefined,
    output: v.output as string | undefined,
    format: format as OutputFormat,
    formatGiven: v.format !== undefined,
    rejects: v.rejects as string | undefined,
    csv: Boolean(v.csv) || (typeof v.input === 'string' && v.input.toLowerCase().endsWith('.csv')),
    jobs,
    maxLineBytes,
    maxRejects: parseMaxRejects(v['max-rejects']),
    help: Boolean(v.help),
  };
  return { flags, values: v, positionals: parsed.positionals };
}

/** The input stream and, for a file, its size (for progress). */
export async function openInput(flags: Pick<BatchFlags, 'input' | 'csv'>): Promise<{ input: Readable; bytes?: number }> {
  let input: Readable = process.stdin;
  let size: number | undefined;
  if (flags.input) {
    size = (await statReadable(flags.input, '--input')).size;
    // Reads as large as a batch chunk: fewer calls and buffers on the main thread.
    input = createReadStream(flags.input, { highWaterMark: 1 << 19 });
  }
  // CSV rows become NDJSON records; the byte count is then only an estimate for the progress line.
  return flags.csv ? { input: Readable.from(csvAsNdjson(input)), bytes: size } : { input, bytes: size };
}

/** An error of the file system as an I/O error (exit 1) that names the option, the file and the OS reason. */
export function ioError(flag: string, file: string, e: unknown): SelfCrmError {
  const err = e as NodeJS.ErrnoException;
  // "ENOENT: no such file or directory, open 'x'" → "no such file or directory (ENOENT)"
  const reason = err.code ? `${err.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')} (${err.code})` : String(err.message ?? e);
  return new SelfCrmError('E_IO', `cannot read ${flag} ${file}: ${reason}`);
}

/** stat() of a file that is about to be read: a missing file or a folder is an I/O error. */
export async function statReadable(file: string, flag: string) {
  let info;
  try {
    info = await stat(file);
  } catch (e) {
    throw ioError(flag, file, e);
  }
  if (info.isDirectory()) throw new SelfCrmError('E_IO', `cannot read ${flag} ${file}: it is a folder`);
  return info;
}

/**
 * The text of a JSON document given as an option (--model, --segments, …), checked with `check`
 * (which throws on a bad document): an unreadable file is an I/O error, a bad one names the
 * option and the file, so "-m profiles.ndjson" says which of the inputs was wrong.
 */
export async function readDocumentOption(file: unknown, flag: string, check: (text: string) => void): Promise<string | undefined> {
  if (typeof file !== 'string') return undefined;
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw ioError(flag, file, e);
  }
  try {
    check(text);
  } catch (e) {
    if (!(e instanceof SelfCrmError)) throw e;
    const detail = e.message.endsWith(`(at ${e.path})`) ? e.message.slice(0, -` (at ${e.path})`.length) : e.message;
    throw new SelfCrmError(e.code, `${flag} ${file} is not usable: ${detail}`, e.path);
  }
  return text;
}

/** --as-of read as the core reads every record's time (2026-02-30 is refused); default: now. */
export function parseAsOf(value: unknown, flag = '--as-of'): string {
  if (value === undefined) return new Date().toISOString();
  try {
    asOfSeconds(value as string);
  } catch (e) {
    if (!(e instanceof SelfCrmError)) throw e;
    throw new UsageError(`${flag} must be an ISO-8601 date such as 2024-06-30 or 2024-06-30T12:00:00Z, not "${String(value)}"`);
  }
  return value as string;
}
