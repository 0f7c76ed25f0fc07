import '../runtime/dispose.js';
import { SelfCrmError, unwrap, type LineReject } from '../runtime/errors.js';
import { withBytes } from '../runtime/heap.js';
import { wasm } from '../runtime/loader.js';
import type { PersonaPackHandle, SegmentPackHandle } from '../selfcrm.mjs';
import type {
  EvaluateOptions,
  FactsDocument,
  PersonaAssignment,
  PersonaPackDefinition,
  SegmentEvaluation,
  ExplainedLineResult,
  SegmentLineResult,
  SegmentPackDefinition,
} from './types.js';

/** Whole seconds since the epoch of `asOf` (default: now). @internal */
export function asOfSeconds(asOf: EvaluateOptions['asOf']): number {
  if (asOf === undefined) return Math.floor(Date.now() / 1000);
  let ms: number;
  if (asOf instanceof Date) ms = asOf.getTime();
  else if (typeof asOf === 'number') ms = asOf;
  // Read by the core's ISO-8601 reader, as record times are: Date.parse would take 2026-02-30 for
  // March 2, and formats no record may use.
  else if (typeof asOf === 'string') return unwrap<number>(wasm().isoSeconds(asOf));
  else throw new SelfCrmError('E_SCHEMA', 'asOf must be a Date, epoch milliseconds or an ISO-8601 string', '/asOf');
  if (!Number.isFinite(ms)) throw new SelfCrmError('E_RANGE', `asOf is not a valid time: ${String(asOf)}`, '/asOf');
  return Math.floor(ms / 1000);
}

function packText(pack: unknown, what: string): string {
  if (typeof pack === 'string') return pack;
  if (pack !== null && typeof pack === 'object') return JSON.stringify(pack);
  throw new SelfCrmError('E_SCHEMA', `a ${what} pack must be JSON text or an object`);
}

function factsText(facts: unknown): string {
  if (typeof facts === 'string') return facts;
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) {
    throw new SelfCrmError('E_SCHEMA', 'a facts document must be an object (or its JSON text)');
  }
  return JSON.stringify(facts);
}

// Personas' engine handles, reachable from Segments.evaluateNdjson without being public.
const personaHandles = new WeakMap<Personas, PersonaPackHandle>();

/**
 * A compiled segment pack: named conditions and scoring plans. Owns engine memory: call
 * `dispose()` or use `using`.
 */
export class Segments {
  #handle: SegmentPackHandle | undefined;
  /** Every segment the pack can assign, plan thresholds first. */
  readonly names: readonly string[];

  private constructor(load: (h: SegmentPackHandle) => string) {
    const handle = new (wasm().SegmentPack)();
    try {
      this.names = Object.freeze(unwrap<string[]>(load(handle)));
    } catch (e) {
      handle.delete();
      throw e;
    }
    this.#handle = handle;
  }

  /**
   * Validates and compiles a pack. @throws SelfCrmError with the JSON Pointer of the mistake
   * (`/segments/2/condition/and/0/op`): E_PARSE, E_SCHEMA, E_RANGE, E_EMPTY, E_CONFLICT, E_VERSION.
   */
  static fromJSON(pack: string | SegmentPackDefinition): Segments {
    const text = packText(pack, 'segment');
    return new Segments((h) => withBytes(text, (p, n) => h.load(p, n)));
  }

  /** The documented default pack: CLV tiers, evangelist, connector, preferred channels, at risk, engagement points. */
  static default(): Segments {
    return new Segments((h) => h.loadDefault());
  }

  /** Memberships (each with the conditions that made it true) and plan scores of one facts document. */
  evaluate(facts: FactsDocument | string, options: EvaluateOptions = {}): SegmentEvaluation {
    const handle = this.#live();
    const asOf = asOfSeconds(options.asOf);
    return withBytes(factsText(facts), (p, n) => unwrap<SegmentEvaluation>(handle.evaluate(p, n, asOf)));
  }

  /**
   * Evaluates NDJSON facts documents (one per line) with this pack and `personas`, in one call.
   * `firstLine` numbers the chunk's first line. Lines in = results + rejects. Results carry names
   * only, unless `explain` is true.
   */
  evaluateNdjson(
    chunk: string | Uint8Array,
    personas: Personas,
    options?: EvaluateOptions & { firstLine?: number; explain?: false },
  ): { results: SegmentLineResult[]; rejects: LineReject[] };
  evaluateNdjson(
    chunk: string | Uint8Array,
    personas: Personas,
    options: EvaluateOptions & { firstLine?: number; explain: true },
  ): { results: ExplainedLineResult[]; rejects: LineReject[] };
  evaluateNdjson(
    chunk: string | Uint8Array,
    personas: Personas,
    options: EvaluateOptions & { firstLine?: number; explain?: boolean } = {},
  ): { results: (SegmentLineResult | ExplainedLineResult)[]; rejects: LineReject[] } {
    const handle = this.#live();
    const personaHandle = personaHandles.get(personas);
    if (!personaHandle) throw new SelfCrmError('E_DISPOSED', 'the Personas pack was disposed');
    const asOf = asOfSeconds(options.asOf);
    const firstLine = options.firstLine ?? 1;
    return withBytes(chunk, (p, n) =>
      unwrap<{ results: (SegmentLineResult | ExplainedLineResult)[]; rejects: LineReject[] }>(
        wasm().segmentNdjson(handle, personaHandle, p, n, firstLine, asOf, options.explain === true),
      ),
    );
  }

  /** Frees the engine memory; safe to call twice. */
  dispose(): void {
    this.#handle?.delete();
    this.#handle = undefined;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  #live(): SegmentPackHandle {
    if (!this.#handle) throw new SelfCrmError('E_DISPOSED', 'this Segments pack was disposed');
    return this.#handle;
  }
}

/** A compiled persona pack (tiers and use cases). Owns engine memory: call `dispose()` or use `using`. */
export class Personas {
  private constructor(load: (h: PersonaPackHandle) => string) {
    const handle = new (wasm().PersonaPack)();
    try {
      unwrap<boolean>(load(handle));
    } catch (e) {
      handle.delete();
      throw e;
    }
    personaHandles.set(this, handle);
  }

  /** Validates and compiles a pack. @throws SelfCrmError with the JSON Pointer of the mistake. */
  static fromJSON(pack: string | PersonaPackDefinition): Personas {
    const text = packText(pack, 'persona');
    return new Personas((h) => withBytes(text, (p, n) => h.load(p, n)));
  }

  /** The documented default pack: venter at risk, evangelist, social connector, community builder, loyal consumer, listener, prospect. */
  static default(): Personas {
    return new Personas((h) => h.loadDefault());
  }

  /** The highest-priority persona whose condition holds, with every match and its reasons. */
  assign(facts: FactsDocument | string, options: EvaluateOptions = {}): PersonaAssignment {
    const handle = personaHandles.get(this);
    if (!handle) throw new SelfCrmError('E_DISPOSED', 'this Personas pack was disposed');
    const asOf = asOfSeconds(options.asOf);
    return withBytes(factsText(facts), (p, n) => unwrap<PersonaAssignment>(handle.assign(p, n, asOf)));
  }

  /** Frees the engine memory; safe to call twice. */
  dispose(): void {
    personaHandles.get(this)?.delete();
    personaHandles.delete(this);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
