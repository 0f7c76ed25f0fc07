import { checkLines, type BatchChunkResult, type LineOptions } from '../runtime/batch.js';
import { companyWasm } from '../runtime/company_loader.js';
import { SelfCrmError, unwrap, unwrapLines } from '../runtime/errors.js';
import { withBytes } from '../runtime/heap.js';
import { checkOptions } from '../runtime/options.js';
import { wasm } from '../runtime/loader.js';
import { checkStrings, maxBatchUnits, maxTextBytes, withTexts } from '../runtime/text_heap.js';
import type { SelfCrmCompanyModule } from '../selfcrm-company.mjs';
import type { HeapModule } from '../selfcrm.mjs';

/** Sentiment label; in typed arrays 0 = negative, 1 = neutral, 2 = positive. */
export type SentimentLabel = 'negative' | 'neutral' | 'positive';
/** Labels in the order of their codes in `TextBatch.label`. */
export const sentimentLabels: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** Intent cue names. */
export type CueName = 'question' | 'complaint' | 'praise' | 'churnThreat' | 'purchaseIntent' | 'recommendation';
/** Bit of each cue in `TextBatch.cues`. */
export const Cues = {
  question: 1,
  complaint: 2,
  praise: 4,
  churnThreat: 8,
  purchaseIntent: 16,
  recommendation: 32,
} as const satisfies Record<CueName, number>;

/** Why a rule changed a token's valence. */
export type SentimentRule =
  | 'negated'
  | 'intensified'
  | 'dampened'
  | 'caps'
  | 'beforeContrast'
  | 'afterContrast'
  | 'idiom'
  | 'custom';

/** A token (or idiom) that drove the score. */
export interface SentimentDriver {
  token: string;
  /** Byte offset and length in the UTF-8 text. */
  offset: number;
  length: number;
  /** Valence in the lexicon (−4…4). */
  lexicon: number;
  /** Valence after the rules. */
  valence: number;
  rules: SentimentRule[];
}

/** The full analysis of one text. */
export interface TextAnalysis {
  /** Compound score in [−1, 1]. */
  compound: number;
  /** positive ≥ 0.05, negative ≤ −0.05, neutral between. */
  label: SentimentLabel;
  /** What "!" and "??" added before normalisation. */
  emphasis: number;
  cues: CueName[];
  cueMask: number;
  drivers: SentimentDriver[];
  tokens: { text: string; kind: 'word' | 'emoticon' | 'emoji' | 'punct' }[];
}

/** Results of many texts, one element per text. */
export interface TextBatch {
  compound: Float64Array;
  /** Codes into `sentimentLabels`. */
  label: Uint8Array;
  /** Cue bit masks (see `Cues`). */
  cues: Uint32Array;
  /** Present when asked for with `{ details: true }`. */
  details?: TextAnalysis[];
}

/**
 * Sentiment, intent cues and the explanation of one text.
 * @throws SelfCrmError `E_SCHEMA` when `text` is not a string; `E_RANGE` when it is longer than
 *   `textLimits().maxTextBytes` (1 MiB) of UTF-8; `E_MEMORY` when the engine runs out of memory
 *   (for this call only).
 */
export function analyzeText(text: string): TextAnalysis {
  if (typeof text !== 'string') throw new SelfCrmError('E_SCHEMA', 'a text must be a string');
  if (text.length > maxTextBytes()) throw new SelfCrmError('E_RANGE', `a text is at most ${maxTextBytes()} bytes of UTF-8`);
  return withTexts([text], 0, (b) => unwrap<TextAnalysis>(wasm().textAnalyze(b.bytes, b.length)));
}

/** What analyzeTexts computes besides compound and label. */
export interface AnalyzeTextsOptions {
  /** Also the full analysis of each text (slower: it builds objects). Default false. */
  details?: boolean;
  /** Detect intent cues. Default true; with false, `cues` holds zeros and the call takes a few per cent less time. */
  cues?: boolean;
}

/**
 * Sentiment and cues of many texts in one call into the engine; results as typed arrays.
 * @throws SelfCrmError `E_SCHEMA` (path `/i`) when an element is not a string; `E_RANGE` (`/i`)
 *   when one is longer than `textLimits().maxTextBytes` of UTF-8, or (no path) when the batch
 *   holds more than `textLimits().maxBatchCharacters`; `E_MEMORY` when the engine runs out of
 *   memory (for this call only).
 */
