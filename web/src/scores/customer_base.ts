// Customer-base models whose data are not transaction lines: sBG for subscriptions (survivor
// counts or tenures) and BG/BB for discrete opportunities. The computation is in the core
// (core/src/scores/discrete_reports.cpp), run in the company module; this file checks argument
// shapes and unwraps results.
import { SelfCrmError, unwrap } from '../runtime/errors.js';
import { withBytes } from '../runtime/heap.js';
import { companyWasm } from '../runtime/company_loader.js';
import type { SelfCrmCompanyModule } from '../selfcrm-company.mjs';
import type { FitDiagnostic } from './model.js';

/** A maximum-likelihood fit with standard errors (observed information) and diagnostics. */
export interface ModelFit {
  model: string;
  params: Record<string, number>;
  /** null when the observed information is not positive definite (see diagnostics). */
  standardErrors: Record<string, number | null>;
  logLikelihood: number;
  aic: number;
  observations: number;
  distinct: number;
  covarianceLog: number[][];
  diagnostics: Omit<FitDiagnostic, 'model'>[];
}

/** One subscriber: churned in period `periods`, or still active after `periods` periods. */
export interface Tenure {
  periods: number;
  churned: boolean;
  count?: number;
}

export interface RetentionOptions {
  /** Periods to project (default 12). */
  horizon?: number;
  /** Per-period discount rate for DERL (default 0.1). */
  discountRate?: number;
  /** Renewals made, for which DERL is reported (default [0, 1, 2, 3, 4]). */
  renewals?: number[];
}

export interface RetentionReport {
  fit: ModelFit;
  /** S(1)…S(horizon): share of a new cohort still active. */
  survival: number[];
  /** r(1)…r(horizon): share of those active who renew. */
  retention: number[];
  /** Discounted expected residual lifetime (payments, the next one undiscounted) with a 95 % interval. */
  derl: { renewals: number; value: number; interval: [number, number] }[];
  discountRate: number;
  method: string;
}

export interface BgBbCustomer {
  frequency: number;
  recency: number;
  opportunities: number;
}

export interface BgBbReport {
  fit: ModelFit;
  future: number;
  probabilityAlive: number[];
  expectedPurchases: number[];
  intervals: { probabilityAlive: [number, number][]; expectedPurchases: [number, number][] };
  method: string;
}

function request(body: object, call: (mod: SelfCrmCompanyModule, pointer: number, bytes: number) => string): unknown {
  const mod = companyWasm();
  return withBytes(JSON.stringify(body), (pointer, bytes) => unwrap(call(mod, pointer, bytes)), mod);
}

/**
 * Shifted-beta-geometric retention (Fader & Hardie 2007) from a cohort's survivor counts
 * (`[1000, 631, 468, …]`) or from tenures: parameters with standard errors, the projected
 * survival and retention curves, and DERL with delta-method intervals.
 * @throws SelfCrmError `E_SCHEMA`/`E_RANGE` with the path of a bad value (`/survivors/3`).
 */
export function fitRetention(data: { survivors: number[] } | { tenures: Tenure[] }, options: RetentionOptions = {}): RetentionReport {
  if (typeof data !== 'object' || data === null) throw new SelfCrmError('E_SCHEMA', 'data must be { survivors } or { tenures }');
  return request({ ...data, ...options }, (mod, p, n) => mod.sbgReport(p, n)) as RetentionReport;
}

/**
 * BG/BB (Fader, Hardie & Shang 2010) for customers with discrete opportunities: parameters with
 * standard errors, and per customer P(alive) at the next opportunity and expected transactions in
 * the next `future` opportunities (default 10), each with a 95 % delta-method interval.
 * @throws SelfCrmError `E_SCHEMA`/`E_RANGE` with the path of a bad value (`/customers/2/recency`).
 */
export function fitBgBb(customers: BgBbCustomer[], options: { future?: number } = {}): BgBbReport {
  if (!Array.isArray(customers)) throw new SelfCrmError('E_SCHEMA', 'customers must be an array', '/customers');
  return request({ customers, ...options }, (mod, p, n) => mod.bgbbReport(p, n)) as BgBbReport;
}
