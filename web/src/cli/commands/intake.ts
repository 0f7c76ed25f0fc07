// `selfcrm intake`: verified answers into the company's store, on the customer's terms; `intake
// purge` deletes what the terms no longer allow; `intake export` writes customer rows for the next
// stage (`selfcrm rank` reads them on stdin).
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { IntakeRun, IntakeStore, storeRows, type CustomerRow, type IntakeLine } from '../../company/index.node.js';
import type { LineReject } from '../../runtime/errors.js';
import { purposeIri } from '../../share/request.js';
import { lineChunks } from '../io/lines.js';
import { countLine, failure, maxRejectsHelp, parseMaxRejects } from '../io/outcome.js';
import { statReadable } from '../io/options.js';
import { createSink } from '../io/output.js';
import { UsageError, write } from '../io/usage.js';

export const intakeHelp = `Usage: selfcrm intake --store FILE [options] [RESPONSES.ndjson | -]
       selfcrm intake purge --store FILE [--now ISO]
       selfcrm intake export --store FILE [--purpose IRI] [--now ISO]

intake: verifies each NDJSON line and writes the claims in force to the store FILE (an SQLite
file, created when missing), one row per customer (pairwise holder id) and claim, with its level,
purpose, expiry and evidence (the request nonce and the presentation digest). A line is
  {"request": <the request object>, "response": {"vp_token": {…}}, "origin"?, "receivedAt"?}
as the company's direct_post endpoint keeps them (verified as of receivedAt, else --now), or
  {"revocation": "<JWS from the customer's vault>", "origin"?, "receivedAt"?}
Terms are enforced: copied claims are kept until their expiry; borrowed claims are usable in this
run only (--emit rows) and never written; displayed claims never arrive. A presentation already in
the store is a duplicate (running the same input again changes nothing); a second answer to one
request's nonce is a replay (a reject); a line that does not verify is a reject with its line
number, and nothing of it is written. Lines are written in batches, each one transaction: a killed
run leaves whole batches, and running it again completes the store.
Writes one result per line taken in:
  {"line","kind","status":"stored"|"duplicate","subject","digests","stored","superseded","borrowed","revoked"}
or with --emit rows the customer rows of this run, borrowed claims included:
  {"subject":"<pairwise id>","claims":{"<claim>":<value>,…}}
(with --emit rows, lines already in the store are verified again for their borrowed claims, so a
run resumed after a crash hands the next stage the same rows).
The last stderr line counts the input: "N lines = R results + J rejects". Exit status: 0 when at
least one line was taken in and no more than --max-rejects lines were rejected; 1 otherwise or on
failure; 2 on a usage error.

purge: deletes every claim whose grant was revoked and every claim expired at --now (default now),
in one transaction; writes one NDJSON line per deleted claim {subject, claim, purpose, reason,
expiresAt, revokedAt} and a count on stderr.

export: the store's claims in force at --now as customer rows, one NDJSON line per customer:
  {"subject":"<pairwise id>","claims":{"<claim>":<value>,…}}
With --purpose, only claims the customer granted for that purpose (a DPV IRI or dpv:Name; exact
match): a claim granted for one purpose is never exported for another. Without it, every claim
in force (the company's own record of what it holds).

Options:
      --store FILE     the intake store (required)
      --origin ORIGIN  the company's origin for lines that name none
      --now ISO        the instant of the run (default now)
      --emit WHAT      results (default) or rows
      --purpose IRI    rows and export: only claims granted for this purpose
      --batch N        lines verified together and written in one transaction (default 64)
  -i, --input FILE     read from FILE (or give it as the last argument; - is stdin)
  -o, --output FILE    write to FILE instead of stdout
      --rejects FILE   write bad lines as NDJSON {line, code, path, message} to FILE
${maxRejectsHelp}
  -h, --help           show this text
`;


function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        store: { type: 'string' }, batch: { type: 'string' }, origin: { type: 'string' }, now: { type: 'string' }, emit: { type: 'string' }, purpose: { type: 'string' },
        input: { type: 'string', short: 'i' }, output: { type: 'string', short: 'o' }, rejects: { type: 'string' }, 'max-rejects': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function parseNow(value: unknown): Date {
  if (value === undefined) return new Date();
  const now = new Date(value as string);
  if (Number.isNaN(now.getTime())) throw new UsageError('--now must be an ISO-8601 instant');
  return now;
}

function parsePurpose(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    return purposeIri(value, '/purpose');
  } catch {
    throw new UsageError('--purpose is a DPV purpose IRI such as dpv:Marketing or https://w3id.org/dpv#Marketing');
  }
}

export function requireStore(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new UsageError('--store FILE is required');
  return value;
}

