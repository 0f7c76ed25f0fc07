import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkGrants, claimSourceFromObjects, createKeyPair, isGrantActive, SelfCrmError, Sharing } from 'selfcrm';
import { derived, now, other, profile, shop } from './share_fixtures.mjs';

// Grants change one way: `grant`, `changeGrant`, `revoke` of a Sharing (or of a Vault, which holds
// one), each recording the change in the ledger; a refused change leaves grants and ledger as they were.
const keyPair = await createKeyPair();
const open = (document) => Sharing.open({ keyPair, claims: claimSourceFromObjects(profile, derived), ...(document ? { document } : {}) });
const isError = (code, path) => (e) => e instanceof SelfCrmError && e.code === code && e.path === path;
const fails = (fn, code, path) => assert.throws(fn, isError(code, path), `${code} at ${path}`);

/** `promise` is refused with `code` at `path`, and `sharing` is exactly as before. */
async function refused(sharing, promise, code, path) {
  const before = sharing.toJSON();
  await assert.rejects(promise, isError(code, path), `${code} at ${path}`);
  assert.deepEqual(sharing.toJSON(), before, `refused (${code} at ${path}): nothing changed or recorded`);
}

const recorded = (sharing) => sharing.ledger().list().map((e) => [e.type, e.grantId, e.claims[0].level, e.claims[0].purpose, e.at]);

test('a grant defaults to owned, records when it was made, and is in the ledger', async () => {
  const sharing = await open();
  const grant = await sharing.grant({ recipient: shop, claim: '/personal/name', purpose: 'delivery' }, { now });
  assert.equal(grant.level, 'owned');
  assert.equal(grant.createdAt, '2026-11-22T12:00:00.000Z');
  assert.equal(grant.expiresAt, null);
  assert.equal(grant.revokedAt, null);
  assert.match(grant.id, /^[A-Za-z0-9_-]{22}$/);
  assert.deepEqual(sharing.grants(), [grant]);
  assert.deepEqual(recorded(sharing), [['grant', grant.id, 'owned', 'delivery', '2026-11-22T12:00:00.000Z']]);
  assert.deepEqual(sharing.ledger().list()[0].recipient, shop);
  assert.equal((await sharing.ledger().verify()).valid, true);
});

test('bad grants are rejected with the code and path of the bad field, and nothing is recorded', async () => {
  const sharing = await open();
  const base = { recipient: shop, claim: 'persona', level: 'copied', purpose: 'recommendations' };
  await refused(sharing, sharing.grant({ ...base, claim: 'salary' }), 'E_SCHEMA', '/claim');
  await refused(sharing, sharing.grant({ ...base, claim: '/a/~2' }), 'E_SCHEMA', '/claim');
  await refused(sharing, sharing.grant({ ...base, level: 'sold' }), 'E_SCHEMA', '/level');
  await refused(sharing, sharing.grant({ ...base, purpose: '  ' }), 'E_SCHEMA', '/purpose');
  await refused(sharing, sharing.grant({ ...base, recipient: { ...shop, origin: 'https://shop.example/path' } }), 'E_SCHEMA', '/recipient/origin');
  await refused(sharing, sharing.grant({ ...base, recipient: { ...shop, id: 7 } }), 'E_SCHEMA', '/recipient/id');
  await refused(sharing, sharing.grant({ ...base, level: 'borrowed' }), 'E_SCHEMA', '/expiresAt');
  await refused(sharing, sharing.grant({ ...base, expiresAt: '2026-02-30T00:00:00Z' }), 'E_RANGE', '/expiresAt');
  await refused(sharing, sharing.grant({ ...base, expiresAt: 'tomorrow' }), 'E_SCHEMA', '/expiresAt');
  await refused(sharing, sharing.grant({ ...base, extra: 1 }), 'E_SCHEMA', '/extra');
  assert.deepEqual([sharing.grants(), sharing.ledger().length()], [[], 0]);
  // A stored grant list is checked when it is opened.
  await assert.rejects(open({ grants: [{ nope: true }] }), isError('E_SCHEMA', '/grants/0/nope'));
});

test('one live grant per recipient and claim; another recipient may have its own', async () => {
  const sharing = await open();
  await sharing.grant({ recipient: shop, claim: 'persona', level: 'copied', purpose: 'a' }, { now });
  await refused(sharing, sharing.grant({ recipient: shop, claim: 'persona', level: 'borrowed', purpose: 'b', expiresAt: '2027-01-01T00:00:00Z' }), 'E_CONFLICT', '/grants/1');
  await sharing.grant({ recipient: other, claim: 'persona', level: 'copied', purpose: 'a' }, { now });
  assert.equal(sharing.grants().length, 2);
  assert.deepEqual(sharing.ledger().list().map((e) => [e.type, e.recipient.id]), [['grant', shop.id], ['grant', other.id]]);
});

