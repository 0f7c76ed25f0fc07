import { EngineObject, liveHandle } from '../runtime/engine.js';
import { SelfCrmError, unwrap, type LineReject } from '../runtime/errors.js';
import { checkLines, type BatchChunkResult, type LineOptions } from '../runtime/batch.js';
import { checkOptions } from '../runtime/options.js';
import { withBytes } from '../runtime/heap.js';
import { wasm } from '../runtime/loader.js';
import { asOfSeconds } from '../runtime/time.js';
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

// The JSON text each pack was compiled from ('' for a default pack), so Insights can take a pack object.
const sources = new WeakMap<Segments | Personas, string>();

/** The text a pack was compiled from; '' for a default pack. @internal */
export function packSource(pack: Segments | Personas): string {
  const text = sources.get(pack);
  if (text === undefined) throw new SelfCrmError('E_SCHEMA', 'not a Segments or Personas pack');
  return text;
}

/** The result of compiling a pack into a new handle; the handle is freed when that fails. */
function compiled<H extends { delete(): void }, T>(handle: H, load: (h: H) => string): T {
  try {
    return unwrap<T>(load(handle));
  } catch (e) {
    handle.delete();
    throw e;
  }
}

function packText(pack: unknown, what: string): string {
  if (typeof pack === 'string') return pack;
  if (pack !== null && typeof pack === 'object') return JSON.stringify(pack);
  throw new SelfCrmError('E_SCHEMA', `a ${what} pack must be JSON text or an object`);
}

/** How a pack handle loads `pack` (text or definition), and the text it loads. */
function loaderOf(pack: unknown, what: string): [load: (h: { load(p: number, n: number): string }) => string, text: string] {
  const text = packText(pack, what);
  return [(h) => withBytes(text, (p, n) => h.load(p, n)), text];
}

/** One facts document through a pack handle's call (evaluate, assign). */
function onFacts<T>(facts: unknown, options: EvaluateOptions | undefined, call: (p: number, n: number, asOf: number) => string): T {
  const asOf = asOfSeconds(checkOptions(options).asOf);
  return withBytes(factsText(facts), (p, n) => unwrap<T>(call(p, n, asOf)));
}

function factsText(facts: unknown): string {
  if (typeof facts === 'string') return facts;
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) {
    throw new SelfCrmError('E_SCHEMA', 'a facts document must be an object (or its JSON text)');
  }
  return JSON.stringify(facts);
}

/**
 * A compiled segment pack: named conditions and scoring plans. Owns engine memory: call
 * `dispose()` or use `using`.
 */
export class Segments extends EngineObject<SegmentPackHandle> {
  /** Every segment the pack can assign, plan thresholds first. */
  readonly names: readonly string[];
  private constructor(load: (h: SegmentPackHandle) => string, source: string) {
    const handle = new (wasm().SegmentPack)();
    const names = compiled<SegmentPackHandle, string[]>(handle, load);
    super(handle, 'this Segments pack');
    this.names = Object.freeze(names);
    sources.set(this, source);
  }

  /**
   * Validates and compiles a pack. @throws SelfCrmError with the JSON Pointer of the mistake
   * (`/segments/2/condition/and/0/op`): E_PARSE, E_SCHEMA, E_RANGE, E_EMPTY, E_CONFLICT, E_VERSION.
   */
  static fromJSON(pack: string | SegmentPackDefinition): Segments {
    return new Segments(...loaderOf(pack, 'segment'));
  }

  /** The documented default pack: CLV tiers, evangelist, connector, preferred channels, at risk, engagement points. */
  static default(): Segments {
    return new Segments((h) => h.loadDefault(), '');
  }

  /** Memberships (each with the conditions that made it true) and plan scores of one facts document. */
  evaluate(facts: FactsDocument | string, options?: EvaluateOptions): SegmentEvaluation {
    const handle = this.live();
    return onFacts(facts, options, (p, n, asOf) => handle.evaluate(p, n, asOf));
  }

  /**
   * Evaluates a chunk of NDJSON facts documents (one per line) with this pack and
   * `options.personas` (default: the built-in personas), in one call: one result line per good
   * line, `{"line","id","segments":[names],"plans","persona","personas"}`, or with `explain` the
   * memberships and persona with the conditions behind them.
   */
  evaluateLines(
    chunk: string | Uint8Array,
    options?: EvaluateOptions & LineOptions & { personas?: Personas; explain?: boolean },
  ): BatchChunkResult {
    const handle = this.live();
    const o = checkOptions(options);
    const firstLine = checkLines(chunk, o);
    if (o.personas !== undefined && !(o.personas instanceof Personas)) {
      throw new SelfCrmError('E_SCHEMA', 'personas must be a Personas pack', '/personas');
    }
    const asOf = asOfSeconds(o.asOf);
    const personas = o.personas ?? Personas.default();
    try {
      const batch = withBytes(chunk, (p, n) =>
        unwrap<{ results: (SegmentLineResult | ExplainedLineResult)[]; rejects: LineReject[] }>(
          wasm().segmentNdjson(handle, liveHandle(personas), p, n, firstLine, asOf, o.explain === true),
        ),
      );
      return { ndjson: batch.results.map((r) => `${JSON.stringify(r)}\n`).join(''), results: batch.results.length, rejects: batch.rejects };
    } finally {
      if (personas !== o.personas) personas.dispose();
    }
  }
}

/** A compiled persona pack (tiers and use cases). Owns engine memory: call `dispose()` or use `using`. */
export class Personas extends EngineObject<PersonaPackHandle> {
  private constructor(load: (h: PersonaPackHandle) => string, source: string) {
    const handle = new (wasm().PersonaPack)();
    compiled<PersonaPackHandle, boolean>(handle, load);
    super(handle, 'this Personas pack');
    sources.set(this, source);
  }

  /** Validates and compiles a pack. @throws SelfCrmError with the JSON Pointer of the mistake. */
  static fromJSON(pack: string | PersonaPackDefinition): Personas {
    return new Personas(...loaderOf(pack, 'persona'));
  }

  /** The documented default pack: venter at risk, evangelist, social connector, community builder, loyal consumer, listener, prospect. */
  static default(): Personas {
    return new Personas((h) => h.loadDefault(), '');
  }

  /** The highest-priority persona whose condition holds, with every match and its reasons. */
  assign(facts: FactsDocument | string, options?: EvaluateOptions): PersonaAssignment {
    const handle = this.live();
    return onFacts(facts, options, (p, n, asOf) => handle.assign(p, n, asOf));
  }
}
