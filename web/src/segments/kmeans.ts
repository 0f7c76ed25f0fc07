// k-means for segment discovery: rows cross into the company module (a population is company
// data; Node loads it on first use, a page calls `await readyCompany()`) as one block of doubles
// per call.
import { SelfCrmError, unwrap } from '../runtime/errors.js';
import { companyWasm } from '../runtime/company_loader.js';

/** Rows of features: a flat row-major Float64Array (give `dimensions`) or an array of rows. */
export type FeatureRows = Float64Array | ArrayLike<ArrayLike<number>>;

export interface KMeansOptions {
  /** Number of clusters, 1…rows. */
  k: number;
  /** Features per row; required when `rows` is a flat Float64Array. */
  dimensions?: number;
  /** Seeds k-means++ (a non-negative safe integer; default 0). Same seed, same result everywhere. */
  seed?: number;
  /** k initial centroids (flat k × d, or k rows), in input units; replaces k-means++. */
  init?: FeatureRows;
  /** Default 100. */
  maxIterations?: number;
  /** Converged when no centroid moves by more than this squared distance (default 1e-6). */
  tolerance?: number;
  /** Cluster per-column z-scores; centroids are still reported in input units. */
  standardize?: boolean;
}

export interface KMeansResult {
  k: number;
  dimensions: number;
  /** Cluster of each row. */
  assignments: Int32Array;
  /** k × d centroids, row-major, in input units. */
  centroids: Float64Array;
  sizes: number[];
  /** Σ squared distance of each row to its centroid (z units when standardised). */
  inertia: number;
  iterations: number;
  converged: boolean;
  /** Clusters that went empty and were moved to the farthest row. */
  reseeded: number;
}

export interface ChooseKOptions extends Omit<KMeansOptions, 'k' | 'init'> {
  kMin: number;
  kMax: number;
  /** Rows the silhouette is computed on (a seeded sample when there are more; default 2000). */
  sampleSize?: number;
}

export interface KChoice {
  /** The k with the highest silhouette (the smaller on ties). */
  best: number;
  candidates: { k: number; inertia: number; silhouette: number }[];
}

interface Shape {
  n: number;
  d: number;
  /** Writes the n × d values row-major into `out` (a view of the engine's memory). */
  fill(out: Float64Array): void;
}

function checkRow(row: ArrayLike<number>, d: number, at: string): void {
  if (row == null || row.length !== d) throw new SelfCrmError('E_SCHEMA', `every row needs ${d} features`, at);
}

// Plain arrays are checked element by element (a string or null must not become a number); typed
// arrays hold numbers by construction and are copied as blocks. Each shape is its own loop so the
// engine's JIT sees one kind of row per loop: one polymorphic loop over both made an array of
// Float64Array rows 7× slower than a flat Float64Array.
function copyPlainRows(rows: ArrayLike<ArrayLike<number>>, n: number, d: number, path: string, out: Float64Array): void {
  for (let i = 0, at = 0; i < n; ++i, at += d) {
    const row = rows[i] as number[];
    checkRow(row, d, `${path}/${i}`);
    for (let j = 0; j < d; ++j) {
      const v = row[j];
      if (typeof v !== 'number') throw new SelfCrmError('E_SCHEMA', 'features must be numbers', `${path}/${i}/${j}`);
      out[at + j] = v;
    }
  }
}

/** A typed array of plain numbers (not a DataView, not BigInt64Array). */
function isNumberArray(v: unknown): boolean {
  return ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array);
}

function copyTypedRows(rows: ArrayLike<ArrayLike<number>>, n: number, d: number, path: string, out: Float64Array): void {
  for (let i = 0; i < n; ++i) {
    const row = rows[i];
    if (!isNumberArray(row)) return copyPlainRows(rows, n, d, path, out); // mixed rows: the checked loop
    checkRow(row as ArrayLike<number>, d, `${path}/${i}`);
    out.set(row as unknown as Float64Array, i * d);
  }
}

