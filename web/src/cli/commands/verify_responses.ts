// `selfcrm verify --responses`: OpenID4VP answers in batch, one {"request", "response", "origin"?}
// per NDJSON line, verified as a company's intake would (selfcrm/company's verifyPresentation), with
// one nonce store for the whole input so an answer replayed within it is caught.
import { verifyPresentation, type NonceStore, type VerifiedPresentation } from '../../company/index.node.js';
import type { ErrorCode, LineReject } from '../../runtime/errors.js';
import { checkRequest } from '../../share/request.js';
import { lineChunks } from '../io/lines.js';
import { batchOptionsHelp, openInput, parseBatchArgs } from '../io/options.js';
import { createSink } from '../io/output.js';
import { createProgress } from '../io/progress.js';
import { shapeResults } from '../io/result_form.js';
import { UsageError, write } from '../io/usage.js';

export const verifyResponsesHelp = `Usage: selfcrm verify --responses [--origin ORIGIN] [--now ISO] [options]

Verifies OpenID4VP answers in batch. Each NDJSON line is
  {"request": <the request object the company made>, "response": {"vp_token": {…}}, "origin"?: "https://…"}
(origin: the company's own origin, the Key Binding JWT's audience; --origin gives it for lines
without one). Writes one result per usable line, in input order:
  {"line","valid","claims":{name:{value,level,purpose,retention,expiresAt,…}},"problems":[…],"holder"}
A nonce answered twice within the input is a replay. Lines that are not such records are reported
("line N: CODE at PATH: message" on stderr, or --rejects); blank lines are skipped. Exit status: 0
when every line verified valid, 1 when any line was rejected or not valid (or nothing was read), 2
on a usage error.

Options:
      --origin ORIGIN  the company's origin for lines that name none
      --now ISO        check times at this instant instead of now
${batchOptionsHelp}
`;

interface Line {
  line: number;
  text: string;
}

interface Outcome {
  result?: VerifiedPresentation & { line: number };
  reject?: LineReject;
  /** The nonce this line's answer would consume. */
  nonce?: string;
}

async function verifyLine({ line, text }: Line, origin: string | undefined, now: Date | undefined): Promise<Outcome> {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (e) {
    return { reject: { line, code: 'E_PARSE', path: '', message: `not JSON: ${(e as Error).message}` } };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return { reject: { line, code: 'E_SCHEMA', path: '', message: 'a line is {"request", "response", "origin"?}' } };
  const r = record as Record<string, unknown>;
  if (r.response === undefined) return { reject: { line, code: 'E_SCHEMA', path: '/response', message: 'the response is missing' } };
  try {
    checkRequest(r.request);
  } catch (e) {
    const err = e as { code?: ErrorCode; path?: string; message: string };
    return { reject: { line, code: err.code ?? 'E_SCHEMA', path: `/request${err.path ?? ''}`, message: err.message.replace(/ \(at [^)]*\)$/, '') } };
  }
  const lineOrigin = r.origin ?? origin;
  if (typeof lineOrigin !== 'string') return { reject: { line, code: 'E_SCHEMA', path: '/origin', message: 'no origin: give one per line or --origin' } };
  // Lines are verified concurrently; which of two answers with one nonce came first is settled
  // afterwards, in line order (see markReplays).
  let nonce: string | undefined;
  const nonces: NonceStore = { consume: (n) => ((nonce = n), true) };
  const verified = await verifyPresentation(r.response, { request: r.request as never, origin: lineOrigin, nonces, ...(now ? { now } : {}) });
  return { result: { line, ...verified }, ...(nonce === undefined ? {} : { nonce }) };
}

/** The second and later answers to one nonce, in input order, are replays: refused as verify would. */
function markReplays(outcomes: Outcome[], used: Set<string>): void {
  for (const o of outcomes) {
    if (!o.result || o.nonce === undefined) continue;
    if (used.has(o.nonce)) {
      o.result.claims = {};
      o.result.valid = false;
      o.result.problems.push({ kind: 'replay', message: 'this nonce was already used: a replayed answer' });
    }
    used.add(o.nonce);
  }
}

export async function runVerifyResponses(argv: string[]): Promise<number> {
  const { flags, values } = parseBatchArgs(argv, { responses: { type: 'boolean' }, origin: { type: 'string' }, now: { type: 'string' } });
  if (flags.help) {
    await write(process.stdout, verifyResponsesHelp);
    return 0;
  }
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now as string);
    if (Number.isNaN(now.getTime())) throw new UsageError('--now must be an ISO-8601 instant');
  }
  const origin = values.origin as string | undefined;
  if (origin !== undefined && !/^https?:\/\/[^/]+$/.test(origin)) throw new UsageError('--origin is scheme://host[:port]');
  const { input, bytes } = await openInput(flags);
  const sink = createSink(flags);
  const progress = createProgress(process.stderr, bytes);
  const used = new Set<string>();
  // WebCrypto verifies off the main thread: keep a window of lines in flight, write in order.
  const window = Math.max(1, flags.jobs) * 32;
  let valid = 0;
  let invalid = 0;
  let rejected = 0;
  let read = 0;
  const decoder = new TextDecoder();
  for await (const chunk of lineChunks(input)) {
    const texts = decoder.decode(chunk.bytes).split('\n');
    const lines: Line[] = [];
    texts.forEach((text, i) => {
      if (text.trim() !== '' && i < chunk.lines) lines.push({ line: chunk.firstLine + i, text });
    });
    for (let at = 0; at < lines.length; at += window) {
      const done = await Promise.all(lines.slice(at, at + window).map((l) => verifyLine(l, origin, now)));
      markReplays(done, used);
      const rejects = done.flatMap((d) => (d.reject ? [d.reject] : []));
      const results = done.flatMap((d) => (d.result ? [d.result] : []));
      rejected += rejects.length;
      for (const r of results) (r.valid ? (valid += 1) : (invalid += 1));
      await sink.rejects(rejects);
      if (results.length) await sink.results(shapeResults(`${results.map((r) => JSON.stringify(r)).join('\n')}\n`, sink.form));
    }
    read += chunk.lines;
    progress.update(read, read);
  }
  progress.done();
  await sink.close();
  return valid > 0 && invalid === 0 && rejected === 0 ? 0 : 1;
}
