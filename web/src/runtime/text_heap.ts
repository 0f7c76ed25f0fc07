// Many strings into the heap as one UTF-8 buffer plus offsets (TextEncoder.encodeInto), for one
// call per batch.
import { SelfCrmError } from './errors.js';
import type { HeapModule } from '../selfcrm.mjs';
import { wasm } from './loader.js';

const encoder = new TextEncoder();
// Texts are encoded RUN at a time, joined: one encodeInto per run instead of one per text (and
// one heap view), which cost more than the encoding itself. A run with any non-ASCII text is
// encoded again text by text, so a pair of surrogates split across two texts stays two U+FFFD.
const RUN = 32;

/** Where a batch of texts sits in the heap while `fn` runs. */
export interface TextBlock {
  bytes: number;
  length: number;
  offsets: number;
  count: number;
}

// One call's block is at most this many UTF-16 units of text (up to 3 bytes each in the heap):
// a batch beyond it is refused before anything is copied in, where it could only run the module
// out of memory. Split such a batch.
export const maxBatchUnits = 128 << 20;

/** The most UTF-8 bytes the engine analyses in one text (its kMaxTextBytes). */
export function maxTextBytes(): number {
  return wasm().textMaxBytes;
}

/**
 * Checks that every element is a string; `what` names the argument in the error. With `maxUnits`,
 * a longer string is E_RANGE at `/i` (a UTF-16 unit is at least one UTF-8 byte, so this refuses
 * only texts the engine would refuse, before they are copied; the engine checks the exact bytes).
 */
export function checkStrings(texts: readonly unknown[], what: string, maxUnits = Infinity): asserts texts is readonly string[] {
  for (let i = 0; i < texts.length; ++i) {
    const t = texts[i];
    if (typeof t !== 'string') throw new SelfCrmError('E_SCHEMA', `${what} must be strings`, `/${i}`);
    if (t.length > maxUnits) throw new SelfCrmError('E_RANGE', `a text is at most ${maxUnits} bytes of UTF-8`, `/${i}`);
  }
}

/**
 * Encodes `texts` into one heap block (offsets as Uint32, count + 1 of them), with `extraBytes`
 * more bytes (8-aligned, at `extra`) for results; runs `fn`; frees. `mod`: the module whose heap
 * holds the block (default: the customer's).
 */
export function withTexts<T>(
  texts: readonly string[],
  extraBytes: number,
  fn: (block: TextBlock, extra: number) => T,
  mod: HeapModule = wasm(),
): T {
  const count = texts.length;
  let units = 0;
  for (const t of texts) units += t.length;
  if (units > maxBatchUnits) {
    throw new SelfCrmError('E_RANGE', `one call takes at most ${maxBatchUnits} characters of text: pass the texts in smaller batches`);
  }
  const capacity = units * 3;
  const extraAt = 0;
  const offsetsAt = Math.ceil(extraBytes / 8) * 8;
  const bytesAt = offsetsAt + (count + 1) * 4;
  const base = mod._malloc(Math.max(8, bytesAt + capacity));
  if (base === 0) throw new SelfCrmError('E_MEMORY', 'the texts do not fit in the engine memory');
  try {
    const heap = mod.HEAPU8;
    const offsets = mod.HEAPU32.subarray((base + offsetsAt) / 4, (base + offsetsAt) / 4 + count + 1);
    let at = 0;
    for (let first = 0; first < count; first += RUN) {
      const end = Math.min(count, first + RUN);
      let run = texts[first] as string;
      for (let i = first + 1; i < end; ++i) run += texts[i] as string;
      const start = base + bytesAt + at;
      // As many bytes as UTF-16 units: all ASCII, so each text's bytes are its units.
      if (encoder.encodeInto(run, heap.subarray(start, start + run.length * 3)).written === run.length) {
        for (let i = first; i < end; ++i) {
          offsets[i] = at;
          at += (texts[i] as string).length;
        }
        continue;
      }
      for (let i = first; i < end; ++i) {
        offsets[i] = at;
        const s = base + bytesAt + at;
        at += encoder.encodeInto(texts[i] as string, heap.subarray(s, s + (texts[i] as string).length * 3)).written;
      }
    }
    offsets[count] = at;
    return fn({ bytes: base + bytesAt, length: at, offsets: base + offsetsAt, count }, base + extraAt);
  } finally {
    mod._free(base);
  }
}