function shapeOf(rows: FeatureRows, dimensions: number | undefined, path: string): Shape {
  if (rows instanceof Float64Array) {
    if (!Number.isInteger(dimensions) || (dimensions as number) < 1) {
      throw new SelfCrmError('E_SCHEMA', 'a flat Float64Array needs options.dimensions ≥ 1', '/dimensions');
    }
    const d = dimensions as number;
    if (rows.length % d !== 0) throw new SelfCrmError('E_SCHEMA', `${rows.length} values do not split into rows of ${d}`, path);
    return { n: rows.length / d, d, fill: (out) => out.set(rows) };
  }
  if (rows === null || typeof rows !== 'object' || typeof (rows as ArrayLike<unknown>).length !== 'number') {
    throw new SelfCrmError('E_SCHEMA', 'rows must be a Float64Array or an array of rows', path);
  }
  const n = rows.length;
  const d = n > 0 ? (rows[0]?.length ?? 0) : (dimensions ?? 0);
  const typed = n > 0 && isNumberArray(rows[0]);
  return { n, d, fill: (out) => (typed ? copyTypedRows : copyPlainRows)(rows, n, d, path, out) };
}

function count(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new SelfCrmError('E_RANGE', `${name} must be a non-negative integer`, `/${name}`);
  }
  return value;
}

function tolerance(value: unknown): number {
  if (value === undefined) return 1e-6;
  if (typeof value !== 'number') throw new SelfCrmError('E_SCHEMA', 'tolerance must be a number', '/tolerance');
  return value;
}

/** Writes each shape straight into the engine's memory for one call (pointer 0 for none). */
function withHeap<T>(shapes: (Shape | undefined)[], outInts: number, fn: (ptrs: number[], out: number) => T): T {
  const mod = companyWasm();
  const ptrs: number[] = [];
  let out = 0;
  try {
    for (const shape of shapes) {
      if (!shape) {
        ptrs.push(0);
        continue;
      }
      const count = shape.n * shape.d;
      const p = mod._malloc(Math.max(8, count * 8));
      if (!p) throw new SelfCrmError('E_MEMORY', `no room for ${count} doubles in the engine's memory`);
      ptrs.push(p);
      // A view taken after the allocation: growing the memory detaches older ones.
      shape.fill(mod.HEAPF64.subarray(p / 8, p / 8 + count));
    }
    if (outInts > 0) {
      out = mod._malloc(outInts * 4);
      if (!out) throw new SelfCrmError('E_MEMORY', `no room for ${outInts} assignments in the engine's memory`);
    }
    return fn(ptrs, out);
  } finally {
    for (const p of ptrs) if (p) mod._free(p);
    if (out) mod._free(out);
  }
}

/**
 * Clusters rows with k-means (k-means++ seeding unless `init` is given, Lloyd iterations).
 * @throws SelfCrmError E_RANGE (k out of 1…n, a non-finite feature at `/row/column`…), E_EMPTY (no rows), E_SCHEMA.
 */
export function kmeans(rows: FeatureRows, options: KMeansOptions): KMeansResult {
  if (options === null || typeof options !== 'object') throw new SelfCrmError('E_SCHEMA', 'options with k are required');
  const data = shapeOf(rows, options.dimensions, '');
  const { n, d } = data;
  const k = count(options.k, 'k', 0);
  let init: Shape | undefined;
  if (options.init !== undefined) {
    init = shapeOf(options.init, d, '/init');
    if (init.n !== k || init.d !== d) throw new SelfCrmError('E_SCHEMA', `init needs ${k} centroids of ${d} features`, '/init');
  }
  const seed = count(options.seed, 'seed', 0);
  const maxIterations = count(options.maxIterations, 'maxIterations', 100);
  const tol = tolerance(options.tolerance);
  return withHeap([data, init], n, ([rowsPtr, initPtr], out) => {
    const mod = companyWasm();
    const summary = unwrap<{ k: number; d: number; centroids: number[][]; sizes: number[]; inertia: number; iterations: number; converged: boolean; reseeded: number }>(
      mod.kmeansRun(rowsPtr as number, n, d, k, seed, maxIterations, tol, options.standardize === true, initPtr as number, out),
    );
    const assignments = mod.HEAP32.slice(out / 4, out / 4 + n);
    return {
      k: summary.k,
      dimensions: summary.d,
      assignments,
      centroids: Float64Array.from(summary.centroids.flat()),
      sizes: summary.sizes,
      inertia: summary.inertia,
      iterations: summary.iterations,
      converged: summary.converged,
      reseeded: summary.reseeded,
    };
  });
}

