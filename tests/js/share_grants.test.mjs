import assert from 'node:assert/strict';
import { test } from 'node:test';

import { changeGrant, checkGrants, claimSourceFromObjects, createGrant, isGrantActive, revokeGrant, SelfCrmError } from 'selfcrm';
import { derived, now, other, profile, shop } from './share_fixtures.mjs';

const fails = (fn, code, path) =>
  assert.throws(fn, (e) => e instanceof SelfCrmError && e.code === code && e.path === path, `${code} at ${path}`);

test('a grant defaults to owned and records when it was made', () => {
  const { grants, grant } = createGrant([], { recipient: shop, claim: '/personal/name', purpose: 'delivery' }, { now });
  assert.equal(grant.level, 'owned');
  assert.equal(grant.createdAt, '2026-11-22T12:00:00.000Z');
  assert.equal(grant.expiresAt, null);
  assert.equal(grant.revokedAt, null);
  assert.match(grant.id, /^[A-Za-z0-9_-]{22}$/);
  assert.deepEqual(grants, [grant]);
});

test('bad grants are rejected with the code and path of the bad field', () => {
  const base = { recipient: shop, claim: 'persona', level: 'copied', purpose: 'recommendations' };
  fails(() => createGrant([], { ...base, claim: 'salary' }), 'E_SCHEMA', '/claim');
  fails(() => createGrant([], { ...base, claim: '/a/~2' }), 'E_SCHEMA', '/claim');
  fails(() => createGrant([], { ...base, level: 'sold' }), 'E_SCHEMA', '/level');
  fails(() => createGrant([], { ...base, purpose: '  ' }), 'E_SCHEMA', '/purpose');
  fails(() => createGrant([], { ...base, recipient: { ...shop, origin: 'https://shop.example/path' } }), 'E_SCHEMA', '/recipient/origin');
  fails(() => createGrant([], { ...base, recipient: { ...shop, id: 7 } }), 'E_SCHEMA', '/recipient/id');
  fails(() => createGrant([], { ...base, level: 'borrowed' }), 'E_SCHEMA', '/expiresAt');
  fails(() => createGrant([], { ...base, expiresAt: '2026-02-30T00:00:00Z' }), 'E_RANGE', '/expiresAt');
  fails(() => createGrant([], { ...base, expiresAt: 'tomorrow' }), 'E_SCHEMA', '/expiresAt');
  fails(() => createGrant([], { ...base, extra: 1 }), 'E_SCHEMA', '/extra');
  fails(() => createGrant([{ nope: true }], base), 'E_SCHEMA', '/grants/0/nope');
});

test('one live grant per recipient and claim; another recipient may have its own', () => {
  const first = createGrant([], { recipient: shop, claim: 'persona', level: 'copied', purpose: 'a' }, { now });
  fails(() => createGrant(first.grants, { recipient: shop, claim: 'persona', level: 'borrowed', purpose: 'b', expiresAt: '2027-01-01T00:00:00Z' }), 'E_CONFLICT', '/grants/1');
  const second = createGrant(first.grants, { recipient: other, claim: 'persona', level: 'copied', purpose: 'a' }, { now });
  assert.equal(second.grants.length, 2);
});

test('changing and revoking return new lists and leave the old one untouched', () => {
  const { grants, grant } = createGrant([], { recipient: shop, claim: 'band:clv', level: 'copied', purpose: 'offers' }, { now });
  const later = new Date('2026-11-23T00:00:00Z');
  const changed = changeGrant(grants, grant.id, { level: 'borrowed', expiresAt: '2026-12-01T00:00:00Z' }, { now: later });
  assert.equal(changed.grant.level, 'borrowed');
  assert.equal(changed.grant.updatedAt, '2026-11-23T00:00:00.000Z');
  assert.equal(changed.previous.level, 'copied');
  assert.equal(grants[0].level, 'copied');
  fails(() => changeGrant(grants, grant.id, { level: 'borrowed' }), 'E_SCHEMA', '/expiresAt');
  fails(() => changeGrant(grants, grant.id, { claim: 'persona' }), 'E_SCHEMA', '/claim');
  fails(() => changeGrant(grants, 'missing', { purpose: 'x' }), 'E_NOT_FOUND', '/id');

  const revoked = revokeGrant(changed.grants, grant.id, { now: later });
  assert.equal(revoked.grant.revokedAt, '2026-11-23T00:00:00.000Z');
  assert.equal(revoked.grants.length, 1, 'the revoked grant stays as the record of its revocation');
  assert.equal(isGrantActive(revoked.grant, later), false);
  fails(() => revokeGrant(revoked.grants, grant.id), 'E_CONFLICT', '/id');
  fails(() => changeGrant(revoked.grants, grant.id, { purpose: 'y' }), 'E_CONFLICT', '/id');
  // After revocation a new grant for the same claim is allowed.
  assert.equal(createGrant(revoked.grants, { recipient: shop, claim: 'band:clv', purpose: 'z' }).grants.length, 2);
});

test('a grant past its expiry is not active', () => {
  const { grant } = createGrant([], { recipient: shop, claim: 'persona', level: 'borrowed', purpose: 'p', expiresAt: '2026-11-22T12:00:01Z' }, { now });
  assert.equal(isGrantActive(grant, now), true);
  assert.equal(isGrantActive(grant, new Date('2026-11-22T12:00:01Z')), false);
});

test('checkGrants validates stored grants and duplicate ids', () => {
  const { grants } = createGrant([], { recipient: shop, claim: 'persona', purpose: 'p' }, { now });
  assert.deepEqual(checkGrants(JSON.parse(JSON.stringify(grants))), grants);
  fails(() => checkGrants([grants[0], { ...grants[0], claim: '/x' }]), 'E_CONFLICT', '/grants/1/id');
  fails(() => checkGrants({}), 'E_SCHEMA', '/grants');
});

test('a claim source resolves pointers and derived labels, and refuses non-scalar derived values', async () => {
  const source = claimSourceFromObjects(profile, derived);
  assert.equal(await source.resolve('/personal/name'), 'Ada Lovelace');
  assert.equal(await source.resolve('/identities/email/primary'), 'ada@example.org');
  assert.equal(await source.resolve('/history/transactions/1/amount'), 80);
  assert.equal(await source.resolve('/personal/missing'), undefined);
  assert.equal(await source.resolve('segment:evangelist'), true);
  assert.equal(await source.resolve('segment:other'), undefined);
  fails(() => claimSourceFromObjects(profile, { persona: { history: [1, 2] } }), 'E_SCHEMA', '/derived/persona');
  fails(() => claimSourceFromObjects(profile, { salary: 1 }), 'E_SCHEMA', '/derived/salary');
});
