import { checkLines, type BatchChunkBytes, type BatchChunkResult, type LineOptions } from '../runtime/batch.js';
import { companyWasm } from '../runtime/company_loader.js';
import { checkOptions } from '../runtime/options.js';
import { EngineObject } from '../runtime/engine.js';
import { SelfCrmError, unwrap, unwrapLines, unwrapLinesBytes, type LineReject } from '../runtime/errors.js';
import { withBytes } from '../runtime/heap.js';
import { wasm } from '../runtime/loader.js';
import { asOfSeconds } from '../runtime/time.js';
import { Model, type ModelDocument } from '../scores/model.js';
import type { ScoreCard } from '../scores/types.js';
import { packSource, Personas, Segments } from '../segments/packs.js';
import type { EvaluateOptions, FactsDocument, PersonaPackDefinition, SegmentPackDefinition } from '../segments/types.js';
import type { InsightsEngineHandle } from '../selfcrm.mjs';
import type { ProfileJSON, VaultDocument } from '../vault/types.js';
import { Vault } from '../vault/vault.js';
import type { Feedback, ProfileInsights } from './types.js';

/** Anything that holds a profile: a Vault, its document, a bare profile, or their JSON text. */
export type ProfileSource = Vault | VaultDocument | ProfileJSON | string;

/** Each part as a compiled object, a definition object or its JSON text. */
export interface InsightsOptions {
  /** The company's scoring model (default: `Model.default()`). */
  model?: Model | ModelDocument | string;
  /** Segment pack (default: the built-in social segments). */
  segments?: Segments | SegmentPackDefinition | string;
  /** Persona pack (default: the built-in personas). */
  personas?: Personas | PersonaPackDefinition | string;
}

/**
 * What each result line of analyzeLines() holds: everything (default), only the scores
 * (`scoresOnly`), or the facts document segments and personas read (`facts`: the profile with its
 * `scores` and `cues`, as `Segments.evaluateLines` and `selfcrm segment` take it).
 */
export interface AnalyzeLinesOptions extends EvaluateOptions, LineOptions {
  scoresOnly?: boolean;
  facts?: boolean;
}

/** The profile's JSON text, whatever holds it. @internal */
export function profileText(source: ProfileSource): string {
  if (source instanceof Vault) return JSON.stringify(source.profileJSON());
  if (typeof source === 'string') return source;
  if (source !== null && typeof source === 'object' && !Array.isArray(source)) return JSON.stringify(source);
  throw new SelfCrmError('E_SCHEMA', 'a profile is a Vault, a vault document, a profile object or its JSON text');
}

function packText(pack: unknown, what: string): string {
  if (pack === undefined) return '';
  if (typeof pack === 'string') return pack;
  if (pack instanceof Model) return JSON.stringify(pack.toJSON());
  if (pack instanceof Segments || pack instanceof Personas) return packSource(pack);
  if (pack !== null && typeof pack === 'object') return JSON.stringify(pack);
  throw new SelfCrmError('E_SCHEMA', `${what} must be JSON text or an object`, `/${what}`);
}

/**
 * A company's published rules — scoring model, segment pack, persona pack — compiled once and
 * applied on the device to any number of profiles. Owns engine memory: `dispose()` or `using`.
 */
export class Insights extends EngineObject<InsightsEngineHandle> {
  private constructor() {
    super(new (wasm().InsightsEngine)(), 'this Insights engine');
  }

  /**
   * @throws SelfCrmError with the code and the JSON Pointer of the first bad value of the model
   *   or of a pack; nothing is half-configured.
   */
  static create(options?: InsightsOptions): Insights {
    const o = checkOptions(options);
    const engine = new Insights();
    try {
      unwrap<null>(engine.live().configure(
        packText(o.model, 'model'), packText(o.segments, 'segments'), packText(o.personas, 'personas')));
      return engine;
    } catch (e) {
      engine.dispose();
      throw e;
    }
  }

  /**
   * Scores, feedback, segments and persona of one profile as of `asOf` (default: now). Records
   * dated after `asOf` have not happened yet: they are left out, and each score they would change
   * counts them in `explain.leftOutAfterAsOf`.
   * @throws SelfCrmError `E_RANGE` at `/asOf` for an asOf that is no date (2026-02-30), or the vault
   *   document's own parse errors.
   */
  analyze(profile: ProfileSource, options?: EvaluateOptions): ProfileInsights {
    const handle = this.live();
    const seconds = asOfSeconds(checkOptions(options).asOf);
    return withBytes(profileText(profile), (p, n) => unwrap<ProfileInsights>(handle.analyze(p, n, seconds)));
  }