async function writeLines(output: string | undefined, lines: unknown[]): Promise<void> {
  const sink = createSink({ format: 'ndjson', ...(output ? { output } : {}) });
  if (lines.length) await sink.results(`${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  await sink.close();
}

export async function runIntake(argv: string[]): Promise<number> {
  const sub = argv[0];
  if (sub === 'purge' || sub === 'export') return runStoreCommand(sub, argv.slice(1));
  const { values, positionals } = parse(argv);
  if (values.help) {
    await write(process.stdout, intakeHelp);
    return 0;
  }
  const file = requireStore(values.store);
  const now = parseNow(values.now);
  const purpose = parsePurpose(values.purpose);
  const emit = values.emit ?? 'results';
  if (emit !== 'results' && emit !== 'rows') throw new UsageError('--emit is results or rows');
  if (purpose && emit !== 'rows') throw new UsageError('--purpose goes with --emit rows (or intake export)');
  const origin = values.origin;
  if (origin !== undefined && !/^https?:\/\/[^/]+$/.test(origin)) throw new UsageError('--origin is scheme://host[:port]');
  const maxRejects = parseMaxRejects(values['max-rejects']);
  const batchLines = values.batch === undefined ? 64 : Number(values.batch);
  if (!Number.isInteger(batchLines) || batchLines < 1 || batchLines > 4096) throw new UsageError('--batch is a whole number from 1 to 4096');
  if (positionals.length > 1 || (positionals.length && values.input)) throw new UsageError('give one input: a file, - for stdin, or --input FILE');
  const inputFile = values.input ?? (positionals[0] === '-' ? undefined : positionals[0]);
  if (inputFile) await statReadable(inputFile, 'the input');
  const input = inputFile ? createReadStream(inputFile) : process.stdin;

  const store = await IntakeStore.open(file);
  const sink = createSink({ format: 'ndjson', ...(values.output ? { output: values.output } : {}), ...(values.rejects ? { rejects: values.rejects } : {}) });
  // Rows carry borrowed claims, which only verifying gives: a resumed run verifies known answers again.
  const run = new IntakeRun(store, { now, borrowedFromDuplicates: emit === 'rows', ...(origin ? { origin } : {}) });
  const counts = { lines: 0, results: 0, rejects: 0 };
  const decoder = new TextDecoder();
  try {
    let pending: IntakeLine[] = [];
    const flush = async (early: LineReject[]) => {
      const { results, rejects } = await run.add(pending);
      pending = [];
      const all = [...early, ...rejects].sort((a, b) => a.line - b.line);
      counts.results += results.length;
      counts.rejects += all.length;
      await sink.rejects(all);
      if (emit === 'results' && results.length) await sink.results(`${results.map((r) => JSON.stringify(r)).join('\n')}\n`);
    };
    for await (const chunk of lineChunks(input, 1 << 16)) {
      const texts = decoder.decode(chunk.bytes).split('\n');
      const tooLong = new Set(chunk.tooLong.map((r) => r.line));
      let early = chunk.tooLong;
      for (let i = 0; i < chunk.lines; ++i) {
        const line = chunk.firstLine + i;
        const text = texts[i] as string;
        if (!tooLong.has(line) && text.trim() !== '') pending.push({ line, text });
        if (pending.length >= batchLines) {
          await flush(early);
          early = [];
        }
      }
      if (early.length) await flush(early);
      counts.lines += chunk.lines;
    }
    if (pending.length) await flush([]);
    if (emit === 'rows') {
      const rows: CustomerRow[] = run.rows(purpose);
      if (rows.length) await sink.results(`${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    }
    await sink.close();
  } finally {
    await store.close();
  }
  const why = failure(counts, maxRejects);
  await write(process.stderr, `${why ? `selfcrm intake: ${why}\n` : ''}${countLine(counts)}`);
  return why ? 1 : 0;
}

async function runStoreCommand(sub: 'purge' | 'export', argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    await write(process.stdout, intakeHelp);
    return 0;
  }
  if (positionals.length) throw new UsageError(`intake ${sub} reads no input: only --store`);
  const file = requireStore(values.store);
  const now = parseNow(values.now);
  const purpose = parsePurpose(values.purpose);
  if (sub === 'purge' && purpose) throw new UsageError('intake purge takes no --purpose: it deletes what no purpose allows any more');
  const store = await IntakeStore.open(file, { create: false });
  try {
    if (sub === 'export') {
      const rows = storeRows(store, { now, ...(purpose ? { purpose } : {}) });
      await writeLines(values.output, rows);
      await write(process.stderr, `${rows.length} customers exported${purpose ? ` for ${purpose}` : ''}\n`);
      return 0;
    }
    const purged = store.purge(now);
    await writeLines(values.output, purged);
    const revoked = purged.filter((p) => p.reason === 'revoked').length;
    await write(process.stderr, `purged ${purged.length} claims: ${revoked} revoked, ${purged.length - revoked} expired\n`);
    return 0;
  } finally {
    await store.close();
  }
}
