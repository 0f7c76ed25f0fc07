// Bulk data crosses the boundary as one block of the module's heap per call.
import { wasm } from './loader.js';

const encoder = new TextEncoder();

/** Copies numbers into the heap as doubles, runs `fn(pointer, count)`, frees. */
export function withDoubles<T>(values: ArrayLike<number>, fn: (pointer: number, count: number) => T): T {
  const mod = wasm();
  const count = values.length;
  const pointer = mod._malloc(Math.max(8, count * 8));
  try {
    mod.HEAPF64.set(values, pointer / 8);
    return fn(pointer, count);
  } finally {
    mod._free(pointer);
  }
}

/** Copies text (encoded as UTF-8) or bytes into the heap, runs `fn(pointer, bytes)`, frees. */
export function withBytes<T>(data: string | Uint8Array, fn: (pointer: number, bytes: number) => T): T {
  const mod = wasm();
  if (typeof data === 'string') {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const capacity = Math.max(1, data.length * 3);
    const pointer = mod._malloc(capacity);
    try {
      const { written } = encoder.encodeInto(data, mod.HEAPU8.subarray(pointer, pointer + capacity));
      return fn(pointer, written);
    } finally {
      mod._free(pointer);
    }
  }
  const pointer = mod._malloc(Math.max(1, data.length));
  try {
    mod.HEAPU8.set(data, pointer);
    return fn(pointer, data.length);
  } finally {
    mod._free(pointer);
  }
}
