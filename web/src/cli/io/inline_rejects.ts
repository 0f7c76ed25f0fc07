// `--rejects inline`: the streaming-filter form (Hadoop Streaming, Spark's RDD.pipe, Dask,
// GNU parallel) — exactly one output line per input line, in input order: the result, an error
// object for a bad line, an empty line for a blank one. Output line k then answers input line k,
// so the line number is left out of the error and a split run's parts concatenate to the very bytes
// of a single run.
import type { LineReject } from '../../index.node.js';

/** 0-based indexes of the chunk's blank lines (only spaces, tabs, CR), as the core skips them. */
export function blankLines(bytes: Uint8Array): number[] {
  const blanks: number[] = [];
  let index = 0;
  let blank = true;
  for (let i = 0; i < bytes.length; ++i) {
    const c = bytes[i];
    if (c === 10) {
      if (blank) blanks.push(index);
      ++index;
      blank = true;
    } else if (c !== 32 && c !== 9 && c !== 13) {
      blank = false;
    }
  }
  // A last line without its newline.
  if (bytes.length && bytes[bytes.length - 1] !== 10 && blank) blanks.push(index);
  return blanks;
}

export function inlineReject(r: LineReject): string {
  return `${JSON.stringify({ error: { code: r.code, path: r.path, message: r.message } })}\n`;
}

const encoder = new TextEncoder();

/** Merges one chunk's result lines, rejects and blank lines into input order. */
export function interleave(
  results: string | Uint8Array, chunk: { firstLine: number; lines: number; blanks: number[] }, rejects: LineReject[],
): Uint8Array {
  const out = typeof results === 'string' ? encoder.encode(results) : results;
  if (!rejects.length && !chunk.blanks.length) return out;
  const byLine = new Map(rejects.map((r) => [r.line - chunk.firstLine, r]));
  const blanks = new Set(chunk.blanks);
  const parts: Uint8Array[] = [];
  let size = 0;
  let from = 0;
  const push = (p: Uint8Array) => {
    parts.push(p);
    size += p.length;
  };
  const newline = encoder.encode('\n');
  for (let i = 0; i < chunk.lines; ++i) {
    const reject = byLine.get(i);
    if (reject) push(encoder.encode(inlineReject(reject)));
    else if (blanks.has(i)) push(newline);
    else {
      const end = out.indexOf(10, from);
      if (end === -1) throw new Error(`inline rejects: no result for line ${chunk.firstLine + i}`);
      push(out.subarray(from, end + 1));
      from = end + 1;
    }
  }
  const joined = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  return joined;
}
