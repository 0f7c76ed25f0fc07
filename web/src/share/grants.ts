// Grants: which recipient may receive which claim, at which level, for what, until when. The
// public way to change grants is `vault.grant/changeGrant/revoke` (or `Sharing`), which record each
// change in the ledger; the `with…Grant` steps here are theirs, pure over an array (the vault
// document's `grants`): each returns a new array, so a failed call changes nothing.
import { SelfCrmError } from '../runtime/errors.js';
import { checkClaimName } from './claims.js';
import { base64url, isPlainObject, randomBytes } from './encoding.js';
import { canonicalJson } from './jcs.js';
import { checkInstant, nowOf } from './time.js';
import { dateOf, type AsOf } from '../runtime/time.js';

/**
 * How far a claim may travel, from the product's data taxonomy:
 * - `owned`: nothing leaves the device (the default);
 * - `copied`: the recipient may keep a copy;
 * - `borrowed`: the recipient may use it for the stated purpose until the expiry and must not keep
 *   it (the packet carries `retention: "none"` and the expiry as machine-readable terms);
 * - `displayed`: the library shows it to the customer on the company's page; it is never put in a
 *   packet or handed to the company's code.
 */
export type GrantLevel = 'owned' | 'copied' | 'borrowed' | 'displayed';
export const grantLevels: readonly GrantLevel[] = ['owned', 'copied', 'borrowed', 'displayed'];

/** Who receives: a stable id (the packet's `aud`), a name to show the customer, a web origin. */
export interface Recipient {
  id: string;
  displayName: string;
  /** Serialised web origin, e.g. `https://shop.example`. */
  origin: string;
}

/** One grant as the vault document stores it (its `grants` array). */
export interface Grant {
  id: string;
  recipient: Recipient;
  claim: string;
  level: GrantLevel;
  purpose: string;
  createdAt: string;
  updatedAt: string;
  /** When the grant ends; `null` for no end (not allowed for `borrowed`). */
  expiresAt: string | null;
  /** When it was revoked; revoked grants stay in the list as the record of it. */
  revokedAt: string | null;
}

/** What a caller gives to create a grant; `level` defaults to `owned`. */
export interface GrantInput {
  recipient: Recipient;
  claim: string;
  level?: GrantLevel;
  purpose: string;
  expiresAt?: string | null;
}

/** The fields a change may set. */
export interface GrantChanges {
  level?: GrantLevel;
  purpose?: string;
  expiresAt?: string | null;
}

export interface GrantOptions {
  now?: AsOf;
}

function checkText(value: unknown, path: string, what: string, max = 200): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new SelfCrmError('E_SCHEMA', `${what} must be a non-empty string of at most ${max} characters`, path);
  }
  return value;
}

/** Validates a recipient; E_SCHEMA with the path of the bad field. */
export function checkRecipient(value: unknown, path = '/recipient'): Recipient {
  if (!isPlainObject(value)) throw new SelfCrmError('E_SCHEMA', 'a recipient must be an object', path);
  for (const key of Object.keys(value)) {
    if (!['id', 'displayName', 'origin'].includes(key)) throw new SelfCrmError('E_SCHEMA', 'unknown field', `${path}/${key}`);
  }
  const id = checkText(value.id, `${path}/id`, 'a recipient id');
  const displayName = checkText(value.displayName, `${path}/displayName`, 'a display name');
  const origin = checkText(value.origin, `${path}/origin`, 'an origin');
  let parsed: URL | undefined;
  try {
    parsed = new URL(origin);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.origin !== origin || !['https:', 'http:'].includes(parsed.protocol)) {
    throw new SelfCrmError('E_SCHEMA', 'an origin is scheme://host[:port] with no path, e.g. https://shop.example', `${path}/origin`);
  }
  return { id, displayName, origin };
}

function checkLevel(value: unknown, path: string): GrantLevel {
  if (!grantLevels.includes(value as GrantLevel)) {
    throw new SelfCrmError('E_SCHEMA', 'a level is owned, copied, borrowed or displayed', path);
  }
  return value as GrantLevel;
}

/** The longest a borrowed claim may be lent for, from when the grant is made or changed (verifiers hold packets to it too). */
export const maxBorrowedSeconds = 366 * 86_400;

// `now` is given when the grant is being made or changed: stored grants keep the term they were given.
function checkExpiry(value: unknown, level: GrantLevel, path: string, now?: Date): string | null {
  if (value === null || value === undefined) {
    if (level === 'borrowed') throw new SelfCrmError('E_SCHEMA', 'a borrowed claim needs an expiry', path);
    return null;
  }
  const instant = checkInstant(value, path);
  if (now && level === 'borrowed' && Date.parse(instant) - now.getTime() > maxBorrowedSeconds * 1000) {
    throw new SelfCrmError('E_RANGE', `a borrowed claim is lent for at most ${maxBorrowedSeconds / 86_400} days`, path);
  }
  return instant;
}

