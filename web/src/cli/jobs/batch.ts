// Runs a per-line job over a stream: line-aligned chunks go to the engine in one call each, on the
// main thread (--jobs 1) or spread over worker threads; output is written in input order, with
// at most a few chunks in flight so memory stays bounded whatever the input size.
//
// With workers the main thread only cuts the input at newlines, counts them, hands each chunk's
// buffer over and writes back the UTF-8 bytes it receives, one write per chunk: everything done
// per byte of profile or of result happens in the workers, so --jobs N scales with N.
import type { Readable } from 'node:stream';

import type { LineReject } from '../../runtime/errors.js';
import { blankLines, interleave } from '../io/inline_rejects.js';

import { lineChunks, mergeByLine } from '../io/lines.js';
import type { Sink } from '../io/output.js';
import { processors } from './processors.js';
import type { Progress } from '../io/progress.js';
import { shapeChunk } from '../io/result_form.js';
import type { ChunkOutput } from './worker_messages.js';
import { WorkerPool } from './worker_pool.js';

export interface BatchOptions {
  /** A name from processors.ts. */
  processor: string;
  /** JSON-serialisable options for the processor. */
  options?: Record<string, unknown>;
  input: Readable;
  jobs: number;
  sink: Sink;
  progress: Progress;
  /** Bytes per chunk handed to the engine at once. */
  chunkBytes?: number;
  /** Longer lines are rejects (default `defaultMaxLineBytes`). */
  maxLineBytes?: number;
}


/** Every input line is a result, a reject or blank: lines = results + rejects + blank. */
export interface BatchCounts {
  lines: number;
  results: number;
  rejects: number;
}

export async function runBatch(o: BatchOptions): Promise<BatchCounts> {
  const options = o.options ?? {};
  const counts: BatchCounts = { lines: 0, results: 0, rejects: 0 };
  let run: (bytes: Uint8Array, firstLine: number) => Promise<ChunkOutput>;
  let pool: WorkerPool | undefined;
  if (o.jobs <= 1) {
    const factory = processors[o.processor];
    if (!factory) throw new Error(`unknown batch processor "${o.processor}"`);
    const processChunk = factory(options);
    run = async (bytes, firstLine) => {
      const r = processChunk(bytes, firstLine);
      return { out: shapeChunk(r, o.sink.form), results: r.results, rejects: r.rejects };
    };
  } else {
    // N workers rather than N-1 plus the main thread: a chunk processed here holds back the reads,
    // writes and replies that keep the workers busy (measured slower with --jobs 2; so was the main
    // thread filling in only while the workers load the engine).
    const workers = new WorkerPool(o.jobs, o.processor, options, o.sink.form);
    pool = workers;
    run = (bytes, firstLine) => workers.run(bytes, firstLine);
  }

  // Three chunks per worker: two queued keep it busy while the main thread writes, and results that
  // finish out of order can wait for their turn without stalling the others.
  const maxInFlight = Math.max(2, o.jobs * 3);
  const inFlight: { lines: number; bytes: number; firstLine: number; blanks: number[]; tooLong: LineReject[]; result: Promise<ChunkOutput> }[] = [];
  let bytesDone = 0;
  const drainOne = async () => {
    const { lines, bytes, firstLine, blanks, tooLong, result } = inFlight.shift()!;
    const r = await result;
    const rejects = mergeByLine(tooLong, r.rejects);
    const out = r.out;
    let written = pool && typeof out !== 'string' ? () => pool.outputs.give(out.buffer as ArrayBuffer) : undefined;
    if (o.sink.inline) {
      const merged = interleave(out, { firstLine, lines, blanks }, rejects);
      if (merged !== out) {
        written?.();
        written = undefined;
      }
      await o.sink.results(merged, written);
    } else {
      await o.sink.results(out, written);
      await o.sink.rejects(rejects);
    }
    counts.lines += lines;
    counts.results += r.results;
    counts.rejects += rejects.length;
    bytesDone += bytes;
    o.progress.update(counts.lines, bytesDone);
  };
  try {
    // Workers take 1 MiB chunks: a chunk's hand-offs and messages cost more than a worker waits
    // for the second read (bench/cli_score.mjs, --jobs 2 steady: 512 KiB 50-52k/s, 1 MiB 55-56k/s).
    const chunkBytes = o.chunkBytes ?? (o.jobs > 1 ? 1 << 20 : 1 << 19);
    for await (const chunk of lineChunks(o.input, chunkBytes, pool?.inputs, o.maxLineBytes)) {
      if (inFlight.length >= maxInFlight) await drainOne();
      // Blank lines are found before the chunk's buffer moves to a worker.
      const blanks = o.sink.inline ? blankLines(chunk.bytes) : [];
      const item = { lines: chunk.lines, bytes: chunk.bytes.length, firstLine: chunk.firstLine, blanks, tooLong: chunk.tooLong, result: run(chunk.bytes, chunk.firstLine) };
      item.result.catch(() => undefined); // awaited in order below; avoid an unhandled rejection meanwhile
      inFlight.push(item);
    }
    while (inFlight.length) await drainOne();
  } finally {
    o.progress.done();
    await pool?.stop();
  }
  return counts;
}
