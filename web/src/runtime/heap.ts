// Bulk data crosses the boundary as one block of the module's heap per call. Each helper takes
// the module whose heap to use: the customer's (default) or the company module.
import type { HeapModule } from '../selfcrm.mjs';
import { SelfCrmError } from './errors.js';
import { wasm } from './loader.js';

/**
 * `bytes` of the module's heap, or E_MEMORY: `_malloc` answers 0 when the module's memory cannot
 * grow that far, and writing through that 0 would overwrite the module's own data for good.
 */
export function heapAlloc(bytes: number, mod: HeapModule = wasm()): number {
  const pointer = mod._malloc(bytes);
  if (pointer === 0) throw new SelfCrmError('E_MEMORY', `no room for ${bytes} bytes in the engine's memory`);
  return pointer;
}

const encoder = new TextEncoder();

/** Copies numbers into the heap as doubles, runs `fn(pointer, count)`, frees. */
export function withDoubles<T>(values: ArrayLike<number>, fn: (pointer: number, count: number) => T, mod: HeapModule = wasm()): T {
  const count = values.length;
  const pointer = heapAlloc(Math.max(8, count * 8), mod);
  try {
    mod.HEAPF64.set(values, pointer / 8);
    return fn(pointer, count);
  } finally {
    mod._free(pointer);
  }
}

/** Copies text (encoded as UTF-8) or bytes into the heap, runs `fn(pointer, bytes)`, frees. */
export function withBytes<T>(data: string | Uint8Array, fn: (pointer: number, bytes: number) => T, mod: HeapModule = wasm()): T {
  if (typeof data === 'string') {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const capacity = Math.max(1, data.length * 3);
    const pointer = heapAlloc(capacity, mod);
    try {
      const { written } = encoder.encodeInto(data, mod.HEAPU8.subarray(pointer, pointer + capacity));
      return fn(pointer, written);
    } finally {
      mod._free(pointer);
    }
  }
  const pointer = heapAlloc(Math.max(1, data.length), mod);
  try {
    mod.HEAPU8.set(data, pointer);
    return fn(pointer, data.length);
  } finally {
    mod._free(pointer);
  }
}
