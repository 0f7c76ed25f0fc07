// Issue 24 items 2 and 3: two copies of one vault always merge, a revocation is never undone or
// blocked by a merge, diverged ledgers are joined by a merge entry (a small DAG that still
// verifies), and wrong clocks neither block a revocation nor win merges forever.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import * as selfcrm from 'selfcrm';
// vault.merge's step for grants (internal): checked commutative on its own.
import { mergeGrants } from '../../dist/share/grants.js';

const { Ledger, Vault, createKeyPair, ready } = selfcrm;
const shop = { id: 'shop', displayName: 'Shop', origin: 'https://shop.example' };
const bank = { id: 'bank', displayName: 'Bank', origin: 'https://bank.example' };
const day = (d) => new Date(Date.UTC(2026, 10, d));
const future = new Date(Date.UTC(2031, 0, 1));
const clockAt = (date) => () => date.getTime();

let keyPair;
before(async () => {
  await ready();
  keyPair = await createKeyPair();
});

// A vault with a name and one copied grant of it to the shop, and a copy of it.
async function twoCopies() {
  const a = Vault.create('v1', { clock: clockAt(day(1)) });
  a.setAttribute('personal', 'name', 'Ada');
  a.setAttribute('personal', 'city', 'London');
  const g = await a.grant({ recipient: shop, claim: '/personal/name', level: 'copied', purpose: 'delivery' }, { now: day(1) });
  await a.share(shop, { keyPair, now: day(1) });
  const b = Vault.fromJSON(a.toString(), { clock: clockAt(day(1)) });
  return { a, b, g };
}

test('a copy that revoked merges with a stale copy that changed and shared: revoked, one ledger, all operations work', async () => {
  const { a, b, g } = await twoCopies();
  await a.share(shop, { keyPair, now: day(2) });
  await a.revoke(g.id, { now: day(2) });
  await b.changeGrant(g.id, { purpose: 'delivery and offers' }, { now: day(3) });
  await b.grant({ recipient: bank, claim: '/personal/city', level: 'copied', purpose: 'kyc' }, { now: day(3) });
  await b.share(shop, { keyPair, now: day(3) });
  const textA = a.toString();
  const textB = b.toString();

  a.merge(b);
  const grants = a.grants();
  assert.equal(grants.length, 2, 'grants merge by id');
  assert.notEqual(grants.find((x) => x.id === g.id).revokedAt, null, 'the revocation wins over a later change');
  const ledger = await a.ledger();
  assert.deepEqual(await ledger.verify(), { valid: true, length: 8, head: ledger.head(), problems: [] });
  const entries = ledger.list();
  const last = entries.at(-1);
  assert.equal(last.type, 'merge');
  const heads = [Vault.fromJSON(textA, { clock: clockAt(day(9)) }), Vault.fromJSON(textB, { clock: clockAt(day(9)) })];
  const headHashes = await Promise.all(heads.map(async (v) => (await v.ledger()).head()));
  assert.deepEqual([last.prev, last.merged], headHashes.sort());

  // Afterwards everything works, and nothing discloses the revoked claim.
  await assert.rejects(a.revoke(g.id), (e) => e.code === 'E_CONFLICT' && /revoked/.test(e.message));
  const again = await a.grant({ recipient: shop, claim: '/personal/city', level: 'copied', purpose: 'delivery' }, { now: day(4) });
  const packet = await a.share(shop, { keyPair, now: day(4) });
  assert.deepEqual(packet.claims.map((c) => c.claim), ['/personal/city']);
  await a.revoke(again.id, { now: day(5) });
  assert.equal((await (await a.ledger()).verify()).valid, true);

  // The same result whichever side merges, and merging again changes nothing.
  const [a2, b2] = heads;
  b2.merge(a2);
  const once = Vault.fromJSON(textA, { clock: clockAt(day(9)) });
  once.merge(Vault.fromJSON(textB));
  assert.equal(b2.toString(), once.toString());
  const twice = Vault.fromJSON(once.toString());
  twice.merge(Vault.fromJSON(textB));
  twice.merge(Vault.fromJSON(textA));
  assert.deepEqual(twice.grants(), once.grants());
  assert.deepEqual((await twice.ledger()).list(), (await once.ledger()).list());
  for (const v of [a, b, a2, b2, once, twice]) v.dispose();
});

test('merged ledgers: a dropped merge entry, a branch entry edited, or a merge entry forged is caught', async () => {
  const { a, b, g } = await twoCopies();
  await a.revoke(g.id, { now: day(2) });
  await b.share(shop, { keyPair, now: day(3) });
  a.merge(b);
  const entries = (await a.ledger()).list();
  const kinds = async (list) => (await Ledger.verify(list)).problems.map((p) => p.kind);
  assert.deepEqual(await kinds(entries.slice(0, -1)), ['chain'], 'two heads: a branch that was never merged');
  const edited = structuredClone(entries);
  edited[2].at = '2026-11-09T00:00:00.000Z';
  assert.ok((await kinds(edited)).includes('hash'));
  const forged = structuredClone(entries);
  forged.at(-1).merged = forged[0].hash;
  assert.ok((await kinds(forged)).length > 0);
  await assert.rejects(Ledger.load([...entries, { ...entries.at(-1) }]), (e) => e.code === 'E_CONFLICT');
  a.dispose();
  b.dispose();
});

