// JSON Canonicalization Scheme (RFC 8785) for the values the ledger holds: objects with keys
// sorted by UTF-16 code units, arrays in order, no whitespace, strings and numbers exactly as
// ECMAScript's JSON.stringify writes them (RFC 8785 adopts that serialisation). The tests check it
// against the `canonicalize` package.
import { SelfCrmError } from '../errors.js';

/** The RFC 8785 canonical form of a JSON value; non-JSON values throw E_SCHEMA. */
export function canonicalJson(value: unknown, path = ''): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new SelfCrmError('E_SCHEMA', 'numbers must be finite', path);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v, i) => canonicalJson(v, `${path}/${i}`)).join(',')}]`;
  if (typeof value === 'object') {
    // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires.
    const keys = Object.keys(value as object).sort();
    const record = value as Record<string, unknown>;
    const members = keys
      .filter((k) => record[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k], `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)}`);
    return `{${members.join(',')}}`;
  }
  throw new SelfCrmError('E_SCHEMA', `a ${typeof value} is not JSON`, path);
}
