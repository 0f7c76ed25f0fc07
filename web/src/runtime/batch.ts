// The one shape of a line batch: NDJSON lines in (text or UTF-8 bytes, a chunk that ends on a
// line boundary), one result line per usable line out, the others as rejects. Every batch method
// is `xxxLines(chunk, options)` with `options.firstLine` numbering the chunk's first line.
import { SelfCrmError, type LineReject } from './errors.js';

/**
 * What one chunk of NDJSON gave: lines in = results + rejects (blank lines aside). Every batch
 * method returns it; a running tally (`addLines` of a stream, plan or aggregate) returns just this,
 * `results` being the lines it counted from the chunk.
 */
export interface BatchChunkCount {
  /** Number of input lines used (for a method with output lines: result lines). */
  results: number;
  /** The input lines that could not be used. */
  rejects: LineReject[];
}

/** One chunk of NDJSON turned into per-line results. */
export interface BatchChunkResult extends BatchChunkCount {
  /** One NDJSON result line per valid input line, in input order (each ends with "\n"). */
  ndjson: string;
}

/**
 * A BatchChunkResult with the lines as UTF-8 bytes: what a batch job writes to a file, a stream
 * or another thread, without a round trip through a JS string.
 */
export interface BatchChunkBytes extends BatchChunkCount {
  /** The NDJSON result lines, UTF-8 (a copy: it stays valid and can be transferred). */
  bytes: Uint8Array;
}

/** What every batch method's options have. */
export interface LineOptions {
  /** The 1-based number of the chunk's first line in the whole input (default 1). */
  firstLine?: number;
}

/** The chunk and its first line number, checked. @internal */
export function checkLines(chunk: unknown, options: LineOptions, name = 'chunk'): number {
  if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
    throw new SelfCrmError('E_SCHEMA', `${name} must be NDJSON text or UTF-8 bytes`, `/${name}`);
  }
  const firstLine = options.firstLine ?? 1;
  if (!Number.isInteger(firstLine) || firstLine < 1) throw new SelfCrmError('E_RANGE', 'firstLine must be a positive integer', '/firstLine');
  return firstLine;
}
