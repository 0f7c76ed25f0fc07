// Issue 24 item 13: a share or grant change costs the same whatever the ledger's length. Shown by
// counting the SHA-256 digests each share computes (a ledger re-read or re-verified per share would
// grow with it); timing lives in bench/ledger.mjs. And the kept-open state is what gets saved.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import * as selfcrm from 'selfcrm';
// Internal (only Sharing and the vault write a ledger): here it tries to write to a returned copy.
import { appendEntry } from '../../dist/share/ledger.js';

const { Vault, createKeyPair, ready } = selfcrm;
const shop = { id: 'shop', displayName: 'Shop', origin: 'https://shop.example' };
const t0 = Date.UTC(2026, 10, 1);
const at = (i) => new Date(t0 + i * 1000);

let keyPair;
before(async () => {
  await ready();
  keyPair = await createKeyPair();
});

async function digestsDuring(fn) {
  const subtle = globalThis.crypto.subtle;
  const original = subtle.digest;
  let count = 0;
  subtle.digest = function (...args) {
    ++count;
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    subtle.digest = original;
  }
  return count;
}

test('each share and revoke hashes the same amount at ledger length 10 and 200', async () => {
  const v = Vault.create('cost');
  v.setAttribute('personal', 'name', 'Ada');
  const g = await v.grant({ recipient: shop, claim: '/personal/name', level: 'copied', purpose: 'p' }, { now: at(0) });
  const perShare = [];
  for (let i = 1; i <= 200; ++i) {
    const n = await digestsDuring(() => v.share(shop, { keyPair, now: at(i) }));
    if (i === 10 || i === 200) perShare.push(n);
  }
  assert.equal(perShare[0], perShare[1], `digests per share: ${perShare}`);
  assert.ok(perShare[0] <= 4, `a share hashes its packet and one ledger entry, not the ledger (${perShare[0]})`);
  const revokeCost = await digestsDuring(() => v.revoke(g.id, { now: at(201) }));
  assert.equal(revokeCost, 1);

  // The document written afterwards holds every entry, and reads back verified.
  const doc = v.toJSON();
  assert.equal(doc.ledger.length, 202);
  assert.notEqual(doc.grants[0].revokedAt, null);
  const back = Vault.fromJSON(v.toString());
  const ledger = await back.ledger();
  assert.equal((await ledger.verify()).valid, true);
  assert.equal(ledger.head(), (await v.ledger()).head());
  assert.deepEqual(back.grants(), v.grants());
});

test('a failed operation on the kept-open state changes nothing, and the copy ledger() returns is detached', async () => {
  const v = Vault.create('cost2');
  v.setAttribute('personal', 'name', 'Ada');
  await v.grant({ recipient: shop, claim: '/personal/name', level: 'copied', purpose: 'p' }, { now: at(0) });
  const before = v.toString();
  await assert.rejects(v.grant({ recipient: shop, claim: '/personal/name', level: 'copied', purpose: 'again' }, { now: at(1) }), (e) => e.code === 'E_CONFLICT');
  await assert.rejects(v.share(shop, { keyPair: undefined, now: at(1) }));
  assert.equal(v.toString(), before);
  const copy = await v.ledger();
  await appendEntry(copy, { type: 'share', recipient: shop, claims: [{ claim: '/personal/name', level: 'copied', purpose: 'p', expiresAt: null }] }, { now: at(2) });
  assert.equal((await v.ledger()).length(), 1);
  assert.equal(v.toString(), before);
});
