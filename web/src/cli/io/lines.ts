// Splits a byte stream into chunks that end on line boundaries, numbering lines across chunks, so
// each chunk crosses into the engine as one buffer. Each byte is copied once: a line longer than a
// chunk is gathered part by part and joined once, and one longer than `maxLineBytes` is dropped as
// it streams by and reported as a reject, so neither time nor memory grows with it.
import type { Readable } from 'node:stream';

import type { LineReject } from '../../runtime/errors.js';
import type { BufferPool } from './buffer_pool.js';

/** Lines longer than this many bytes (without the newline) are rejects unless a caller sets another bound. */
export const defaultMaxLineBytes = 16 << 20;

export interface LineChunk {
  /** Bytes of whole lines (the last chunk may lack a final newline); a too-long line is left as an empty one. */
  bytes: Uint8Array;
  /** 1-based number of the chunk's first line in the whole input. */
  firstLine: number;
  /** Lines the chunk holds. */
  lines: number;
  /** The chunk's lines that were longer than the bound (E_RANGE), in order. */
  tooLong: LineReject[];
}

// Buffer's indexOf is memchr, several times faster than Uint8Array's on long lines.
function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) ++count;
  return count;
}

const newline = new Uint8Array([10]);

/**
 * Yields the whole lines read so far each time `minBytes` have gathered (a chunk ends after a
 * newline; the open line waits for the next chunk). Waiting for `minBytes` of whole lines took one
 * more read per chunk, and the engine sat idle for it. Each chunk owns its buffer, from `buffers`
 * when given, so it can be transferred to a worker thread.
 */
export async function* lineChunks(
  input: Readable,
  minBytes = 1 << 20,
  buffers?: BufferPool,
  maxLineBytes = defaultMaxLineBytes,
): AsyncGenerator<LineChunk> {
  let nextLine = 1;
  // Bytes read but not yet yielded: whole lines up to `complete` bytes, then the open line.
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let complete = 0;
  // The open line's length so far, and whether it is being dropped for its length.
  let open = 0;
  let dropping = false;
  let tooLong: LineReject[] = [];

  const reject = (line: number): LineReject => ({
    line, code: 'E_RANGE', path: '', message: `the line is longer than ${maxLineBytes} bytes`,
  });

  // Joins the first `size` pending bytes into one buffer (the only copy) and keeps the rest.
  const take = (size: number): Buffer => {
    const joined = buffers ? Buffer.from(buffers.take(size), 0, size) : Buffer.allocUnsafeSlow(size);
    let offset = 0;
    const rest: Uint8Array[] = [];
    for (const part of pending) {
      const room = size - offset;
      if (room >= part.length) {
        joined.set(part, offset);
        offset += part.length;
      } else {
        if (room > 0) joined.set(part.subarray(0, room), offset);
        offset += room;
        rest.push(room > 0 ? part.subarray(room) : part);
      }
    }
    pending = rest;
    pendingBytes -= size;
    return joined;
  };

  // Keeps only the first `size` pending bytes (views, no copy).
  const truncate = (size: number) => {
    const kept: Uint8Array[] = [];
    let left = size;
    for (const part of pending) {
      if (left <= 0) break;
      kept.push(left >= part.length ? part : part.subarray(0, left));
      left -= part.length;
    }
    pending = kept;
    pendingBytes = size;
  };

  const emit = function* (final: boolean): Generator<LineChunk> {
    const size = final ? pendingBytes : complete;
    if (size === 0) return;
    const bytes = take(size);
    let lines = countNewlines(bytes);
    if (final && bytes[bytes.length - 1] !== 10) ++lines;
    yield { bytes, firstLine: nextLine, lines, tooLong };
    nextLine += lines;
    tooLong = [];
    complete = 0;
  };

  // The open line ends as an empty line standing in for the one dropped. While a line is dropped
  // `pending` holds only whole lines, so its newlines number the lines before it (counted here, as
  // rejects are rare, rather than for every line on the way).
  const endDropped = () => {
    let before = 0;
    for (const part of pending) before += countNewlines(Buffer.from(part.buffer, part.byteOffset, part.length));
    tooLong.push(reject(nextLine + before));
    pending.push(newline);
    pendingBytes += 1;
    dropping = false;
  };

  const add = (part: Uint8Array) => {
    for (let at = 0; at < part.length; ) {
      const view = Buffer.from(part.buffer, part.byteOffset + at, part.length - at);
      // No line of the rest can pass the bound: keep it whole, one view per read, not one per line.
      if (!dropping && open + view.length <= maxLineBytes) {
        pending.push(at === 0 ? part : part.subarray(at));
        pendingBytes += view.length;
        const last = view.lastIndexOf(10);
        if (last === -1) {
          open += view.length;
        } else {
          complete = pendingBytes - (view.length - last - 1);
          open = view.length - last - 1;
        }
        return;
      }
      // Line by line while a line may pass the bound.
      const nl = view.indexOf(10);
      const end = nl === -1 ? part.length : at + nl;
      open += end - at;
      if (!dropping && open > maxLineBytes) {
        dropping = true;
        truncate(complete);
      }
      if (!dropping) {
        const stop = nl === -1 ? end : end + 1;
        pending.push(part.subarray(at, stop));
        pendingBytes += stop - at;
      }
      if (nl === -1) return;
      if (dropping) endDropped();
      complete = pendingBytes;
      open = 0;
      at = end + 1;
    }
  };

  for await (const part of input) {
    const bytes = typeof part === 'string' ? new TextEncoder().encode(part) : (part as Uint8Array);
    add(bytes);
    if (pendingBytes >= minBytes && complete > 0) yield* emit(false);
  }
  if (dropping) endDropped();
  yield* emit(true);
}

// Both lists are in line order: one merge keeps the rejects of a chunk in input order.
export function mergeByLine(a: LineReject[], b: LineReject[]): LineReject[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: LineReject[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i] as LineReject).line <= (b[j] as LineReject).line)) out.push(a[i++] as LineReject);
    else out.push(b[j++] as LineReject);
  }
  return out;
}
