import '../runtime/dispose.js';
import { SelfCrmError } from '../runtime/errors.js';
import type { LoadOptions } from '../runtime/loader.js';
import { workerMethods, type WorkerMethods } from './methods.js';
import type { Reply } from './protocol.js';

/** The package's pure functions, run in a Web Worker: same arguments, results as promises. */
export type SelfCrmWorker = {
  [K in keyof WorkerMethods]: (
    ...args: Parameters<WorkerMethods[K]>
  ) => Promise<Awaited<ReturnType<WorkerMethods[K]>>>;
} & {
  /** Stops the worker; pending calls reject with `E_DISPOSED`. */
  terminate(): void;
  [Symbol.dispose](): void;
};

export interface WorkerOptions extends Pick<LoadOptions, 'locateFile'> {
  /** Use this Worker instead of starting the package's own (e.g. one built by your bundler). */
  worker?: Worker;
}

/**
 * Starts a Web Worker that runs SelfCRM off the main thread so a page stays responsive during
 * long work. Results are identical to the main-thread functions (same engine, same inputs).
 * Errors arrive as `SelfCrmError` with their code and path. Browsers and bundlers only.
 */
export async function createWorker(options: WorkerOptions = {}): Promise<SelfCrmWorker> {
  if (!options.worker && typeof Worker === 'undefined') {
    throw new SelfCrmError('E_UNSUPPORTED', 'createWorker needs Web Workers (a browser); Node batch jobs use the CLI\'s --jobs');
  }
  const worker = options.worker ?? new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  worker.onmessage = (event: MessageEvent<Reply>) => {
    const reply = event.data;
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (reply.ok) call.resolve(reply.value);
    else call.reject(new SelfCrmError(reply.error.code, reply.error.message.replace(/ \(at [^)]*\)$/, ''), reply.error.path));
  };
  worker.onerror = (event: ErrorEvent) => {
    const error = new SelfCrmError('E_LOAD', `the SelfCRM worker failed: ${event.message}`);
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  let terminated = false;
  const call = (method: string, args: unknown[]) =>
    new Promise((resolve, reject) => {
      if (terminated) {
        reject(new SelfCrmError('E_DISPOSED', 'the SelfCRM worker was terminated'));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args });
    });

  const api: Record<string | symbol, unknown> = {};
  for (const name of Object.keys(workerMethods)) api[name] = (...args: unknown[]) => call(name, args);
  const terminate = () => {
    terminated = true;
    worker.terminate();
    const error = new SelfCrmError('E_DISPOSED', 'the SelfCRM worker was terminated');
    for (const c of pending.values()) c.reject(error);
    pending.clear();
  };
  api.terminate = terminate;
  api[Symbol.dispose] = terminate;
  const loadOptions = options.locateFile ? { locateFile: options.locateFile } : {};
  await call('__ready', [loadOptions]);
  return api as SelfCrmWorker;
}
