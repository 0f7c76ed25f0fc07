// Worker threads that process chunks for `--jobs N`, each with a queue so it never waits for the
// main thread between two chunks. Buffers are transferred both ways, not copied.
import { Worker } from 'node:worker_threads';

import { BufferPool } from '../io/buffer_pool.js';
import { loadedModule } from '../io/load_engine.js';
import type { ResultForm } from '../io/result_form.js';
import { errorFrom, type ChunkOutput, type WorkerJob, type WorkerMessage } from './worker_messages.js';

interface Pending {
  resolve: (r: ChunkOutput) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  failure?: Error;
}

export class WorkerPool {
  readonly #slots: Slot[] = [];
  #seq = 0;
  /** Chunk buffers the workers handed back, for the next chunks of input. */
  readonly inputs: BufferPool;
  /** Result buffers already written out, to go back to a worker with its next chunk. */
  readonly outputs: BufferPool;

  /** Starts `count` workers that each build `processor` from `options`. */
  constructor(count: number, processor: string, options: Record<string, unknown>, form: ResultForm) {
    this.inputs = new BufferPool(count * 4);
    this.outputs = new BufferPool(count * 4);
    const url = new URL('./batch-worker.js', import.meta.url);
    for (let i = 0; i < count; ++i) {
      const slot: Slot = { worker: new Worker(url, { workerData: { processor, options, form, wasmModule: loadedModule() } }), pending: new Map() };
      const fail = (e: Error) => {
        slot.failure ??= e;
        for (const p of slot.pending.values()) p.reject(slot.failure);
        slot.pending.clear();
      };
      slot.worker.on('message', (m: WorkerMessage) => {
        if ('startError' in m) return fail(errorFrom(m.startError));
        const job = slot.pending.get(m.seq);
        if (!job) return;
        slot.pending.delete(m.seq);
        if ('error' in m) {
          job.reject(errorFrom(m.error));
        } else {
          this.inputs.give(m.input);
          job.resolve(m);
        }
      });
      slot.worker.on('error', fail);
      slot.worker.on('exit', (code) => fail(new Error(`a worker thread stopped (status ${code})`)));
      this.#slots.push(slot);
    }
  }

  /**
   * Hands the chunk's buffer over to the least busy worker; `bytes` is unusable afterwards. A
   * worker still loading the engine finds its first chunks queued when it is ready.
   */
  run(bytes: Uint8Array, firstLine: number): Promise<ChunkOutput> {
    const slot = this.#slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    if (slot.failure) return Promise.reject(slot.failure);
    const seq = this.#seq++;
    return new Promise<ChunkOutput>((resolve, reject) => {
      slot.pending.set(seq, { resolve, reject });
      const job: WorkerJob = { seq, bytes, firstLine, spare: this.outputs.takeAll(2) };
      slot.worker.postMessage(job, [bytes.buffer as ArrayBuffer, ...job.spare]);
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.#slots.map((s) => {
      s.worker.removeAllListeners('exit');
      return s.worker.terminate();
    }));
  }
}
