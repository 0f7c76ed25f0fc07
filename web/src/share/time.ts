// Instants in grants and the ledger are ISO-8601 UTC strings ("2026-11-22T16:00:00.000Z");
// packets carry whole seconds (JWT NumericDate).
import { SelfCrmError } from '../runtime/errors.js';
import { dateOf, type AsOf } from '../runtime/time.js';

const isoPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

// Grant lists are re-validated on every change, so the same instants come back again and again:
// remember the ones already checked (bounded, cleared when full).
const checked = new Map<string, string>();

/** Normalises an ISO-8601 UTC instant; E_SCHEMA for another type, E_RANGE for a non-date. */
export function checkInstant(value: unknown, path: string): string {
  const known = typeof value === 'string' ? checked.get(value) : undefined;
  if (known !== undefined) return known;
  if (typeof value !== 'string' || !isoPattern.test(value)) {
    throw new SelfCrmError('E_SCHEMA', 'an instant is an ISO-8601 UTC string such as 2026-01-31T12:00:00Z', path);
  }
  const ms = Date.parse(value);
  // Date.parse rolls 2026-02-30 over to March: compare the calendar date back.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value.slice(0, 10)) {
    throw new SelfCrmError('E_RANGE', 'not a calendar date', path);
  }
  const normal = new Date(ms).toISOString();
  if (checked.size >= 4096) checked.clear();
  checked.set(value, normal);
  return normal;
}

/** The `now` option as a Date: the given one (checked), else the clock. */
export function nowOf(options: { now?: AsOf } | undefined, path = '/now'): Date {
  return dateOf(options?.now, path);
}

export function toSeconds(date: Date | string): number {
  return Math.floor((typeof date === 'string' ? Date.parse(date) : date.getTime()) / 1000);
}
