// The one base of every object that owns engine memory (Model, Segments, Personas, Insights,
// Vault, the company module's plans and aggregates): its handle, the disposed check, dispose() and `using`.
import './dispose.js';
import { SelfCrmError } from './errors.js';

/** What every Embind handle has. */
interface Handle {
  delete(): void;
}

let handleOf: <H extends Handle>(object: EngineObject<H>) => H;

export abstract class EngineObject<H extends Handle> {
  #handle: H | undefined;
  readonly #name: string;

  /** `name` completes "this … was disposed" (for example "Model"). */
  protected constructor(handle: H, name: string) {
    this.#handle = handle;
    this.#name = name;
  }

  /** The live handle. @throws SelfCrmError E_DISPOSED after dispose(). */
  protected live(): H {
    if (!this.#handle) throw new SelfCrmError('E_DISPOSED', `this ${this.#name} was disposed`);
    return this.#handle;
  }

  /** Frees the engine memory; the object cannot be used afterwards. Safe to call twice. */
  dispose(): void {
    this.#handle?.delete();
    this.#handle = undefined;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  static {
    handleOf = (object) => object.live();
  }
}

/**
 * The live handle of another engine object, for modules that pass one engine to another (a
 * Personas pack into a segment batch, a vault into a merge). @internal
 */
export function liveHandle<H extends Handle>(object: EngineObject<H>): H {
  return handleOf(object);
}
