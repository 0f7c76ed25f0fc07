// Node 18 has no global `crypto` or `CryptoKey`: sharing must still work through node:crypto's
// webcrypto, which the Node entry point hands over. (Each test file runs in its own process.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
delete globalThis.CryptoKey;
const s = await import('selfcrm');

test('share, verify and randomized response work without a global crypto', async () => {
  assert.equal(globalThis.crypto, undefined);
  await s.ready();
  const recipient = { id: 'shop', displayName: 'Shop', origin: 'https://shop.example' };
  const { grants } = s.createGrant([], { recipient, claim: 'persona', level: 'copied', purpose: 'p' });
  const keys = await s.createKeyPair();
  const packet = await s.share(recipient, grants, s.claimSourceFromObjects({}, { persona: 'explorer' }), keys);
  const result = await s.verifyShare(packet.packet, { publicKey: (await s.exportKeyPair(keys)).publicJwk, audience: 'shop' });
  assert.equal(result.valid, true);
  assert.equal(result.claims.persona.value, 'explorer');
  const viaKey = await s.verifyShare(packet.packet, { publicKey: { alg: keys.alg, key: keys.publicKey } });
  assert.equal(viaKey.valid, true);
  assert.ok(['a', 'b'].includes(s.randomizedResponse('a', { categories: ['a', 'b'], epsilon: 1 }).report));
  const ledger = new s.Ledger();
  await ledger.recordShare(packet);
  assert.equal((await ledger.verify()).valid, true);
});
