// Loads the engine for the CLI and its worker threads.
//
// Without a stall of a fifth of a second: V8 resolves WebAssembly instantiation from a platform
// task; when nothing else keeps Node's event loop alive, Node runs that task from the point where
// it waits for *all* background work, so the code after `await ready()` runs there and the thread
// then sits idle until V8 has finished optimising every hot wasm function it just queued
// (measured: 110–270 ms). A timer held during loading keeps the loop alive instead.
//
// Compiled once: the main thread compiles the module and `--jobs` workers instantiate that same
// WebAssembly.Module (posted to them), so they neither compile it again nor optimise its hot
// functions each on their own: V8 shares the code between threads.
import { readFile } from 'node:fs/promises';

import { ready } from '../../index.node.js';

let compiled: WebAssembly.Module | undefined;

/** The module this thread loaded, for worker threads to instantiate. */
export function loadedModule(): WebAssembly.Module | undefined {
  return compiled;
}

export async function loadEngine(module?: WebAssembly.Module): Promise<void> {
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    const wasmModule = module ?? (await WebAssembly.compile(await readFile(new URL('../../selfcrm.wasm', import.meta.url))));
    let failed: (e: unknown) => void = () => undefined;
    const failure = new Promise<never>((_, reject) => {
      failed = reject;
    });
    await Promise.race([
      ready({
        instantiateWasm: (imports, receive) => {
          WebAssembly.instantiate(wasmModule, imports).then((instance) => receive(instance, wasmModule), failed);
          return {};
        },
      }),
      failure,
    ]);
    compiled = wasmModule;
  } finally {
    clearInterval(keepAlive);
  }
}
