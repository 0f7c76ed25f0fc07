// A worker thread of `--jobs N`: loads the engine once, then processes chunks as they arrive.
import { parentPort, workerData } from 'node:worker_threads';

import { ready } from '../index.node.js';
import { processors } from './processors.js';

interface Job {
  seq: number;
  bytes: Uint8Array;
  firstLine: number;
}

const { processor, options } = workerData as { processor: string; options: Record<string, unknown> };
await ready();
const factory = processors[processor];
if (!factory) throw new Error(`unknown batch processor "${processor}"`);
const run = factory(options);

parentPort!.on('message', (job: Job) => {
  try {
    parentPort!.postMessage({ seq: job.seq, result: run(job.bytes, job.firstLine) });
  } catch (e) {
    parentPort!.postMessage({ seq: job.seq, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort!.postMessage({ ready: true });
