import assert from 'node:assert/strict';
import { test } from 'node:test';

import { claimSourceFromObjects, createKeyPair, exportKeyPair, SelfCrmError, Sharing, verifyShare } from 'selfcrm';
import { derived, now, profile, shop } from './share_fixtures.mjs';

const at = (minutes) => new Date(now.getTime() + minutes * 60_000);
const keyPair = await createKeyPair();
const claims = claimSourceFromObjects(profile, derived);

test('grant, change, revoke and share update the grants and the ledger together', async () => {
  const sharing = await Sharing.open({ keyPair, claims });
  const name = await sharing.grant({ recipient: shop, claim: '/personal/name', level: 'copied', purpose: 'delivery' }, { now: at(0) });
  const persona = await sharing.grant({ recipient: shop, claim: 'persona', level: 'owned', purpose: 'offers' }, { now: at(1) });
  await sharing.changeGrant(persona.id, { level: 'borrowed', expiresAt: '2026-12-01T00:00:00Z' }, { now: at(2) });
  const packet = await sharing.share(shop, { now: at(3) });
  assert.deepEqual(packet.claims.map((c) => c.claim).sort(), ['/personal/name', 'persona']);
  await sharing.revoke(persona.id, { now: at(4) });
  const after = await sharing.share(shop, { now: at(5) });
  assert.deepEqual(after.claims.map((c) => c.claim), ['/personal/name'], 'a revoked grant produces no claim');

  const ledger = sharing.ledger();
  assert.deepEqual(ledger.list().map((e) => e.type), ['grant', 'grant', 'change', 'share', 'revoke', 'share']);
  assert.equal(ledger.list()[3].packetDigest, packet.digest);
  assert.equal((await ledger.verify()).valid, true);
  assert.equal(sharing.grants().find((g) => g.id === name.id).level, 'copied');

  const r = await verifyShare(after.packet, { publicKey: (await exportKeyPair(keyPair)).publicJwk, now: at(5), audience: shop.id });
  assert.deepEqual(Object.keys(r.claims), ['/personal/name']);
});

test('a failed operation changes neither the grants nor the ledger', async () => {
  const sharing = await Sharing.open({ keyPair, claims });
  const g = await sharing.grant({ recipient: shop, claim: 'persona', level: 'copied', purpose: 'p' }, { now: at(10) });
  const before = JSON.stringify(sharing);
  await assert.rejects(sharing.grant({ recipient: shop, claim: 'persona', level: 'copied', purpose: 'again' }, { now: at(11) }), (e) => e.code === 'E_CONFLICT');
  await assert.rejects(sharing.grant({ recipient: shop, claim: 'band:clv', level: 'sold', purpose: 'p' }, { now: at(12) }), (e) => e.code === 'E_SCHEMA');
  await assert.rejects(sharing.revoke('no-such-grant', { now: at(12) }), (e) => e.code === 'E_NOT_FOUND');
  await assert.rejects(sharing.share({ ...shop, origin: 'not an origin' }, { now: at(12) }), (e) => e.code === 'E_SCHEMA');
  assert.equal(g.revokedAt, null);
  assert.equal(JSON.stringify(sharing), before);
});

test('the state round-trips through the vault document, and a tampered document is refused', async () => {
  const sharing = await Sharing.open({ keyPair, claims });
  await sharing.grant({ recipient: shop, claim: 'persona', level: 'copied', purpose: 'p' }, { now: at(0) });
  await sharing.share(shop, { now: at(1) });
  const document = JSON.parse(JSON.stringify(sharing));
  const head = sharing.ledger().head();
  const reopened = await Sharing.open({ keyPair, claims, document, head });
  assert.deepEqual(reopened.toJSON(), document);

  const edited = structuredClone(document);
  edited.ledger[1].claims[0].level = 'borrowed';
  await assert.rejects(Sharing.open({ keyPair, claims, document: edited }), (e) => e instanceof SelfCrmError && e.code === 'E_CONFLICT' && e.path === '/ledger/1');
  const truncated = { ...document, ledger: document.ledger.slice(0, 1) };
  await assert.rejects(Sharing.open({ keyPair, claims, document: truncated, head }), (e) => e.code === 'E_CONFLICT' && e.path === '/ledger/1');
  const badGrant = { ...document, grants: [{ ...document.grants[0], level: 'sold' }] };
  await assert.rejects(Sharing.open({ keyPair, claims, document: badGrant }), (e) => e.code === 'E_SCHEMA' && e.path === '/grants/0/level');
});
