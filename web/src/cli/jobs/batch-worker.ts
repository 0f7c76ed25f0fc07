// A worker thread of `--jobs N`: loads the engine once, then processes chunks as they arrive. Input
// and output cross the thread boundary as transferred buffers: UTF-8 bytes, never copied or
// re-encoded on the main thread.
import { parentPort, workerData } from 'node:worker_threads';

import { BufferPool } from '../io/buffer_pool.js';
import { loadEngine } from '../io/load_engine.js';
import { processors, type ChunkProcessor } from './processors.js';
import { shapeChunk, type ResultForm } from '../io/result_form.js';
import { errorData, type WorkerJob, type WorkerMessage, type WorkerReply } from './worker_messages.js';

const { processor, options, form, wasmModule } = workerData as {
  processor: string;
  options: Record<string, unknown>;
  form: ResultForm;
  wasmModule?: WebAssembly.Module;
};
const encoder = new TextEncoder();
const outputs = new BufferPool(4);

// Results go out in buffers the main thread has written and handed back, not in new ones each
// chunk: those would pile up as garbage outside the JS heap until a late collection.
function recycled(size: number): Uint8Array {
  return new Uint8Array(outputs.take(size), 0, size);
}

function encode(text: string): Uint8Array {
  const out = recycled(Buffer.byteLength(text));
  encoder.encodeInto(text, out);
  return out;
}

function serve(run: ChunkProcessor): void {
  parentPort!.on('message', (job: WorkerJob) => {
    for (const b of job.spare) outputs.give(b);
    try {
      const result = run(job.bytes, job.firstLine, recycled);
      const shaped = shapeChunk(result, form);
      const out = typeof shaped === 'string' ? encode(shaped) : shaped;
      const input = job.bytes.buffer as ArrayBuffer;
      const reply: WorkerReply = { seq: job.seq, out, input, results: result.results, rejects: result.rejects };
      parentPort!.postMessage(reply, [out.buffer as ArrayBuffer, input]);
    } catch (e) {
      parentPort!.postMessage({ seq: job.seq, error: errorData(e) } satisfies WorkerReply);
    }
  });
}

try {
  await loadEngine(wasmModule);
  const factory = processors[processor];
  if (!factory) throw new Error(`unknown batch processor "${processor}"`);
  serve(factory(options));
} catch (e) {
  // A bad model or pack fails here: reported with its code and path, as with --jobs 1.
  parentPort!.postMessage({ startError: errorData(e) } satisfies WorkerMessage);
}
