// Random corruption of a packet: verifyShare never throws, and whatever it accepts is exactly what
// was shared, and every corruption is reported.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { claimSourceFromObjects, createKeyPair, exportKeyPair, verifyShare } from 'selfcrm';
import { derived, now, profile, seeded, sharingWith, shop } from './share_fixtures.mjs';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~.';

test('2,000 random corruptions: no throw, no forged or extra claim', async () => {
  const specs = [['/personal/name', 'copied'], ['persona', 'borrowed'], ['band:clv', 'copied']]
    .map(([claim, level]) => ({ recipient: shop, claim, level, expiresAt: level === 'borrowed' ? '2027-01-01T00:00:00Z' : null }));
  const keys = await createKeyPair();
  const publicKey = (await exportKeyPair(keys)).publicJwk;
  const sharing = await sharingWith(specs, { keyPair: keys, claims: claimSourceFromObjects(profile, derived) });
  const { packet } = await sharing.share(shop, { now });
  const original = (await verifyShare(packet, { publicKey, now })).claims;
  const rand = seeded(404);
  let invalid = 0;
  let tried = 0;
  for (let i = 0; i < 2000; ++i) {
    let text = packet;
    const edits = 1 + Math.floor(rand() * 3);
    for (let e = 0; e < edits; ++e) {
      const at = Math.floor(rand() * text.length);
      const c = alphabet[Math.floor(rand() * alphabet.length)];
      const kind = rand();
      if (kind < 0.4) text = text.slice(0, at) + c + text.slice(at + 1);
      else if (kind < 0.7) text = text.slice(0, at) + text.slice(at + 1);
      else text = text.slice(0, at) + c + text.slice(at);
    }
    if (text === packet) continue; // edits that cancel out
    ++tried;
    const r = await verifyShare(text, { publicKey, now });
    if (!r.valid) ++invalid;
    for (const [name, claim] of Object.entries(r.claims)) {
      assert.deepEqual(claim, original[name], `case ${i}: ${name} must be an original claim`);
    }
  }
  assert.ok(tried > 1950);
  assert.equal(invalid, tried, 'every corruption is flagged');
});