/** Runs k-means for each k in kMin…kMax and scores each by silhouette. */
export function chooseK(rows: FeatureRows, options: ChooseKOptions): KChoice {
  if (options === null || typeof options !== 'object') throw new SelfCrmError('E_SCHEMA', 'options with kMin and kMax are required');
  const data = shapeOf(rows, options.dimensions, '');
  const { n, d } = data;
  const kMin = count(options.kMin, 'kMin', 0);
  const kMax = count(options.kMax, 'kMax', 0);
  const seed = count(options.seed, 'seed', 0);
  const maxIterations = count(options.maxIterations, 'maxIterations', 100);
  const sampleSize = count(options.sampleSize, 'sampleSize', 2000);
  const tol = tolerance(options.tolerance);
  return withHeap([data], 0, ([rowsPtr]) =>
    unwrap<KChoice>(companyWasm().kmeansChooseK(rowsPtr as number, n, d, kMin, kMax, seed, maxIterations, tol, options.standardize === true, sampleSize)),
  );
}

/** Mean silhouette of a clustering (on a seeded sample of `sampleSize` rows when there are more). */
export function silhouette(
  rows: FeatureRows,
  assignments: Int32Array,
  options: { k: number; dimensions?: number; sampleSize?: number; seed?: number },
): number {
  const data = shapeOf(rows, options.dimensions, '');
  const { n, d } = data;
  if (!(assignments instanceof Int32Array) || assignments.length !== n) {
    throw new SelfCrmError('E_SCHEMA', `assignments must be an Int32Array of ${n} clusters`, '/assignments');
  }
  const k = count(options.k, 'k', 0);
  const sampleSize = count(options.sampleSize, 'sampleSize', 2000);
  const seed = count(options.seed, 'seed', 0);
  const mod = companyWasm();
  return withHeap([data], n, ([rowsPtr], labels) => {
    mod.HEAP32.set(assignments, labels / 4);
    return unwrap<number>(mod.kmeansSilhouette(rowsPtr as number, n, d, labels, k, sampleSize, seed));
  });
}

/** How {@link featureRows} reads each facts document. */
export interface FeatureOptions {
  /** Used for a missing field (or null); without it a missing field is an E_SCHEMA error. */
  missing?: number;
}

/**
 * Feature extraction for segment discovery: one row per facts document, one column per dotted
 * field path (`scores.clv.value`, `attributes.performance.visits`…). Numbers are taken as they
 * are, booleans as 0/1. Feed the result to `kmeans(rows, { dimensions: fields.length,
 * standardize: true, … })`.
 * @throws SelfCrmError E_SCHEMA at `/row/field/pointer` for a value that is not a number or
 *   boolean (or is missing without `options.missing`).
 */
export function featureRows(documents: readonly unknown[], fields: readonly string[], options: FeatureOptions = {}): Float64Array {
  if (!Array.isArray(documents)) throw new SelfCrmError('E_SCHEMA', 'documents must be an array of facts documents');
  if (!Array.isArray(fields) || fields.length === 0) throw new SelfCrmError('E_EMPTY', 'name at least one field', '/fields');
  const paths = fields.map((f, j) => {
    if (typeof f !== 'string' || f === '' || f.split('.').some((p) => p === '')) {
      throw new SelfCrmError('E_SCHEMA', `not a dotted field path: ${String(f)}`, `/fields/${j}`);
    }
    return f.split('.');
  });
  const { missing } = options;
  if (missing !== undefined && !Number.isFinite(missing)) throw new SelfCrmError('E_RANGE', 'missing must be a finite number', '/missing');
  const out = new Float64Array(documents.length * paths.length);
  documents.forEach((doc, i) => {
    paths.forEach((path, j) => {
      let v: unknown = doc;
      for (const key of path) v = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
      const at = `/${i}/${path.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
      if (typeof v === 'boolean') v = v ? 1 : 0;
      if ((v === undefined || v === null) && missing !== undefined) v = missing;
      if (typeof v !== 'number') throw new SelfCrmError('E_SCHEMA', `${fields[j]} is not a number`, at);
      out[i * paths.length + j] = v;
    });
  });
  return out;
}
