// Many strings into the heap as one UTF-8 buffer plus offsets (TextEncoder.encodeInto), for one
// call per batch.
import { SelfCrmError } from './errors.js';
import { wasm } from './loader.js';

const encoder = new TextEncoder();

/** Where a batch of texts sits in the heap while `fn` runs. */
export interface TextBlock {
  bytes: number;
  length: number;
  offsets: number;
  count: number;
}

/** Checks that every element is a string; `what` names the argument in the error. */
export function checkStrings(texts: readonly unknown[], what: string): asserts texts is readonly string[] {
  for (let i = 0; i < texts.length; ++i) {
    if (typeof texts[i] !== 'string') throw new SelfCrmError('E_SCHEMA', `${what} must be strings`, `/${i}`);
  }
}

/**
 * Encodes `texts` into one heap block (offsets as Uint32, count + 1 of them), with `extraBytes`
 * more bytes (8-aligned, at `extra`) for results; runs `fn`; frees.
 */
export function withTexts<T>(
  texts: readonly string[],
  extraBytes: number,
  fn: (block: TextBlock, extra: number) => T,
): T {
  const mod = wasm();
  const count = texts.length;
  let capacity = 0;
  for (const t of texts) capacity += t.length * 3;
  const extraAt = 0;
  const offsetsAt = Math.ceil(extraBytes / 8) * 8;
  const bytesAt = offsetsAt + (count + 1) * 4;
  const base = mod._malloc(Math.max(8, bytesAt + capacity));
  if (base === 0) throw new SelfCrmError('E_MEMORY', 'the texts do not fit in the engine memory');
  try {
    const heap = mod.HEAPU8;
    const offsets = mod.HEAPU32.subarray((base + offsetsAt) / 4, (base + offsetsAt) / 4 + count + 1);
    let at = 0;
    for (let i = 0; i < count; ++i) {
      offsets[i] = at;
      const start = base + bytesAt + at;
      at += encoder.encodeInto(texts[i] as string, heap.subarray(start, start + (texts[i] as string).length * 3)).written;
    }
    offsets[count] = at;
    return fn({ bytes: base + bytesAt, length: at, offsets: base + offsetsAt, count }, base + extraAt);
  } finally {
    mod._free(base);
  }
}
