// The one way a time crosses into the package: `AsOf`, a Date, epoch milliseconds (like
// Date.now()) or an ISO-8601 string. Every call that takes `asOf` or `now` reads it here.
import { SelfCrmError } from './errors.js';

/** A point in time: a Date, epoch milliseconds, or an ISO-8601 string. */
export type AsOf = Date | number | string;

// A string starts with an ISO-8601 calendar date that exists, as the engine reads every record's
// time: Date.parse rolls 2026-02-30 over to March 2, and reads formats no record may use.
const isoCalendar = /^\d{4}-\d{2}-\d{2}($|T)/;
function realDate(text: string): boolean {
  const [y, m, d] = [Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))];
  const day = new Date(Date.UTC(y, m - 1, d));
  return y >= 1000 && day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** Epoch milliseconds of `value`. @throws SelfCrmError E_SCHEMA (wrong type) or E_RANGE (no valid time) at `path`. */
function millisOf(value: unknown, path: string): number {
  const name = path.slice(path.lastIndexOf('/') + 1) || 'the time';
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') ms = isoCalendar.test(value) && realDate(value) ? Date.parse(value) : NaN;
  else throw new SelfCrmError('E_SCHEMA', `${name} must be a Date, epoch milliseconds or an ISO-8601 string`, path);
  if (!Number.isFinite(ms)) throw new SelfCrmError('E_RANGE', `${name} is not a valid time: ${String(value)}`, path);
  return ms;
}

/** `value` (default: now) as a Date. @internal */
export function dateOf(value: unknown, path: string): Date {
  return value === undefined ? new Date() : new Date(millisOf(value, path));
}

/** Whole seconds since the epoch of `asOf` (default: now). @internal */
export function asOfSeconds(asOf: unknown, path = '/asOf'): number {
  return Math.floor((asOf === undefined ? Date.now() : millisOf(asOf, path)) / 1000);
}

/**
 * `asOf` as the ISO-8601 text the engine parses ('' when undefined: the engine's own default).
 * Strings pass through unchanged, so the engine's strict calendar checks still apply to them. @internal
 */
export function asOfIso(asOf: unknown, path = '/asOf'): string {
  if (asOf === undefined) return '';
  if (typeof asOf === 'string') return asOf;
  return new Date(millisOf(asOf, path)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
