// What a verifier accepts before it spends anything on a packet: a stranger's bytes are checked
// against these bounds first, so an unsigned 50 MB payload or 40,000 disclosures cost nothing.
import { SelfCrmError } from '../runtime/errors.js';
import { isPlainObject } from './encoding.js';

/** Bounds a verifier checks before parsing or hashing; each can be raised per call. */
export interface VerifyLimits {
  /** Characters in the whole packet (default 1 MiB: ~1,000 typical claims). */
  maxPacketLength: number;
  /** Disclosures in a packet, and entries in its `_sd` and `terms` (default 1000). */
  maxDisclosures: number;
  /** Characters in the base64url JWS header (default 4096). */
  maxHeaderLength: number;
  /** Characters in a claim name (default 256, the grant rules' bound). */
  maxClaimNameLength: number;
}

export const defaultVerifyLimits: Readonly<VerifyLimits> = Object.freeze({
  maxPacketLength: 1 << 20,
  maxDisclosures: 1000,
  maxHeaderLength: 4096,
  maxClaimNameLength: 256,
});

/** `defaults` overridden by `given`; E_RANGE (at `<path>/<name>`) for a bad bound or E_SCHEMA for an unknown one. */
export function resolveLimits<T extends object>(given: unknown, defaults: Readonly<T>, path = '/limits'): T {
  if (given === undefined) return { ...defaults };
  if (!isPlainObject(given)) throw new SelfCrmError('E_SCHEMA', 'limits must be an object', path);
  const out = { ...defaults } as Record<string, number>;
  for (const [name, value] of Object.entries(given)) {
    if (!Object.prototype.hasOwnProperty.call(defaults, name)) throw new SelfCrmError('E_SCHEMA', 'unknown limit', `${path}/${name}`);
    if (!Number.isSafeInteger(value) || (value as number) < 1) throw new SelfCrmError('E_RANGE', 'a limit is a positive integer', `${path}/${name}`);
    out[name] = value as number;
  }
  return out as T;
}

/** The defaults overridden by `given` (see resolveLimits). */
export const resolveVerifyLimits = (given: unknown, path = '/limits'): VerifyLimits => resolveLimits(given, defaultVerifyLimits, path);

/** Occurrences of `char` in `text`, stopping once past `max` (so counting costs no more than the bound allows). */
export function countUpTo(text: string, char: string, max: number): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1 && count <= max; at = text.indexOf(char, at + 1)) ++count;
  return count;
}
