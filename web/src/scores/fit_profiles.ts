// Fitting a model from profiles (what customers shared) rather than a transaction export: each
// profile's purchases become transaction lines, and every reject points back at the profile line
// and the record inside it.
import { SelfCrmError, unwrap, type LineReject } from '../runtime/errors.js';
import { withBytes } from '../runtime/heap.js';
import { wasm } from '../runtime/loader.js';
import type { AsOf } from '../runtime/time.js';
import { fitModel, type FitResult, type ModelSpec } from './model.js';

interface Origin {
  line: number;
  path: string;
}

function profileLines(ndjson: string | Uint8Array): string[] {
  return (typeof ndjson === 'string' ? ndjson : new TextDecoder().decode(ndjson)).split('\n');
}

/**
 * Fits a model (RFM quintiles, BG/NBD, Gamma-Gamma, margin rate) from NDJSON profiles: one vault
 * document or bare profile per line, its `history.transactions` used. Lines that are not JSON
 * objects, or purchases the fitter rejects, come back as rejects with the profile's line number
 * and the record's path (`/history/transactions/2/at`).
 */
export function fitModelFromProfiles(
  ndjson: string | Uint8Array,
  options: { asOf?: AsOf; base?: ModelSpec; firstLine?: number } = {},
): FitResult & { profiles: number } {
  const first = options.firstLine ?? 1;
  const rejects: LineReject[] = [];
  const origins: Origin[] = [];
  let lines = '';
  let profiles = 0;
  // Lines are read by the core's JSON reader first, as profiles are everywhere else: a repeated
  // key, a number out of range or a cut line is refused with its path.
  rejects.push(...unwrap<LineReject[]>(withBytes(ndjson, (p, n) => wasm().jsonLineRejects(p, n, first))));
  const refused = new Set(rejects.map((r) => r.line));
  profileLines(ndjson).forEach((raw, k) => {
    const line = first + k;
    if (raw.trim() === '' || refused.has(line)) return;
    const doc: unknown = JSON.parse(raw);
    const profile = doc as { id?: unknown; history?: { transactions?: unknown } };
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || typeof profile.id !== 'string') {
      rejects.push({ line, code: 'E_SCHEMA', path: '/id', message: 'a profile is an object with a string id' });
      return;
    }
    const transactions = profile.history?.transactions ?? [];
    if (!Array.isArray(transactions)) {
      rejects.push({ line, code: 'E_SCHEMA', path: '/history/transactions', message: 'transactions must be an array' });
      return;
    }
    ++profiles;
    transactions.forEach((t: { at?: unknown; amount?: unknown; margin?: unknown }, i) => {
      lines += `${JSON.stringify({ customerId: profile.id, at: t?.at, amount: t?.amount, margin: t?.margin ?? 0 })}\n`;
      origins.push({ line, path: `/history/transactions/${i}` });
    });
  });
  // A purchase's reject points at its profile line and the record inside it.
  const placed = (list: LineReject[]) => {
    for (const r of list) {
      const origin = origins[r.line - 1];
      rejects.push(origin ? { ...r, line: origin.line, path: `${origin.path}${r.path}` } : r);
    }
    return rejects.sort((a, b) => a.line - b.line);
  };
  let result: FitResult;
  try {
    result = fitModel(lines, { ...(options.asOf === undefined ? {} : { asOf: options.asOf }), ...(options.base ? { base: options.base } : {}) });
  } catch (e) {
    if (!(e instanceof SelfCrmError) || e.code !== 'E_EMPTY') throw e;
    throw new SelfCrmError(e.code, e.message, e.path, placed(e.rejects ?? []));
  }
  return { ...result, rejects: placed(result.rejects), profiles };
}
