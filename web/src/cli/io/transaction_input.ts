// `score`, `analyze` and `report` on a company's transaction export: the lines are grouped into one
// profile per customer in the engine (profilesFromTransactions), and rejects of those profiles are
// traced back to the input line they came from.
import { Readable } from 'node:stream';

import { profilesFromTransactions, type LineReject } from '../../index.node.js';
import type { Sink } from './output.js';
import { UsageError } from './usage.js';

export type InputKind = 'auto' | 'profiles' | 'transactions';

export const inputKindHelp = `      --input-kind KIND  profiles (vault documents), transactions ({"customerId","at","amount",
                       "margin"} lines, customers in any order: one result per customer) or
                       auto (default: transactions when the first record has a customerId)`;

export function parseInputKind(value: unknown): InputKind {
  const kind = value ?? 'auto';
  if (kind !== 'auto' && kind !== 'profiles' && kind !== 'transactions') {
    throw new UsageError(`--input-kind must be auto, profiles or transactions, not "${String(kind)}"`);
  }
  return kind;
}

/** The input as profile lines, and how to report rejects of profiles made from transactions. */
export interface ProfileInput {
  input: Readable;
  /** Set when the input was transaction lines. */
  transactions?: { lines: number; linesUsed: number; customers: number; rejects: LineReject[]; mapReject: (r: LineReject) => LineReject };
}

async function* bytesOf(input: Readable): AsyncGenerator<Buffer> {
  for await (const part of input) yield typeof part === 'string' ? Buffer.from(part) : (part as Buffer);
}

function firstRecordIsTransaction(head: Buffer): boolean {
  const text = head.toString('utf8');
  const line = text.split('\n').find((l) => l.trim() !== '');
  if (line === undefined) return false;
  try {
    const value = JSON.parse(line) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'customerId');
  } catch {
    return false; // a bad first line is reported by the profile reader
  }
}

/** Reads enough of `input` to tell its kind, then hands profile lines on. */
export async function profileInput(source: Readable, kind: InputKind): Promise<ProfileInput> {
  const parts = bytesOf(source);
  const head: Buffer[] = [];
  let transactions = kind === 'transactions';
  if (kind === 'auto') {
    // Up to the end of the first non-blank line (each part looked at once, however long the line).
    let content = false;
    for (;;) {
      const next = await parts.next();
      if (next.done) break;
      head.push(next.value);
      const text = next.value.toString('latin1');
      const start: number = content ? 0 : text.search(/\S/);
      content ||= start !== -1;
      if (content && text.indexOf('\n', Math.max(0, start)) !== -1) break;
    }
    transactions = firstRecordIsTransaction(Buffer.concat(head));
  }
  if (!transactions) {
    return { input: Readable.from((async function* () { yield* head; yield* parts; })()) };
  }
  // Grouping needs every line of a customer, wherever it sits in the export: the whole input at once.
  for (let next = await parts.next(); !next.done; next = await parts.next()) head.push(next.value);
  const all = Buffer.concat(head);
  const grouped = profilesFromTransactions(all);
  let lines = 0;
  for (let at = all.indexOf(10); at !== -1; at = all.indexOf(10, at + 1)) ++lines;
  if (all.length && all[all.length - 1] !== 10) ++lines;
  const profiles = grouped.ndjson.split('\n');
  const mapReject = (r: LineReject): LineReject => {
    // r.line numbers the grouped profiles; a purchase's id names its input line ("line-12").
    const profile = JSON.parse(profiles[r.line - 1] ?? '{}') as { id?: string; history?: { transactions?: { id: string }[] } };
    const at = /^\/history\/transactions\/(\d+)(.*)$/.exec(r.path);
    const record = at ? profile.history?.transactions?.[Number(at[1])] : undefined;
    const line = record ? Number(record.id.slice('line-'.length)) : grouped.firstLines[r.line - 1] ?? r.line;
    return { ...r, line, path: record ? at![2]! : r.path, message: `customer ${profile.id}: ${r.message}` };
  };
  return {
    input: Readable.from([Buffer.from(grouped.ndjson)]),
    transactions: { lines, linesUsed: grouped.linesUsed, customers: grouped.firstLines.length, rejects: grouped.rejects, mapReject },
  };
}

/** A sink whose rejects are traced back to the transaction lines. */
export function tracedSink(sink: Sink, mapReject: (r: LineReject) => LineReject): Sink {
  return {
    form: sink.form,
    results: (chunk, written) => sink.results(chunk, written),
    rejects: (list) => sink.rejects(list.map(mapReject)),
    close: () => sink.close(),
  };
}
