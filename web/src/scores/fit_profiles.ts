// Fitting a model from profiles (what customers shared) rather than a transaction export: each
// profile's purchases become transaction lines, and every reject points back at the profile line
// and the record inside it.
import type { LineReject } from '../runtime/errors.js';
import { fitModel, type FitOptions, type FitResult } from './model.js';

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
  options: FitOptions & { firstLine?: number } = {},
): FitResult & { profiles: number } {
  const first = options.firstLine ?? 1;
  const rejects: LineReject[] = [];
  const origins: Origin[] = [];
  let lines = '';
  let profiles = 0;
  profileLines(ndjson).forEach((raw, k) => {
    const line = first + k;
    if (raw.trim() === '') return;
    let doc: unknown;
    try {
      doc = JSON.parse(raw);
    } catch {
      rejects.push({ line, code: 'E_PARSE', path: '', message: 'the line is not valid JSON' });
      return;
    }
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
  const { firstLine: _first, ...fitOptions } = options;
  const result = fitModel(lines, fitOptions);
  for (const r of result.rejects) {
    const origin = origins[r.line - 1];
    rejects.push(origin ? { ...r, line: origin.line, path: `${origin.path}${r.path}` } : r);
  }
  rejects.sort((a, b) => a.line - b.line);
  return { ...result, rejects, profiles };
}
