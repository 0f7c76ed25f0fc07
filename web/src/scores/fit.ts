// Fitting models from transaction lines: company-side, in the company module
// (runtime/company_loader.ts), so the customer's module only scores with a fitted model.
import { companyWasm } from '../runtime/company_loader.js';
import { SelfCrmError, unwrap, type LineReject } from '../runtime/errors.js';
import { withBytes } from '../runtime/heap.js';
import { checkOptions } from '../runtime/options.js';
import { asOfIso, type AsOf } from '../runtime/time.js';
import type { SelfCrmCompanyModule } from '../selfcrm-company.mjs';
import { checkNdjson, Model, type FitOptions, type FitResult, type ModelSpec, type Ndjson } from './model.js';

/**
 * A model option (`name`) as the company module takes it: the document's JSON text, "" for the
 * default model. The module has its own heap, so a compiled Model crosses as its document. @internal
 */
export function baseText(spec: unknown, name = 'base'): string {
  if (spec === undefined) return '';
  if (spec instanceof Model) return JSON.stringify(spec.toJSON());
  if (typeof spec === 'string') return spec;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new SelfCrmError('E_SCHEMA', `${name} must be a Model, a model document or its JSON text`, `/${name}`);
  }
  return JSON.stringify(spec);
}

/**
 * Fits a model from NDJSON transaction lines `{"customerId","at","amount","margin"}` in one call:
 * per-customer summaries, RFM quintile cut points, the repeat-purchase model's (`model`, default
 * BG/NBD) and Gamma-Gamma parameters with standard errors, a comparison of the repeat models and
 * diagnostics (`model.fit.diagnostics`: fits at a bound, flat likelihoods, no heterogeneity, too
 * few repeat buyers — each with what it means and what to do). Runs in the company module: Node
 * loads it on first use; a browser page calls `await readyCompany()` first.
 * @throws SelfCrmError `E_EMPTY` when no line is usable, `E_SCHEMA` at `/model` for an unknown
 *   model, `E_RANGE` at `/holdoutFrom` when the holdout does not fit the data;
 *   `E_EMPTY` carries every line's reason in its `rejects`.
 */
export function fitModel(transactions: Ndjson, options?: FitOptions): FitResult {
  const { repeat, holdoutFrom, compare } = fitChoices(options);
  return fitWith<FitResult>(transactions, options, (mod, base, pointer, bytes, asOf) => {
    try {
      return unwrap<FitResult>(mod.fitTransactions(base, pointer, bytes, asOf, repeat, holdoutFrom, compare));
    } catch (e) {
      if (!(e instanceof SelfCrmError) || e.code !== 'E_EMPTY' || e.path !== '') throw e;
      // Nothing was usable: say why for each line. The lines are read as the fit reads them (and
      // those after asOf refused alike); only this failure pays for the second pass.
      const read = unwrap<{ rejects: LineReject[] }>(mod.rfmSummary(pointer, bytes, asOf || '9999-12-31T23:59:59Z', 'mean'));
      throw new SelfCrmError(e.code, e.message, e.path, read.rejects);
    }
  });
}

/** The fit options as the company module takes them ("" for absent). @internal */
export function fitChoices(options: FitOptions | undefined): { repeat: string; holdoutFrom: string; compare: boolean } {
  const o = checkOptions(options);
  const holdoutFrom = asOfIso(o.holdoutFrom, '/holdoutFrom');
  const repeat = o.model ?? '';
  if (typeof repeat !== 'string') throw new SelfCrmError('E_SCHEMA', 'model must be a string', '/model');
  const compare = o.compare ?? true;
  if (typeof compare !== 'boolean') throw new SelfCrmError('E_SCHEMA', 'compare must be a boolean', '/compare');
  return { repeat, holdoutFrom, compare };
}

/**
 * One fitting call into the company module on `options.base` (default: the default model), shared
 * by fitModel and fitModelFromProfiles. @internal
 */
export function fitWith<T>(
  data: Ndjson,
  options: { asOf?: AsOf; base?: ModelSpec } | undefined,
  call: (mod: SelfCrmCompanyModule, base: string, pointer: number, bytes: number, asOf: string) => T,
): T {
  checkNdjson(data);
  const o = checkOptions(options);
  const asOf = asOfIso(o.asOf);
  const base = baseText(o.base);
  const mod = companyWasm();
  return withBytes(data, (pointer, bytes) => call(mod, base, pointer, bytes, asOf), mod);
}