test('changing and revoking update the grant in place, each recorded; earlier copies stay as they were', async () => {
  const sharing = await open();
  const grant = await sharing.grant({ recipient: shop, claim: 'band:clv', level: 'copied', purpose: 'offers' }, { now });
  const before = sharing.grants();
  const later = new Date('2026-11-23T00:00:00Z');
  const changed = await sharing.changeGrant(grant.id, { level: 'borrowed', expiresAt: '2026-12-01T00:00:00Z' }, { now: later });
  assert.equal(changed.id, grant.id);
  assert.equal(changed.level, 'borrowed');
  assert.equal(changed.updatedAt, '2026-11-23T00:00:00.000Z');
  assert.equal(changed.createdAt, grant.createdAt);
  assert.deepEqual(sharing.grants(), [changed]);
  assert.equal(before[0].level, 'copied', 'grants() gave a copy');
  await refused(sharing, sharing.changeGrant(grant.id, { level: 'owned', purpose: ' ' }), 'E_SCHEMA', '/purpose');
  await refused(sharing, sharing.changeGrant(grant.id, { expiresAt: null }), 'E_SCHEMA', '/expiresAt');
  await refused(sharing, sharing.changeGrant(grant.id, { claim: 'persona' }), 'E_SCHEMA', '/claim');
  await refused(sharing, sharing.changeGrant('missing', { purpose: 'x' }), 'E_NOT_FOUND', '/id');

  const revoked = await sharing.revoke(grant.id, { now: later });
  assert.equal(revoked.revokedAt, '2026-11-23T00:00:00.000Z');
  assert.equal(revoked.level, 'borrowed');
  assert.equal(sharing.grants().length, 1, 'the revoked grant stays as the record of its revocation');
  assert.equal(isGrantActive(revoked, later), false);
  await refused(sharing, sharing.revoke(grant.id), 'E_CONFLICT', '/id');
  await refused(sharing, sharing.changeGrant(grant.id, { purpose: 'y' }), 'E_CONFLICT', '/id');
  await refused(sharing, sharing.revoke('missing'), 'E_NOT_FOUND', '/id');
  // After revocation a new grant for the same claim is allowed.
  const again = await sharing.grant({ recipient: shop, claim: 'band:clv', purpose: 'z' }, { now: later });
  assert.equal(sharing.grants().length, 2);
  assert.deepEqual(recorded(sharing), [
    ['grant', grant.id, 'copied', 'offers', '2026-11-22T12:00:00.000Z'],
    ['change', grant.id, 'borrowed', 'offers', '2026-11-23T00:00:00.000Z'],
    ['revoke', grant.id, 'borrowed', 'offers', '2026-11-23T00:00:00.000Z'],
    ['grant', again.id, 'owned', 'z', '2026-11-23T00:00:00.000Z'],
  ]);
  assert.equal((await sharing.ledger().verify()).valid, true);
});

test('a grant past its expiry is not active', async () => {
  const sharing = await open();
  const grant = await sharing.grant({ recipient: shop, claim: 'persona', level: 'borrowed', purpose: 'p', expiresAt: '2026-11-22T12:00:01Z' }, { now });
  assert.equal(isGrantActive(grant, now), true);
  assert.equal(isGrantActive(grant, new Date('2026-11-22T12:00:01Z')), false);
});

test('checkGrants validates stored grants and duplicate ids', async () => {
  const sharing = await open();
  await sharing.grant({ recipient: shop, claim: 'persona', purpose: 'p' }, { now });
  const grants = sharing.grants();
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

test('the functions that changed grants or disclosed without a ledger record are not exported', async () => {
  const entry = await import('selfcrm');
  for (const name of ['createGrant', 'changeGrant', 'revokeGrant']) assert.equal(name in entry, false, name);
  // Disclosures only through a Sharing or the vault, which record them (issue 17 item 6).
  for (const name of ['share', 'createPresentation', 'consentItems', 'approvedClaims', 'createRevocation', 'mergeGrants']) assert.equal(name in entry, false, name);
  for (const name of ['append', 'recordGrant', 'recordShare']) assert.equal(name in entry.Ledger.prototype, false, `Ledger#${name}`);
  assert.equal('mergeEntries' in entry.Ledger, false);
  for (const name of ['share', 'present', 'consent', 'withdraw']) assert.equal(typeof entry.Sharing.prototype[name], 'function', `Sharing#${name}`);
  for (const name of ['withNewGrant', 'withChangedGrant', 'withRevokedGrant']) assert.equal(name in entry, false, `${name} stays internal`);
  assert.equal('limits' in (await import('selfcrm/company')), false);
});
