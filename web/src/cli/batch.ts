// Runs a per-line job over a stream: line-aligned chunks go to the engine in one call each, on the
// main thread (--jobs 1) or spread over worker threads; output is written in input order, with
// at most a few chunks in flight so memory stays bounded whatever the input size.
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';

import type { BatchChunkResult } from '../index.node.js';
import { lineChunks, type LineChunk } from './lines.js';
import type { Sink } from './output.js';
import { processors } from './processors.js';
import type { Progress } from './progress.js';

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
}

/** Every input line is a result, a reject or blank: lines = results + rejects + blank. */
export interface BatchCounts {
  lines: number;
  results: number;
  rejects: number;
}

type Run = (chunk: LineChunk) => Promise<BatchChunkResult>;

async function startWorkers(count: number, processor: string, options: Record<string, unknown>) {
  const url = new URL('./batch-worker.js', import.meta.url);
  const workers = await Promise.all(
    Array.from({ length: count }, () => new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(url, { workerData: { processor, options } });
      worker.once('error', reject);
      worker.once('message', () => resolve(worker));
    })),
  );
  const idle = [...workers];
  const waiting: ((w: Worker) => void)[] = [];
  let seq = 0;
  const release = (w: Worker) => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  const acquire = () => new Promise<Worker>((resolve) => {
    const w = idle.pop();
    if (w) resolve(w);
    else waiting.push(resolve);
  });
  const run: Run = async (chunk) => {
    const worker = await acquire();
    const id = seq++;
    try {
      return await new Promise<BatchChunkResult>((resolve, reject) => {
        const onMessage = (m: { seq: number; result?: BatchChunkResult; error?: string }) => {
          if (m.seq !== id) return;
          worker.off('message', onMessage);
          worker.off('error', reject);
          if (m.error !== undefined) reject(new Error(m.error));
          else resolve(m.result!);
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
        worker.postMessage({ seq: id, bytes: chunk.bytes, firstLine: chunk.firstLine });
      });
    } finally {
      release(worker);
    }
  };
  return { run, stop: () => Promise.all(workers.map((w) => w.terminate())) };
}

export async function runBatch(o: BatchOptions): Promise<BatchCounts> {
  const options = o.options ?? {};
  const counts: BatchCounts = { lines: 0, results: 0, rejects: 0 };
  let run: Run;
  let stop = async (): Promise<unknown> => undefined;
  if (o.jobs <= 1) {
    const factory = processors[o.processor];
    if (!factory) throw new Error(`unknown batch processor "${o.processor}"`);
    const processChunk = factory(options);
    run = async (chunk) => processChunk(chunk.bytes, chunk.firstLine);
  } else {
    ({ run, stop } = await startWorkers(o.jobs, o.processor, options));
  }

  const maxInFlight = Math.max(2, o.jobs * 2);
  const inFlight: { chunk: LineChunk; result: Promise<BatchChunkResult> }[] = [];
  let bytesDone = 0;
  const drainOne = async () => {
    const { chunk, result } = inFlight.shift()!;
    const r = await result;
    await o.sink.results(r.ndjson);
    await o.sink.rejects(r.rejects);
    counts.lines += chunk.lines;
    counts.results += r.results;
    counts.rejects += r.rejects.length;
    bytesDone += chunk.bytes.length;
    o.progress.update(counts.lines, bytesDone);
  };
  try {
    for await (const chunk of lineChunks(o.input, o.chunkBytes ?? 1 << 18)) {
      const result = run(chunk);
      result.catch(() => undefined); // awaited in order below; avoid an unhandled rejection meanwhile
      inFlight.push({ chunk, result });
      if (inFlight.length >= maxInFlight) await drainOne();
    }
    while (inFlight.length) await drainOne();
  } finally {
    o.progress.done();
    await stop();
  }
  return counts;
}