test('two live grants of one recipient and claim made apart: the newer stays, the older is revoked', async () => {
  const a = Vault.create('v2', { clock: clockAt(day(1)) });
  a.setAttribute('personal', 'name', 'Ada');
  const b = Vault.fromJSON(a.toString());
  const ga = await a.grant({ recipient: shop, claim: '/personal/name', level: 'copied', purpose: 'a' }, { now: day(2) });
  const gb = await b.grant({ recipient: shop, claim: '/personal/name', level: 'copied', purpose: 'b' }, { now: day(3) });
  a.merge(b);
  const byId = Object.fromEntries(a.grants().map((x) => [x.id, x]));
  assert.equal(byId[gb.id].revokedAt, null);
  assert.equal(byId[ga.id].revokedAt, gb.createdAt);
  assert.deepEqual(mergeGrants(b.grants(), [ga]), mergeGrants([ga], b.grants()));
  a.dispose();
  b.dispose();
});

test('a copy whose clock runs years ahead: its entries never block grant, revoke or share, and a revocation made now wins', async () => {
  const { a, b, g } = await twoCopies();
  // b's clock is in 2031: its change and share are dated then.
  await b.changeGrant(g.id, { purpose: 'from the future' }, { now: future });
  await b.share(shop, { keyPair, now: future });
  a.merge(b);
  assert.equal(a.grants()[0].purpose, 'from the future');
  // Now (2026) the customer revokes, grants and shares: nothing waits for 2031.
  const revoked = await a.revoke(g.id, { now: day(2) });
  assert.ok(revoked.updatedAt > '2031', 'the change is dated after the version it changes');
  await a.grant({ recipient: shop, claim: '/personal/city', level: 'copied', purpose: 'p' }, { now: day(2) });
  await a.share(shop, { keyPair, now: day(2) });
  assert.equal((await (await a.ledger()).verify()).valid, true);
  // The future copy merges it back: revoked stays revoked.
  b.merge(a);
  assert.notEqual(b.grants().find((x) => x.id === g.id).revokedAt, null);

  // A later change made after seeing the future version wins the merge both ways.
  const c = Vault.create('v3', { clock: clockAt(day(1)) });
  c.setAttribute('personal', 'name', 'Ada');
  const gc = await c.grant({ recipient: bank, claim: '/personal/name', level: 'copied', purpose: 'one' }, { now: day(1) });
  const ahead = Vault.fromJSON(c.toString());
  await ahead.changeGrant(gc.id, { purpose: 'two' }, { now: future });
  c.merge(ahead);
  await c.changeGrant(gc.id, { purpose: 'three' }, { now: day(2) });
  ahead.merge(c);
  assert.equal(ahead.grants()[0].purpose, 'three');
  for (const v of [a, b, c, ahead]) v.dispose();
});

test('attributes: a copy with a clock years ahead does not win every merge forever (hybrid logical clock)', () => {
  const here = Vault.create('v4', { clock: clockAt(day(1)) });
  here.setAttribute('personal', 'name', 'Ada');
  const ahead = Vault.fromJSON(here.toString(), { clock: clockAt(future) });
  ahead.setAttribute('personal', 'name', 'Zoe (from 2031)');
  here.merge(ahead);
  assert.equal(here.profileJSON().attributes.personal.name, 'Zoe (from 2031)', 'the later change wins');
  // A change made here after seeing it is later, whatever the wall clock says.
  here.setAttribute('personal', 'name', 'Ada Lovelace');
  ahead.merge(here);
  assert.equal(ahead.profileJSON().attributes.personal.name, 'Ada Lovelace');
  here.merge(ahead);
  assert.equal(here.profileJSON().attributes.personal.name, 'Ada Lovelace');
  // A wall clock in step adds no drift: in normal use the journal keeps the wall time.
  const plain = Vault.create('v5', { clock: clockAt(day(1)) });
  plain.setAttribute('personal', 'a', 1);
  plain.setAttribute('personal', 'b', 2);
  const ats = plain.journal().map((e) => e.at);
  assert.equal(new Set(ats).size, 1);
  assert.equal(Date.parse(ats[0]), day(1).getTime());
  for (const v of [here, ahead, plain]) v.dispose();
});

test('the synchronous SHA-256 behind merge entries agrees with node:crypto at every padding boundary', async () => {
  const { createHash } = await import('node:crypto');
  const { sha256Sync } = await import('../../dist/share/sha256_sync.js');
  for (let n = 0; n <= 300; ++n) {
    const text = 'é'.repeat(n % 7) + 'x'.repeat(n);
    assert.equal(sha256Sync(text), createHash('sha256').update(text, 'utf8').digest('base64url'), `length ${n}`);
  }
});
