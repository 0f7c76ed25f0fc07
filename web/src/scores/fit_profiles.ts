// Fitting a model from profiles (what customers shared) rather than a transaction export: the
// core turns each profile's purchases into transaction lines, and every reject points back at the
// profile line and the record inside it (scores::fitModelFromProfiles).
import { SelfCrmError, unwrap, type LineReject } from '../runtime/errors.js';
import type { SelfCrmCompanyModule } from '../selfcrm-company.mjs';
import { withBytes } from '../runtime/heap.js';
import type { AsOf } from '../runtime/time.js';
import { fitChoices, fitWith } from './fit.js';
import type { FitOptions, FitResult } from './model.js';

/**
 * Fits a model (RFM quintiles, the repeat model — `model`, default the base model's BG/NBD —,
 * Gamma-Gamma, margin rate) from NDJSON profiles: one vault document or bare profile per line, its
 * `history.transactions` used. `holdoutFrom` and `compare` as for fitModel. Runs in the company module, like fitModel. Lines that are not JSON
 * objects, or purchases the fitter rejects, come back as rejects with the profile's line number
 * and the record's path (`/history/transactions/2/at`).
 */
export function fitModelFromProfiles(
  ndjson: string | Uint8Array,
  options?: Omit<FitOptions, 'asOf'> & { asOf?: AsOf; firstLine?: number },
): FitResult & { profiles: number } {
  const first = options?.firstLine ?? 1;
  if (!Number.isSafeInteger(first) || first < 0) throw new SelfCrmError('E_SCHEMA', 'firstLine must be a whole number', '/firstLine');
  const { repeat, holdoutFrom, compare } = fitChoices(options);
  let company: SelfCrmCompanyModule | undefined;
  try {
    const { profiles, ...fit } = fitWith<FitResult & { profiles: number }>(ndjson, options, (mod, base, pointer, bytes, asOf) => {
      company = mod;
      return unwrap(mod.fitProfiles(base, pointer, bytes, first, asOf, repeat, holdoutFrom, compare));
    });
    return { ...fit, profiles };
  } catch (e) {
    if (!company || !(e instanceof SelfCrmError) || e.code !== 'E_EMPTY' || e.rejects) throw e;
    // Nothing was usable: say why for each line that is not one JSON value (the core's reader).
    const mod = company;
    const rejects = unwrap<LineReject[]>(withBytes(ndjson, (p, n) => mod.jsonLineRejects(p, n, first), mod));
    throw new SelfCrmError(e.code, e.message, e.path, rejects);
  }
}
