// Summaries of a company's transaction export (many customers' lines): company-side, computed in
// the company module like the fits that use them.
import { companyWasm } from '../runtime/company_loader.js';
import { SelfCrmError, unwrap, type LineReject } from '../runtime/errors.js';
import { withBytes } from '../runtime/heap.js';
import { checkOptions } from '../runtime/options.js';
import { asOfIso, type AsOf } from '../runtime/time.js';
import { baseText } from './fit.js';
import { checkNdjson, summaryKeys, type CustomerSummaries, type ModelSpec, type Ndjson, type RfmSummary } from './model.js';

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
  const mod = companyWasm();
  const raw = withBytes(transactions, (pointer, bytes) =>
    unwrap<{ customerIds: string[]; recencyDays: number[]; frequency: number[]; monetary: number[]; linesUsed: number; rejects: LineReject[] }>(
      mod.rfmSummary(pointer, bytes, asOf, monetary),
    ), mod);
  return {
    customerIds: raw.customerIds,
    recencyDays: Float64Array.from(raw.recencyDays),
    frequency: Float64Array.from(raw.frequency),
    monetary: Float64Array.from(raw.monetary),
    linesUsed: raw.linesUsed,
    rejects: raw.rejects,
  };
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
  const base = baseText(o.model, 'model');
  const mod = companyWasm();
  const raw = withBytes(transactions, (pointer, bytes) =>
    unwrap<Omit<CustomerSummaries, 'frequency' | 'recency' | 'age' | 'monetary'> & Record<(typeof summaryKeys)[number], number[]>>(
      mod.transactionSummaries(base, pointer, bytes, asOf),
    ), mod);
  return {
    ...raw,
    frequency: Float64Array.from(raw.frequency),
    recency: Float64Array.from(raw.recency),
    age: Float64Array.from(raw.age),
    monetary: Float64Array.from(raw.monetary),
  };
}