/** Validates one stored grant (e.g. read back from the vault document). */
export function checkGrant(value: unknown, path = ''): Grant {
  if (!isPlainObject(value)) throw new SelfCrmError('E_SCHEMA', 'a grant must be an object', path);
  const known = ['id', 'recipient', 'claim', 'level', 'purpose', 'createdAt', 'updatedAt', 'expiresAt', 'revokedAt'];
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new SelfCrmError('E_SCHEMA', 'unknown field', `${path}/${key}`);
  }
  const level = checkLevel(value.level, `${path}/level`);
  return {
    id: checkText(value.id, `${path}/id`, 'a grant id', 64),
    recipient: checkRecipient(value.recipient, `${path}/recipient`),
    claim: checkClaimName(value.claim, `${path}/claim`),
    level,
    purpose: checkText(value.purpose, `${path}/purpose`, 'a purpose', 500),
    createdAt: checkInstant(value.createdAt, `${path}/createdAt`),
    updatedAt: checkInstant(value.updatedAt, `${path}/updatedAt`),
    expiresAt: checkExpiry(value.expiresAt, level, `${path}/expiresAt`),
    revokedAt: value.revokedAt === null ? null : checkInstant(value.revokedAt, `${path}/revokedAt`),
  };
}

/** Validates a whole `grants` array; at most one live grant per recipient and claim (E_CONFLICT). */
export function checkGrants(value: unknown, path = '/grants'): Grant[] {
  if (!Array.isArray(value)) throw new SelfCrmError('E_SCHEMA', 'grants must be an array', path);
  const grants = value.map((g, i) => checkGrant(g, `${path}/${i}`));
  const seen = new Set<string>();
  const live = new Set<string>();
  grants.forEach((g, i) => {
    if (seen.has(g.id)) throw new SelfCrmError('E_CONFLICT', 'two grants have this id', `${path}/${i}/id`);
    seen.add(g.id);
    if (g.revokedAt !== null) return;
    const key = JSON.stringify([g.recipient.id, g.claim]);
    if (live.has(key)) throw new SelfCrmError('E_CONFLICT', 'a live grant for this recipient and claim already exists', `${path}/${i}`);
    live.add(key);
  });
  return grants;
}

/** True when the grant is neither revoked nor past its expiry at `now` (default: the clock). */
export function isGrantActive(grant: Grant, now?: AsOf): boolean {
  return grant.revokedAt === null && (grant.expiresAt === null || Date.parse(grant.expiresAt) > dateOf(now, '/now').getTime());
}

/**
 * `grants` with a new grant added (`Sharing.grant`'s step). @returns the new list and the grant. @internal
 * @throws SelfCrmError E_SCHEMA/E_RANGE with the path of the bad field; E_CONFLICT when a live grant
 *   for the same recipient and claim exists (change it instead).
 */
export function withNewGrant(grants: readonly Grant[], input: GrantInput, options?: GrantOptions): { grants: Grant[]; grant: Grant } {
  const current = checkGrants(grants);
  if (!isPlainObject(input)) throw new SelfCrmError('E_SCHEMA', 'a grant must be an object', '');
  for (const key of Object.keys(input)) {
    if (!['recipient', 'claim', 'level', 'purpose', 'expiresAt'].includes(key)) throw new SelfCrmError('E_SCHEMA', 'unknown field', `/${key}`);
  }
  const at = nowOf(options);
  const now = at.toISOString();
  const level = input.level === undefined ? 'owned' : checkLevel(input.level, '/level');
  const grant: Grant = {
    id: base64url(randomBytes(16)),
    recipient: checkRecipient(input.recipient),
    claim: checkClaimName(input.claim, '/claim'),
    level,
    purpose: checkText(input.purpose, '/purpose', 'a purpose', 500),
    createdAt: now,
    updatedAt: now,
    expiresAt: checkExpiry(input.expiresAt, level, '/expiresAt', at),
    revokedAt: null,
  };
  return { grants: checkGrants([...current, grant]), grant };
}

