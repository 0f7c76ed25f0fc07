import { EngineObject, liveHandle } from '../runtime/engine.js';
import { SelfCrmError, unwrap, type LineReject } from '../runtime/errors.js';
import { heapAlloc, withBytes, withDoubles } from '../runtime/heap.js';
import { wasm } from '../runtime/loader.js';
import { checkOptions } from '../runtime/options.js';
import { asOfIso, type AsOf } from '../runtime/time.js';
import type { ScoresModelHandle } from '../selfcrm.mjs';

/** The published scoring model (see README "Scores"): a versioned JSON document. */
export interface ModelDocument {
  schemaVersion: number;
  periodDays?: number;
  rfm?: {
    monetary?: 'mean' | 'total';
    recencyDays?: [number, number, number, number];
    frequency?: [number, number, number, number];
    monetaryValue?: [number, number, number, number];
  };
  clv?: { horizonPeriods?: number; annualDiscountRate?: number; marginRate?: number; retentionPerPeriod?: number };
  bgnbd?: { r: number; alpha: number; a: number; b: number } | null;
  gammaGamma?: { p: number; q: number; gamma: number } | null;
  /** The repeat-purchase model the probabilistic CLV uses (default `'bgnbd'`). */
  repeatModel?: RepeatModel;
  modifiedBgnbd?: { r: number; alpha: number; a: number; b: number } | null;
  paretoNbd?: { r: number; alpha: number; s: number; beta: number } | null;
  referral?: { wouldHaveComeAnyway?: number; acquisitionCost?: number };
  influence?: {
    reachScale?: number;
    amplificationHalf?: number;
    engagementHalf?: number;
    reachWeight?: number;
    amplificationWeight?: number;
    engagementWeight?: number;
  };
  engagement?: { halfLifeDays?: number };
  /** The report of the fit that produced the model, or null. */
  fit?: unknown;
}

/** Per-customer BG/NBD inputs: x repeat purchase days, t_x and T in model periods, mean repeat spend. */
export interface CustomerSummary {
  frequency: number;
  recency: number;
  age: number;
  monetary: number;
}

/** Many customers' summaries as columns of equal length. */
export interface CustomerSummaryColumns {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  age: ArrayLike<number>;
  monetary: ArrayLike<number>;
}

/** Per-customer BG/NBD summaries of transaction lines, in order of first appearance. */
export interface CustomerSummaries {
  customerIds: string[];
  /** The end of observation used (ISO-8601). */
  asOf: string;
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
  monetary: Float64Array;
  linesUsed: number;
  rejects: LineReject[];
}

/** Predictions per customer, in input order. */
export interface Predictions {
  /** Expected purchases in the next `t` periods. */
  expectedPurchases: Float64Array;
  probabilityAlive: Float64Array;
  /** Expected spend per transaction (Gamma-Gamma). */
  expectedSpend: Float64Array;
  /** Discounted margin over the model's horizon. */
  clv: Float64Array;
  /**
   * With `{ intervals: true }`: 95 % intervals per customer ([low, high]) by the delta method
   * from the fit's observed information (repeat-model parameters; spend held at its estimate).
   */
  intervals?: PredictionIntervals;
}

/** Per-customer 95 % intervals, in input order. */
export interface PredictionIntervals {
  expectedPurchases: [number, number][];
  probabilityAlive: [number, number][];
  clv: [number, number][];
  level: number;
  method: string;
}

/** Per customer R, F, M in order of first appearance. */
export interface RfmSummary {
  customerIds: string[];
  recencyDays: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  linesUsed: number;
  rejects: LineReject[];
}

/** The repeat-purchase models `fitModel` can fit (README "CLV models"). */
export type RepeatModel = 'bgnbd' | 'modified-bgnbd' | 'pareto-nbd';

/** One reason to distrust a fit, with what it means and what to do (model.fit.diagnostics). */
export interface FitDiagnostic {
  model: string;
  code: 'at-bound' | 'flat-likelihood' | 'no-heterogeneity' | 'few-repeat-buyers' | 'few-customers';
  message: string;
  meaning: string;
  action: string;
}

