// k-means over an input split between machines (issue 21): a bottom-m sample of the rows starts
// it, then Lloyd steps whose per-part exact sums merge into the next centroids, the same bits
// whatever the split. The maths is in core (core/src/aggregates/kmeans_*.cpp).
import { EngineObject } from '../runtime/engine.js';
import { SelfCrmError, unwrap, unwrapText } from '../runtime/errors.js';
import { withBytes, withDoubles } from '../runtime/heap.js';
import { companyWasm } from '../runtime/company_loader.js';
import type { KMeansSampleHandle, KMeansStepHandle } from '../selfcrm-company.mjs';

/** A centroids document: what `cluster --merge` writes and the next step reads. */
export interface KMeansCentroids {
  format: 'selfcrm.kmeans.centroids';
  version: number;
  columns: string[];
  k: number;
  /** 0 for the centroids from the sample, then one more per step. */
  iteration: number;
  centroids: number[][];
  /** Rows per cluster in the step that computed these centroids (absent at iteration 0). */
  sizes?: number[];
  /** Σ squared distance of each row to its centroid in that step. */
  inertia?: number;
  /** The largest squared distance a centroid moved in that step. */
  moved?: number;
  reseeded?: number;
  converged: boolean;
  sample?: { rows: number; of: number; seed: number };
}

export interface KMeansPartTotals {
  lines: number;
  rejected: number;
  rows: number;
  /** A sample's rows kept (KMeansSample only). */
  sampled?: number;
}

function flatRows(rows: Float64Array, d: number): number {
  if (!(rows instanceof Float64Array)) throw new SelfCrmError('E_SCHEMA', 'rows must be a flat Float64Array', '/rows');
  if (rows.length % d !== 0) throw new SelfCrmError('E_SCHEMA', `${rows.length} values do not split into rows of ${d}`, '/rows');
  return rows.length / d;
}

function count(value: unknown, name: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw new SelfCrmError('E_RANGE', `${name} must be a whole number ≥ ${min}`, `/${name}`);
  return value;
}

function checkPart(part: unknown): void {
  if (typeof part !== 'string' && !(part instanceof Uint8Array)) throw new SelfCrmError('E_SCHEMA', 'a partial summary is JSON text or UTF-8 bytes', '/part');
}

abstract class KMeansPart<H extends KMeansSampleHandle | KMeansStepHandle> extends EngineObject<H> {
  protected abstract readonly d: number;

  /** Adds rows (row-major, `columns.length` features each). */
  addRows(rows: Float64Array): number {
    const handle = this.live();
    const n = flatRows(rows, this.d);
    return withDoubles(rows, (pointer) => unwrap<number>(handle.addRows(pointer, n)), companyWasm());
  }

  /** Lines read and lines refused before they became rows, for the partial's counts. */
  countLines(lines: number, rejected = 0): void {
    this.live().countLines(count(lines, 'lines'), count(rejected, 'rejected'));
  }

  /** Merges one partial summary of the same run (E_CONFLICT, E_VERSION, E_SCHEMA otherwise; nothing changes then). */
  merge(part: string | Uint8Array): KMeansPartTotals {
    const handle = this.live();
    checkPart(part);
    return withBytes(part, (pointer, bytes) => unwrap<KMeansPartTotals>(handle.merge(pointer, bytes)), companyWasm());
  }

  totals(): KMeansPartTotals {
    return unwrap<KMeansPartTotals>(this.live().totals());
  }

  /** This part's (or these merged parts') summary, one line of JSON. */
  partial(): string {
    return unwrapText(this.live().partial());
  }
}

/** The start: a bottom-m hash sample of the rows (the same m rows whatever the split). */
export class KMeansSample extends KMeansPart<KMeansSampleHandle> {
  protected readonly d: number;

