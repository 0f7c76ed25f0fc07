// Loads the engine without a stall of a fifth of a second. V8 resolves WebAssembly instantiation
// from a platform task; when nothing else keeps Node's event loop alive, Node runs that task from
// the point where it waits for *all* background work, so the code after `await ready()` runs
// there and the thread then sits idle until V8 has finished optimising every hot wasm function it
// just queued (measured: 110–270 ms). A timer held during loading keeps the loop alive instead.
import { ready } from '../index.node.js';

export async function loadEngine(): Promise<void> {
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    await ready();
  } finally {
    clearInterval(keepAlive);
  }
}
