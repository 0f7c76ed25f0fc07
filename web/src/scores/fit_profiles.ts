// Fitting a model from profiles (what customers shared) rather than a transaction export: the
// core turns each profile's purchases into transaction lines, and every reject points back at the
// profile line and the record inside it (scores::fitModelFromProfiles).
import { SelfCrmError, unwrap, type LineReject } from '../runtime/errors.js';
import { withBytes } from '../runtime/heap.js';
import { wasm } from '../runtime/loader.js';
import type { AsOf } from '../runtime/time.js';
import { fitWith, type FitResult, type ModelSpec } from './model.js';

/**
 * Fits a model (RFM quintiles, BG/NBD, Gamma-Gamma, margin rate) from NDJSON profiles: one vault
 * document or bare profile per line, its `history.transactions` used. Lines that are not JSON
 * objects, or purchases the fitter rejects, come back as rejects with the profile's line number
 * and the record's path (`/history/transactions/2/at`).
 */
export function fitModelFromProfiles(
  ndjson: string | Uint8Array,
  options?: { asOf?: AsOf; base?: ModelSpec; firstLine?: number },
): FitResult & { profiles: number } {
  const first = options?.firstLine ?? 1;
  if (!Number.isSafeInteger(first) || first < 0) throw new SelfCrmError('E_SCHEMA', 'firstLine must be a whole number', '/firstLine');
  try {
    const { profiles, ...fit } = fitWith<FitResult & { profiles: number }>(ndjson, options, (handle, pointer, bytes, asOf) =>
      unwrap(handle.fitProfiles(pointer, bytes, first, asOf)));
    return { ...fit, profiles };
  } catch (e) {
    if (!(e instanceof SelfCrmError) || e.code !== 'E_EMPTY' || e.rejects) throw e;
    // Nothing was usable: say why for each line that is not one JSON value (the core's reader).
    const rejects = unwrap<LineReject[]>(withBytes(ndjson, (p, n) => wasm().jsonLineRejects(p, n, first)));
    throw new SelfCrmError(e.code, e.message, e.path, rejects);
  }
}
