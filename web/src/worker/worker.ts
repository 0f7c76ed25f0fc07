// The worker side: loads the engine in the worker and answers calls by name.
import { SelfCrmError } from '../runtime/errors.js';
import { ready } from '../runtime/loader.js';
import { workerMethods } from './methods.js';
import type { CallMessage, Reply } from './protocol.js';

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<CallMessage>) => void) | null;
  postMessage(message: Reply): void;
};

scope.onmessage = async (event) => {
  const { id, method, args } = event.data;
  try {
    let value: unknown;
    if (method === '__ready') {
      await ready((args[0] ?? {}) as Parameters<typeof ready>[0]);
    } else {
      const fn = (workerMethods as Record<string, (...a: unknown[]) => unknown>)[method];
      if (!fn) throw new SelfCrmError('E_NOT_FOUND', `no worker method "${method}"`);
      value = await fn(...args);
    }
    scope.postMessage({ id, ok: true, value });
  } catch (e) {
    const err = e instanceof SelfCrmError
      ? { name: e.name, code: e.code, path: e.path, message: e.message }
      : { name: 'Error', code: 'E_INTERNAL' as const, path: '', message: e instanceof Error ? e.message : String(e) };
    scope.postMessage({ id, ok: false, error: err });
  }
};
