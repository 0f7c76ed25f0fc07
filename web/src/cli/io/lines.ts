// Splits a byte stream into chunks that end on line boundaries, numbering lines across chunks, so
// each chunk crosses into the engine as one buffer.
import type { Readable } from 'node:stream';

import type { BufferPool } from './buffer_pool.js';

export interface LineChunk {
  /** Bytes of whole lines (the last chunk may lack a final newline). */
  bytes: Uint8Array;
  /** 1-based number of the chunk's first line in the whole input. */
  firstLine: number;
  /** Lines the chunk holds. */
  lines: number;
}

// Buffer's indexOf is memchr, several times faster than Uint8Array's on long lines.
function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) ++count;
  return count;
}

/**
 * Yields chunks of at least `minBytes` (except the last) that end after a newline. Each chunk owns
 * its buffer, from `buffers` when given, so it can be transferred to a worker thread.
 */
export async function* lineChunks(input: Readable, minBytes = 1 << 20, buffers?: BufferPool): AsyncGenerator<LineChunk> {
  let carry: Uint8Array = new Uint8Array(0);
  let nextLine = 1;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;

  const flush = function* (final: boolean): Generator<LineChunk> {
    if (pendingBytes === 0 && carry.length === 0) return;
    // Not zero-filled, never Node's shared pool.
    const size = carry.length + pendingBytes;
    const joined = buffers ? Buffer.from(buffers.take(size), 0, size) : Buffer.allocUnsafeSlow(size);
    joined.set(carry, 0);
    let offset = carry.length;
    for (const part of pending) {
      joined.set(part, offset);
      offset += part.length;
    }
    pending = [];
    pendingBytes = 0;
    const cut = final ? joined.length : joined.lastIndexOf(10) + 1;
    carry = new Uint8Array(joined.subarray(cut)); // a copy: the chunk's buffer may be transferred
    if (cut === 0) return;
    const bytes = joined.subarray(0, cut);
    let lines = countNewlines(bytes);
    if (final && bytes[bytes.length - 1] !== 10) ++lines;
    yield { bytes, firstLine: nextLine, lines };
    nextLine += lines;
  };

  for await (const part of input) {
    const bytes = typeof part === 'string' ? new TextEncoder().encode(part) : (part as Uint8Array);
    pending.push(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes >= minBytes) yield* flush(false);
  }
  yield* flush(true);
}