// Hybrid logical clock for one grant: a change is dated after the version it changes, even when
// that version came from a copy whose clock ran ahead, so the later change wins a merge.
function successorTime(previous: string, options?: GrantOptions): string {
  const now = nowOf(options).getTime();
  return new Date(Math.max(now, Date.parse(previous) + 1)).toISOString();
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Of two versions of one grant: a revoked one beats a live one (the earlier revocation of two);
// else the later change; equal times fall back to the text, so both sides pick the same.
function winner(a: Grant, b: Grant): Grant {
  if ((a.revokedAt === null) !== (b.revokedAt === null)) return a.revokedAt === null ? b : a;
  if (a.revokedAt !== null && b.revokedAt !== null && a.revokedAt !== b.revokedAt) return a.revokedAt < b.revokedAt ? a : b;
  const byTime = compareText(a.updatedAt, b.updatedAt);
  if (byTime !== 0) return byTime > 0 ? a : b;
  return compareText(canonicalJson(a), canonicalJson(b)) >= 0 ? a : b;
}

/**
 * Joins two copies' grant lists (deterministic, commutative, idempotent): by id, revocation
 * winning, else the later change. Two live grants of one recipient and claim made apart: the newer
 * stays live and the older is revoked as of the newer one's creation. Never fails on valid lists.
 * @internal `vault.merge`'s step.
 */
export function mergeGrants(a: readonly Grant[], b: readonly Grant[]): Grant[] {
  const byId = new Map<string, Grant>();
  for (const g of [...checkGrants(a), ...checkGrants(b, '/other/grants')]) {
    const seen = byId.get(g.id);
    byId.set(g.id, seen ? winner(seen, g) : g);
  }
  const out = [...byId.values()].sort((x, y) => compareText(x.createdAt, y.createdAt) || compareText(x.id, y.id));
  const live = new Map<string, number>();
  out.forEach((g, i) => {
    if (g.revokedAt !== null) return;
    const key = JSON.stringify([g.recipient.id, g.claim]);
    const older = live.get(key);
    if (older !== undefined) {
      const superseded = out[older] as Grant;
      out[older] = { ...superseded, revokedAt: laterText(superseded.createdAt, g.createdAt), updatedAt: laterText(superseded.updatedAt, g.createdAt) };
    }
    live.set(key, i);
  });
  return checkGrants(out);
}

function laterText(a: string, b: string): string {
  return a < b ? b : a;
}

function findLive(grants: Grant[], id: unknown): number {
  if (typeof id !== 'string') throw new SelfCrmError('E_SCHEMA', 'a grant id must be a string', '/id');
  const index = grants.findIndex((g) => g.id === id);
  if (index < 0) throw new SelfCrmError('E_NOT_FOUND', `no grant with id ${id}`, '/id');
  if ((grants[index] as Grant).revokedAt !== null) throw new SelfCrmError('E_CONFLICT', 'this grant was revoked', '/id');
  return index;
}

/**
 * `grants` with a live grant's level, purpose or expiry changed (`Sharing.changeGrant`'s step). @internal
 * @throws E_NOT_FOUND, E_CONFLICT (revoked), E_SCHEMA.
 */
export function withChangedGrant(
  grants: readonly Grant[],
  id: string,
  changes: GrantChanges,
  options?: GrantOptions,
): { grants: Grant[]; grant: Grant; previous: Grant } {
  const current = checkGrants(grants);
  const index = findLive(current, id);
  if (!isPlainObject(changes)) throw new SelfCrmError('E_SCHEMA', 'changes must be an object', '');
  for (const key of Object.keys(changes)) {
    if (!['level', 'purpose', 'expiresAt'].includes(key)) throw new SelfCrmError('E_SCHEMA', 'only level, purpose and expiresAt can change', `/${key}`);
  }
  const previous = current[index] as Grant;
  const level = changes.level === undefined ? previous.level : checkLevel(changes.level, '/level');
  const at = nowOf(options);
  const grant: Grant = {
    ...previous,
    level,
    purpose: changes.purpose === undefined ? previous.purpose : checkText(changes.purpose, '/purpose', 'a purpose', 500),
    expiresAt: checkExpiry('expiresAt' in changes ? changes.expiresAt : previous.expiresAt, level, '/expiresAt', at),
    updatedAt: successorTime(previous.updatedAt, options),
  };
  const next = [...current];
  next[index] = grant;
  return { grants: next, grant, previous };
}

/**
 * `grants` with a live grant revoked (`Sharing.revoke`'s step); it stays in the list with
 * `revokedAt` set. @internal @throws E_NOT_FOUND, E_CONFLICT.
 */
export function withRevokedGrant(grants: readonly Grant[], id: string, options?: GrantOptions): { grants: Grant[]; grant: Grant } {
  const current = checkGrants(grants);
  const index = findLive(current, id);
  const previous = current[index] as Grant;
  const grant: Grant = { ...previous, revokedAt: nowOf(options).toISOString(), updatedAt: successorTime(previous.updatedAt, options) };
  const next = [...current];
  next[index] = grant;
  return { grants: next, grant };
}
