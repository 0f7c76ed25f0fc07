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
  const keys = await s.createKeyPair();
  const sharing = await s.Sharing.open({ keyPair: keys, claims: s.claimSourceFromObjects({}, { persona: 'explorer' }) });
  const grant = await sharing.grant({ recipient, claim: 'persona', level: 'copied', purpose: 'p' });
  assert.match(grant.id, /^[A-Za-z0-9_-]{22}$/, 'the grant id came from node:crypto');
  const packet = await sharing.share(recipient);
  assert.deepEqual(sharing.ledger().list().map((e) => [e.type, e.grantId ?? e.packetDigest]), [['grant', grant.id], ['share', packet.digest]]);
  assert.equal((await sharing.ledger().verify()).valid, true);
  const result = await s.verifyShare(packet.packet, { publicKey: (await s.exportKeyPair(keys)).publicJwk, audience: 'shop' });
  assert.equal(result.valid, true);
  assert.equal(result.claims.persona.value, 'explorer');
  const viaKey = await s.verifyShare(packet.packet, { publicKey: { alg: keys.alg, key: keys.publicKey } });
  assert.equal(viaKey.valid, true);
  assert.ok(['a', 'b'].includes(s.randomizedResponse('a', { categories: ['a', 'b'], epsilon: 1 }).report));
  // The stored ledger reloads: load() re-hashes every entry through node:crypto too.
  const reloaded = await s.Ledger.load(sharing.toJSON().ledger, { head: sharing.ledger().head() });
  assert.deepEqual(reloaded.list(), sharing.ledger().list());
});