  /**
   * One NDJSON chunk of profiles (one vault document or bare profile per line) in one call: a
   * result line per valid profile, in order, and the bad lines as rejects.
   */
  analyzeLines(chunk: string | Uint8Array, options?: AnalyzeLinesOptions): BatchChunkResult {
    const handle = this.live();
    const o = checkOptions(options);
    const firstLine = checkLines(chunk, o);
    const seconds = asOfSeconds(o.asOf);
    const parts = lineParts(o);
    return withBytes(chunk, (p, n) =>
      unwrapLines<BatchChunkResult>(handle.analyzeNdjson(p, n, firstLine, seconds, parts)));
  }

  /**
   * analyzeLines() with the result lines as UTF-8 bytes, for writing out or handing to another
   * thread. `allocate(size)` may give the array of exactly `size` bytes to copy them into (a
   * recycled buffer, say); by default a new one.
   */
  analyzeLinesBytes(
    chunk: string | Uint8Array,
    options?: AnalyzeLinesOptions & { allocate?: (size: number) => Uint8Array },
  ): BatchChunkBytes {
    const handle = this.live();
    const o = checkOptions(options);
    const firstLine = checkLines(chunk, o);
    const seconds = asOfSeconds(o.asOf);
    const parts = lineParts(o);
    const allocate = o.allocate ?? ((size: number) => new Uint8Array(size));
    if (typeof allocate !== 'function') throw new SelfCrmError('E_SCHEMA', 'allocate must be a function', '/allocate');
    return withBytes(chunk, (p, n) => {
      const kept = unwrap<{ pointer: number; bytes: number }>(
        handle.analyzeNdjsonKept(p, n, firstLine, seconds, parts));
      try {
        const { value, lines } = unwrapLinesBytes<BatchChunkResult>(wasm().HEAPU8.subarray(kept.pointer, kept.pointer + kept.bytes));
        const bytes = allocate(lines.length);
        if (bytes.length !== lines.length) throw new RangeError(`allocate(${lines.length}) returned ${bytes.length} bytes`);
        bytes.set(lines);
        return { bytes, results: value.results, rejects: value.rejects };
      } finally {
        handle.releaseLines();
      }
    });
  }
}

function lineParts(options: AnalyzeLinesOptions): number {
  if (options.facts && options.scoresOnly) throw new SelfCrmError('E_SCHEMA', 'choose scoresOnly or facts, not both', '/options');
  return options.facts ? 2 : options.scoresOnly ? 1 : 0;
}

/**
 * Transaction lines as companies export them (one {"customerId","at","amount","margin"} per line,
 * customers in any order) grouped into one bare profile per customer, in order of first
 * appearance, ready for analyzeLines(). Each purchase keeps its input line as its id
 * (`line-12`); `firstLines[k]` is the input line of profile k's first purchase. Company-side: runs
 * in the company module (Node loads it on first use; a page calls `await readyCompany()`).
 */
export function profilesFromTransactions(ndjson: string | Uint8Array, options?: LineOptions): TransactionProfiles {
  const firstLine = checkLines(ndjson, checkOptions(options), 'ndjson');
  const mod = companyWasm();
  return withBytes(ndjson, (p, n) => unwrap<TransactionProfiles>(mod.transactionProfiles(p, n, firstLine)), mod);
}

export interface TransactionProfiles {
  ndjson: string;
  firstLines: number[];
  linesUsed: number;
  rejects: LineReject[];
}

/** The feedback of one profile (sentiment, intents, six degrees) with the shared lexicon. */
export function analyzeFeedback(profile: ProfileSource): Feedback {
  return withBytes(profileText(profile), (p, n) => unwrap<Feedback>(wasm().insightsFeedback(p, n)));
}

/**
 * The facts document segments and personas read: the profile, its `scores` (computed with the
 * default model unless given) and `cues` (its feedback).
 */
export function factsOf(profile: ProfileSource, scores?: ScoreCard, options?: EvaluateOptions): FactsDocument {
  const seconds = asOfSeconds(options?.asOf);
  const card = scores === undefined ? '' : JSON.stringify(scores);
  return withBytes(profileText(profile), (p, n) => unwrap<FactsDocument>(wasm().insightsFacts(p, n, card, seconds)));
}