/** Options of `fitModel`. */
export interface FitOptions {
  /** End of observation; default: the latest transaction. */
  asOf?: AsOf;
  /** Settings kept as they are (period, horizon, weights…); default `Model.default()`. */
  base?: ModelSpec;
  /** The repeat-purchase model to fit and store; default: the base model's (`'bgnbd'`). */
  model?: RepeatModel;
  /**
   * Start of a holdout period: the comparison (`model.fit.comparison`) also fits each model on
   * the transactions before it and reports its error predicting the purchases after it.
   */
  holdoutFrom?: AsOf;
  /** Fit every repeat model for `model.fit.comparison` (log-likelihood, AIC); default true. */
  compare?: boolean;
}

/** What `fitModel` produced: the model document and what it was fitted from. */
export interface FitResult {
  model: ModelDocument;
  linesUsed: number;
  customers: number;
  rejects: LineReject[];
}

type Ndjson = string | Uint8Array;

function checkNdjson(data: unknown): asserts data is Ndjson {
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
    throw new SelfCrmError('E_SCHEMA', 'transactions must be NDJSON text or bytes');
  }
}

const summaryKeys = ['frequency', 'recency', 'age', 'monetary'] as const;

/** Rows of 4 doubles (frequency, recency, age, monetary), checking every value's type. */
function flatten(customers: readonly CustomerSummary[] | CustomerSummaryColumns): Float64Array {
  if (Array.isArray(customers)) {
    const flat = new Float64Array(customers.length * 4);
    customers.forEach((c: CustomerSummary, i: number) => {
      summaryKeys.forEach((key, k) => {
        if (typeof c?.[key] !== 'number') throw new SelfCrmError('E_SCHEMA', `${key} must be a number`, `/${i}/${key}`);
        flat[i * 4 + k] = c[key];
      });
    });
    return flat;
  }
  const columns = customers as CustomerSummaryColumns;
  if (typeof columns !== 'object' || columns === null) {
    throw new SelfCrmError('E_SCHEMA', 'customers must be an array of summaries or an object of columns');
  }
  const rows = columns.frequency?.length;
  const flat = new Float64Array((rows ?? 0) * 4);
  summaryKeys.forEach((key, k) => {
    const column = columns[key];
    if (column?.length !== rows) throw new SelfCrmError('E_SCHEMA', `${key} must be a column as long as frequency`, `/${key}`);
    for (let i = 0; i < column.length; ++i) {
      const v = column[i];
      if (typeof v !== 'number') throw new SelfCrmError('E_SCHEMA', `${key} must hold numbers`, `/${key}/${i}`);
      flat[i * 4 + k] = v;
    }
  });
  return flat;
}

/**
 * A scoring model held by the engine. Owns engine memory: call `dispose()` or use `using`.
 */
export class Model extends EngineObject<ScoresModelHandle> {
  private constructor() {
    super(new (wasm().ScoresModel)(), 'this Model');
  }

  /** The documented default model (no fitted BG/NBD parameters). */
  static default(): Model {
    return new Model();
  }

  /**
   * Parses a model document strictly.
   * @throws SelfCrmError `E_PARSE`, `E_SCHEMA`, `E_RANGE` with the JSON Pointer of the bad value,
   *   `E_VERSION` for a newer schemaVersion.
   */
  static fromJSON(document: string | ModelDocument): Model {
    const text = typeof document === 'string' ? document : JSON.stringify(document);
    if (typeof text !== 'string') throw new SelfCrmError('E_SCHEMA', 'a model must be JSON text or an object');
    const model = new Model();
    try {
      withBytes(text, (pointer, bytes) => unwrap<null>(model.live().load(pointer, bytes)));
      return model;
    } catch (e) {
      model.dispose();
      throw e;
    }
  }

  /** The complete model document, every default filled in. */
  toJSON(): ModelDocument {
    return unwrap<ModelDocument>(this.live().toJson());
  }

