// Property: over 10,000 seeded random customers × grant sets, a packet discloses exactly the live
// copied/borrowed claims granted to its recipient: never an owned or displayed claim, never another
// recipient's, never a revoked or expired one, never the raw history behind a derived claim.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { claimSourceFromObjects, createKeyPair, exportKeyPair, SelfCrmError, Sharing, verifyShare } from 'selfcrm';
import { b64, now, other, parts, seeded, shop } from './share_fixtures.mjs';

const rawClaims = ['/personal/name', '/personal/city', '/identities/email/primary', '/identities/phone/primary', '/fourPs/price/sensitivity'];
const derivedClaims = ['persona', 'segment:evangelist', 'segment:churn-risk', 'band:clv', 'nps:category', 'rfm:segment'];
const levels = ['owned', 'copied', 'borrowed', 'displayed'];
const marker = 'HISTORY-SECRET';

function randomCustomer(rand, i) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const profile = {
    personal: { name: `Customer ${i}`, city: pick(['Lyon', 'Oslo', 'Lima']) },
    identities: { email: { primary: `c${i}@example.org` }, phone: { primary: `+1${i}` } },
    fourPs: { price: { sensitivity: Math.round(rand() * 100) / 100 } },
    history: { transactions: [{ note: `${marker}-${i}`, amount: rand() * 500 }] },
  };
  const derived = {
    persona: pick(['explorer', 'loyalist', 'bargain']),
    'segment:evangelist': rand() < 0.5,
    'segment:churn-risk': rand() < 0.3,
    'band:clv': pick(['high', 'medium', 'low']),
    'nps:category': pick(['promoter', 'passive', 'detractor']),
    'rfm:segment': pick(['champions', 'at-risk', 'new']),
  };
  return { profile, derived };
}

const madeAt = '2026-01-01T00:00:00.000Z';
const revokedAt = '2026-06-01T00:00:00.000Z';

// A random grant set as a vault document stores it (what Sharing.open reads back), from the same
// draws as ever; revoked grants stay with `revokedAt`.
function randomGrants(rand, i) {
  const grants = [];
  const expected = new Set();
  for (const claim of [...rawClaims, ...derivedClaims]) {
    for (const recipient of [shop, other]) {
      if (rand() < 0.4) continue;
      const level = levels[Math.floor(rand() * 4)];
      const expired = rand() < 0.15;
      const expiresAt = level === 'borrowed' || rand() < 0.3
        ? new Date(now.getTime() + (expired ? -1 : 1) * (1 + Math.floor(rand() * 1e6)) * 1000).toISOString()
        : null;
      const revoked = rand() < 0.15;
      grants.push({
        id: `g${i}-${grants.length}`, recipient, claim, level, purpose: 'p', createdAt: madeAt,
        updatedAt: revoked ? revokedAt : madeAt, expiresAt, revokedAt: revoked ? revokedAt : null,
      });
      const live = !revoked && !(expiresAt !== null && Date.parse(expiresAt) <= now.getTime());
      if (recipient === shop && live && (level === 'copied' || level === 'borrowed')) expected.add(claim);
    }
  }
  return { grants, expected };
}

// The same set made the public way: every grant and revocation recorded in the ledger, and the
// grants the same as the stored ones but for their ids.
async function granted(grants, keyPair, claims) {
  const sharing = await Sharing.open({ keyPair, claims });
  for (const g of grants) {
    const made = await sharing.grant({ recipient: g.recipient, claim: g.claim, level: g.level, purpose: g.purpose, expiresAt: g.expiresAt }, { now: g.createdAt });
    if (g.revokedAt !== null) await sharing.revoke(made.id, { now: g.revokedAt });
  }
  assert.deepEqual(sharing.ledger().list().map((e) => e.type), grants.flatMap((g) => (g.revokedAt === null ? ['grant'] : ['grant', 'revoke'])));
  const withoutId = ({ id: _, ...rest }) => rest;
  assert.deepEqual(sharing.grants().map(withoutId), grants.map(withoutId));
  return sharing;
}

test('10,000 random customers × grant sets: exactly the live copied/borrowed claims are disclosed', async () => {
  const keys = await createKeyPair();
  const publicKey = (await exportKeyPair(keys)).publicJwk;
  const rand = seeded(20261122);
  let empties = 0;
  let disclosed = 0;
  for (let i = 0; i < 10_000; ++i) {
    const { profile, derived } = randomCustomer(rand, i);
    const { grants, expected } = randomGrants(rand, i);
    const source = claimSourceFromObjects(profile, derived);
    // Every 100th set is made grant by grant (the ledger cost of all 10,000 would dominate the run).
    const sharing = i % 100 === 0 ? await granted(grants, keys, source) : await Sharing.open({ keyPair: keys, claims: source, document: { grants } });
    if (i % 100 !== 0) assert.deepEqual(sharing.grants(), grants);
    const recorded = sharing.ledger().length();
    if (expected.size === 0) {
      await assert.rejects(sharing.share(shop, { now }), (e) => e instanceof SelfCrmError && e.code === 'E_EMPTY');
      assert.equal(sharing.ledger().length(), recorded, 'nothing shared, nothing recorded');
      ++empties;
      continue;
    }
    const packet = await sharing.share(shop, { now });
    assert.equal(sharing.ledger().list().at(-1).packetDigest, packet.digest);
    const disclosures = parts(packet.packet).disclosures.map((d) => b64.decode(d));
    const names = disclosures.map((d) => d[1]).sort();
    assert.deepEqual(names, [...expected].sort(), `case ${i}`);
    for (const [, name, value] of disclosures) {
      const truth = name.startsWith('/') ? name.slice(1).split('/').reduce((o, k) => o[k], profile) : derived[name];
      assert.deepEqual(value, truth, `case ${i}: ${name}`);
      if (!name.startsWith('/')) assert.notEqual(typeof value, 'object', 'a derived claim is a label, not records');
    }
    assert.ok(!JSON.stringify(disclosures).includes(marker), `case ${i}: raw history leaked`);
    disclosed += names.length;
    if (i % 500 === 0) {
      const r = await verifyShare(packet.packet, { publicKey, now, audience: shop.id });
      assert.equal(r.valid, true);
      assert.deepEqual(Object.keys(r.claims).sort(), [...expected].sort());
    }
  }
  // The generator must exercise both outcomes substantially.
  assert.ok(empties > 10 && empties < 2000, `${empties} empty grant sets`);
  assert.ok(disclosed > 20_000, `${disclosed} claims disclosed`);
});
