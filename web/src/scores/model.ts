import { EngineObject } from '../runtime/engine.js';
import { SelfCrmError, unwrap, type LineReject } from '../runtime/errors.js';
import { heapAlloc, withBytes, withDoubles } from '../runtime/heap.js';
import { wasm } from '../runtime/loader.js';
import { checkOptions } from '../runtime/options.js';
import type { AsOf } from '../runtime/time.js';
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

export type Ndjson = string | Uint8Array;

export function checkNdjson(data: unknown): asserts data is Ndjson {
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
    throw new SelfCrmError('E_SCHEMA', 'transactions must be NDJSON text or bytes');
  }
}

/** The columns of a summary, in the order the engine's rows hold them. @internal */
export const summaryKeys = ['frequency', 'recency', 'age', 'monetary'] as const;

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