  /**
   * Repeat-model (BG/NBD, modified BG/NBD or Pareto/NBD) + Gamma-Gamma predictions for many
   * customers in one call; `intervals: true` adds 95 % delta-method intervals (needs a model
   * produced by `fitModel`, which stores the parameter covariance).
   * @throws SelfCrmError `E_NOT_FOUND` when the model has no fitted parameters (or, for
   *   intervals, no covariance), `E_RANGE` with the path of the first impossible summary (`/3/recency`).
   */
  predict(customers: readonly CustomerSummary[] | CustomerSummaryColumns, options: { t: number; intervals?: boolean }): Predictions {
    const handle = this.live();
    if (typeof checkOptions(options).t !== 'number') throw new SelfCrmError('E_SCHEMA', 't must be a number', '/t');
    const flat = flatten(customers);
    const rows = flat.length / 4;
    const mod = wasm();
    const out = heapAlloc(Math.max(8, flat.length * 8));
    try {
      const values = withDoubles(flat, (pointer) => {
        unwrap<number>(handle.predict(pointer, rows, options.t, out));
        return mod.HEAPF64.slice(out / 8, out / 8 + flat.length);
      });
      const column = (k: number) => Float64Array.from({ length: rows }, (_, i) => values[i * 4 + k] ?? Number.NaN);
      const result: Predictions = { expectedPurchases: column(0), probabilityAlive: column(1), expectedSpend: column(2), clv: column(3) };
      if (options.intervals === true) {
        result.intervals = withDoubles(flat, (pointer) => unwrap<PredictionIntervals>(handle.intervals(pointer, rows, options.t)));
      }
      return result;
    } finally {
      mod._free(out);
    }
  }
}

/** A model as every call takes it: the compiled Model, its document, or its JSON text. */
export type ModelSpec = Model | ModelDocument | string;

/** Runs `fn` with the model `spec` names (default: `Model.default()`), freeing any model made here. */
function withModel<T>(spec: unknown, name: string, fn: (model: Model) => T): T {
  if (spec instanceof Model) return fn(spec);
  if (spec !== undefined && typeof spec !== 'string' && (spec === null || typeof spec !== 'object' || Array.isArray(spec))) {
    throw new SelfCrmError('E_SCHEMA', `${name} must be a Model, a model document or its JSON text`, `/${name}`);
  }
  const model = spec === undefined ? Model.default() : Model.fromJSON(spec as ModelDocument | string);
  try {
    return fn(model);
  } finally {
    model.dispose();
  }
}

/**
 * Fits a model from NDJSON transaction lines `{"customerId","at","amount","margin"}` in one call:
 * per-customer summaries, RFM quintile cut points, the repeat-purchase model's (`model`, default
 * BG/NBD) and Gamma-Gamma parameters with standard errors, a comparison of the repeat models and
 * diagnostics (`model.fit.diagnostics`: fits at a bound, flat likelihoods, no heterogeneity, too
 * few repeat buyers — each with what it means and what to do).
 * @throws SelfCrmError `E_EMPTY` when no line is usable, `E_SCHEMA` at `/model` for an unknown
 *   model, `E_RANGE` at `/holdoutFrom` when the holdout does not fit the data;
 *   `E_EMPTY` carries every line's reason in its `rejects`.
 */
export function fitModel(transactions: Ndjson, options?: FitOptions): FitResult {
  const o = checkOptions(options);
  const holdoutFrom = asOfIso(o.holdoutFrom, '/holdoutFrom');
  const repeat = o.model ?? '';
  if (typeof repeat !== 'string') throw new SelfCrmError('E_SCHEMA', 'model must be a string', '/model');
  const compare = o.compare ?? true;
  if (typeof compare !== 'boolean') throw new SelfCrmError('E_SCHEMA', 'compare must be a boolean', '/compare');
  return fitWith<FitResult>(transactions, o, (handle, pointer, bytes, asOf) => {
    try {
      return unwrap<FitResult>(handle.fit(pointer, bytes, asOf, repeat, holdoutFrom, compare));
    } catch (e) {
      if (!(e instanceof SelfCrmError) || e.code !== 'E_EMPTY' || e.path !== '') throw e;
      // Nothing was usable: say why for each line. The RFM summary reads lines as the fit does
      // (and refuses those after asOf alike); only this failure pays for the second pass.
      const read = unwrap<{ rejects: LineReject[] }>(handle.rfmSummary(pointer, bytes, asOf || '9999-12-31T23:59:59Z'));
      throw new SelfCrmError(e.code, e.message, e.path, read.rejects);
    }
  });
}