  constructor(identity: { engine: string }, options: { columns: string[]; sampleSize?: number }) {
    const handle = new (companyWasm().KMeansSample)();
    try {
      unwrap<boolean>(handle.begin(String(identity?.engine ?? ''), JSON.stringify(options?.columns ?? null), count(options?.sampleSize ?? 10000, 'sampleSize', 1)));
    } catch (e) {
      handle.delete();
      throw e;
    }
    super(handle, 'KMeansSample');
    this.d = options.columns.length;
  }

  /** The centroids of iteration 0: k-means++ with `seed`, then Lloyd, on the merged sample. */
  initialText(options: { k: number; seed?: number; maxIterations?: number; tolerance?: number }): string {
    return unwrapText(this.live().initial(count(options.k, 'k', 1), count(options.seed ?? 0, 'seed'), count(options.maxIterations ?? 100, 'maxIterations', 1), options.tolerance ?? 1e-6));
  }
}

/** One Lloyd step against a centroids document: exact per-cluster sums that merge. */
export class KMeansStep extends KMeansPart<KMeansStepHandle> {
  protected readonly d: number;

  constructor(identity: { engine: string }, centroids: string) {
    if (typeof centroids !== 'string') throw new SelfCrmError('E_SCHEMA', 'centroids is the text of a centroids document', '/centroids');
    const handle = new (companyWasm().KMeansStep)();
    try {
      unwrap<boolean>(handle.begin(String(identity?.engine ?? ''), centroids));
    } catch (e) {
      handle.delete();
      throw e;
    }
    super(handle, 'KMeansStep');
    this.d = (JSON.parse(centroids) as KMeansCentroids).columns.length;
  }

  /** The next centroids document (text, as core writes it). */
  nextText(tolerance = 1e-6): string {
    if (typeof tolerance !== 'number' || !(tolerance >= 0)) throw new SelfCrmError('E_RANGE', 'tolerance must be ≥ 0', '/tolerance');
    return unwrapText(this.live().next(tolerance));
  }
}

/** The nearest centroid of each row (row-major, the document's columns). */
export function assignToCentroids(centroids: string, rows: Float64Array, dimensions: number): Int32Array {
  const n = flatRows(rows, count(dimensions, 'dimensions', 1));
  const mod = companyWasm();
  const out = mod._malloc(Math.max(4, n * 4));
  if (!out) throw new SelfCrmError('E_MEMORY', `no room for ${n} assignments in the engine's memory`);
  try {
    withDoubles(rows, (pointer) => unwrap(mod.kmeansAssign(centroids, pointer, n, out)), mod);
    return mod.HEAP32.slice(out / 4, out / 4 + n);
  } finally {
    mod._free(out);
  }
}

export interface KMeansBySampleOptions {
  columns: string[];
  k: number;
  seed?: number;
  sampleSize?: number;
  maxIterations?: number;
  tolerance?: number;
}

/**
 * The distributed algorithm in one process: the same sample, steps and assignment, so the
 * centroids document is byte-identical to the one `cluster --merge` ends with.
 */
export function kmeansBySample(rows: Float64Array, options: KMeansBySampleOptions): { centroids: string; assignments: Int32Array } {
  const columns = options?.columns;
  if (!Array.isArray(columns) || columns.length === 0) throw new SelfCrmError('E_SCHEMA', 'columns must name the features', '/columns');
  const n = flatRows(rows, columns.length);
  const mod = companyWasm();
  const out = mod._malloc(Math.max(4, n * 4));
  if (!out) throw new SelfCrmError('E_MEMORY', `no room for ${n} assignments in the engine's memory`);
  try {
    const centroids = withDoubles(rows, (pointer) => unwrapText(mod.kmeansBySample(pointer, n, JSON.stringify(columns), count(options.k, 'k', 1),
      count(options.seed ?? 0, 'seed'), count(options.sampleSize ?? 10000, 'sampleSize', 1), count(options.maxIterations ?? 100, 'maxIterations', 1),
      options.tolerance ?? 1e-6, out)), mod);
    return { centroids, assignments: mod.HEAP32.slice(out / 4, out / 4 + n) };
  } finally {
    mod._free(out);
  }
}