export function analyzeTexts(texts: readonly string[], options?: AnalyzeTextsOptions): TextBatch {
  if (!Array.isArray(texts)) throw new SelfCrmError('E_SCHEMA', 'texts must be an array of strings');
  const o = checkOptions(options);
  checkStrings(texts, 'texts', maxTextBytes());
  const n = texts.length;
  const cues = o.cues ?? true;
  // Results share the block: doubles first (8-aligned), then cue masks, then labels.
  return withTexts(texts, n * 13, (b, out) => {
    const mod = wasm();
    // A null cue array tells the engine to skip cue detection.
    unwrap<number>(mod.textAnalyzeBatch(b.bytes, b.length, b.offsets, n, out, out + n * 12, cues ? out + n * 8 : 0));
    const batch: TextBatch = {
      compound: mod.HEAPF64.slice(out / 8, out / 8 + n),
      cues: cues ? mod.HEAPU32.slice((out + n * 8) / 4, (out + n * 8) / 4 + n) : new Uint32Array(n),
      label: mod.HEAPU8.slice(out + n * 12, out + n * 13),
    };
    if (o.details) batch.details = unwrap<TextAnalysis[]>(mod.textExplainBatch(b.bytes, b.length, b.offsets, n));
    return batch;
  });
}

/** Options of sentimentLines. */
export interface SentimentLineOptions extends LineOptions {
  /** Add each text's `drivers` (the tokens that moved its score, and why). Default false. */
  explain?: boolean;
}

/**
 * Sentiment of every line of an NDJSON chunk in one call. A line is a text, or, when it starts
 * with `{`, a record `{"text": string, "id"?: any}`; a plain line or a record without `id` is
 * named by its line number. One `{"id","compound","label","cues"}` line out per text (with
 * `explain`, also `"drivers"`); lines that are not JSON, have no string `text`, or hold a text
 * over `textLimits().maxTextBytes` are rejects. Ill-formed UTF-8 reads as U+FFFD.
 */
export function sentimentLines(chunk: string | Uint8Array, options?: SentimentLineOptions): BatchChunkResult {
  const o = checkOptions(options);
  const firstLine = checkLines(chunk, o);
  if (o.explain !== undefined && typeof o.explain !== 'boolean') throw new SelfCrmError('E_SCHEMA', 'explain must be a boolean', '/explain');
  const mod = companyWasm();
  syncCompanyLexicon(mod);
  return withBytes(
    chunk,
    (pointer, bytes) => unwrapLines<BatchChunkResult>(mod.textSentimentNdjson(pointer, bytes, firstLine, o.explain ?? false)),
    mod,
  );
}

// sentimentLines runs in the company module, which holds a lexicon of its own: the custom entries
// added since the last clear are replayed there, in order, when they changed since its last batch.
let customEntries: [string, number][][] = [];
let lexiconVersion = 0;
let companyLexiconVersion = 0;

function syncCompanyLexicon(mod: SelfCrmCompanyModule): void {
  if (companyLexiconVersion === lexiconVersion) return;
  unwrap<number>(mod.textClearLexicon());
  for (const list of customEntries) addEntries(mod, list);
  companyLexiconVersion = lexiconVersion;
}

function addEntries(mod: HeapModule & Pick<SelfCrmCompanyModule, 'textAddLexicon'>, list: [string, number][]): number {
  const n = list.length;
  return withTexts(
    list.map((e) => e[0]),
    n * 8,
    (b, out) => {
      mod.HEAPF64.set(
        list.map((e) => e[1]),
        out / 8,
      );
      return unwrap<number>(mod.textAddLexicon(b.bytes, b.length, b.offsets, out, n));
    },
    mod,
  );
}

/** What one call may be given: each text at most `maxTextBytes` of UTF-8, a batch at most `maxBatchCharacters`. */
export function textLimits(): { maxTextBytes: number; maxBatchCharacters: number } {
  return { maxTextBytes: maxTextBytes(), maxBatchCharacters: maxBatchUnits };
}

/**
 * Adds or replaces lexicon entries (token → valence, −4…4; 0 removes a token's sentiment) for
 * every later analysis in this module instance. All or nothing. Returns the number of custom
 * entries held.
 * @throws SelfCrmError `E_RANGE` (`/i/valence`) or `E_SCHEMA` (`/i/token`).
 */
export function addLexiconEntries(entries: Record<string, number> | Iterable<readonly [string, number]>): number {
  const list: [string, number][] = [];
  const source =
    entries != null && typeof (entries as Iterable<unknown>)[Symbol.iterator] === 'function'
      ? Array.from(entries as Iterable<readonly [string, number]>)
      : entries != null && typeof entries === 'object'
        ? Object.entries(entries)
        : undefined;
  if (!source) throw new SelfCrmError('E_SCHEMA', 'entries must be an object or an iterable of [token, valence]');
  source.forEach((e, i) => {
    if (!Array.isArray(e) || typeof e[0] !== 'string') throw new SelfCrmError('E_SCHEMA', 'a token must be a string', `/${i}/token`);
    if (typeof e[1] !== 'number') throw new SelfCrmError('E_SCHEMA', 'a valence must be a number', `/${i}/valence`);
    list.push([e[0], e[1]]);
  });
  const held = addEntries(wasm(), list);
  customEntries.push(list);
  lexiconVersion += 1;
  return held;
}

/** Removes every entry added with addLexiconEntries. */
export function clearLexiconEntries(): void {
  unwrap<number>(wasm().textClearLexicon());
  customEntries = [];
  lexiconVersion += 1;
}