/**
 * One fitting call into the engine on `options.base` (default: the default model), shared by
 * fitModel and fitModelFromProfiles. @internal
 */
export function fitWith<T>(
  data: Ndjson,
  options: { asOf?: AsOf; base?: ModelSpec } | undefined,
  call: (handle: ScoresModelHandle, pointer: number, bytes: number, asOf: string) => T,
): T {
  checkNdjson(data);
  const o = checkOptions(options);
  const asOf = asOfIso(o.asOf);
  return withModel(o.base, 'base', (model) =>
    withBytes(data, (pointer, bytes) => call(liveHandle(model), pointer, bytes, asOf)));
}

/**
 * Per-customer recency (days), frequency (transactions) and monetary value (mean amount, or total
 * with `monetary: 'total'`) of NDJSON transaction lines as of `asOf`, in one call.
 */
export function rfmSummary(transactions: Ndjson, options: { asOf: AsOf; monetary?: 'mean' | 'total' }): RfmSummary {
  checkNdjson(transactions);
  const asOf = asOfIso(checkOptions(options).asOf);
  if (!asOf) throw new SelfCrmError('E_SCHEMA', 'asOf is required', '/asOf');
  const monetary = options?.monetary ?? 'mean';
  if (monetary !== 'mean' && monetary !== 'total') throw new SelfCrmError('E_SCHEMA', 'monetary must be "mean" or "total"', '/monetary');
  const model = Model.fromJSON({ schemaVersion: 1, rfm: { monetary } });
  try {
    const raw = withBytes(transactions, (pointer, bytes) =>
      unwrap<{ customerIds: string[]; recencyDays: number[]; frequency: number[]; monetary: number[]; linesUsed: number; rejects: LineReject[] }>(
        liveHandle(model).rfmSummary(pointer, bytes, asOf),
      ),
    );
    return {
      customerIds: raw.customerIds,
      recencyDays: Float64Array.from(raw.recencyDays),
      frequency: Float64Array.from(raw.frequency),
      monetary: Float64Array.from(raw.monetary),
      linesUsed: raw.linesUsed,
      rejects: raw.rejects,
    };
  } finally {
    model.dispose();
  }
}

/**
 * Per-customer BG/NBD summaries of NDJSON transaction lines, in one call: x (repeat purchase days),
 * t_x and T in the model's periods (`model`, default `Model.default()`: weeks), and the mean spend
 * per repeat purchase day, ready for `model.predict`. `asOf` defaults to the latest transaction.
 */
export function customerSummaries(transactions: Ndjson, options?: { asOf?: AsOf; model?: ModelSpec }): CustomerSummaries {
  checkNdjson(transactions);
  const o = checkOptions(options);
  const asOf = asOfIso(o.asOf);
  return withModel(o.model, 'model', (model) => {
    const raw = withBytes(transactions, (pointer, bytes) =>
      unwrap<Omit<CustomerSummaries, 'frequency' | 'recency' | 'age' | 'monetary'> & Record<(typeof summaryKeys)[number], number[]>>(
        liveHandle(model).summaries(pointer, bytes, asOf),
      ),
    );
    return {
      ...raw,
      frequency: Float64Array.from(raw.frequency),
      recency: Float64Array.from(raw.recency),
      age: Float64Array.from(raw.age),
      monetary: Float64Array.from(raw.monetary),
    };
  });
}
