// JSON Canonicalization Scheme (RFC 8785) for the values the ledger holds: objects with keys
// sorted by UTF-16 code units, arrays in order, no whitespace, strings and numbers exactly as
// ECMAScript's JSON.stringify writes them (RFC 8785 adopts that serialisation). The tests check it
// against the `canonicalize` package.
import { SelfCrmError } from '../runtime/errors.js';

// With the u flag this matches only unpaired surrogates, which I-JSON (and so RFC 8785) forbids.
const loneSurrogate = /[\uD800-\uDFFF]/u;

function text(value: string, path: string): string {
  if (loneSurrogate.test(value)) throw new SelfCrmError('E_SCHEMA', 'a string holds an unpaired surrogate', path);
  return JSON.stringify(value);
}

/** The RFC 8785 canonical form of a JSON value; non-JSON values throw E_SCHEMA. */
export function canonicalJson(value: unknown, path = ''): string {
  if (typeof value === 'string') return text(value, path);
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
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
      .map((k) => {
        const at = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        return `${text(k, at)}:${canonicalJson(record[k], at)}`;
      });
    return `{${members.join(',')}}`;
  }
  throw new SelfCrmError('E_SCHEMA', `a ${typeof value} is not JSON`, path);
}
