// A customer's signed revocation (createRevocation, holder side) and the company's check of it
// (verifyRevocation): accepted only when signed by the key its iss names, for this origin, not
// from the future, naming claims as the vault names them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRevocation, memoryKeyStore, pairwiseKey, SelfCrmError } from 'selfcrm';
import { verifyRevocation } from 'selfcrm/company';

const origin = 'https://shop.example';
const key = await pairwiseKey(memoryKeyStore(), origin);
const at = new Date('2026-11-02T10:00:00Z');
const later = new Date('2026-11-03T10:00:00Z');
const token = await createRevocation(key, { claims: ['/identities/email/primary', 'persona'], now: at });
const [h, p, sig] = token.split('.');
const json = (part) => JSON.parse(Buffer.from(part, 'base64url').toString());
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

test('a revocation verifies for its origin, with the pairwise holder id its presentations carry', async () => {
  const r = await verifyRevocation(token, { origin, now: later });
  assert.equal(typeof r, 'object', r);
  assert.equal(r.holder, `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${key.thumbprint}`);
  assert.deepEqual(r.claims, ['/identities/email/primary', 'persona']);
  assert.equal(r.at, at.getTime() / 1000);
  assert.match(r.digest, /^[A-Za-z0-9_-]{43}$/);
  const all = await verifyRevocation(await createRevocation(key, { claims: ['*'], now: at }), { origin, now: later });
  assert.deepEqual(all.claims, ['*']);
});

test('refused: another origin, a changed payload, a swapped key, another typ, the future, bad names', async () => {
  const refuse = async (t, now, pattern) => {
    const r = await verifyRevocation(t, { origin, now });
    assert.equal(typeof r, 'string', `accepted: ${JSON.stringify(r)}`);
    assert.match(r, pattern);
  };
  await refuse(await createRevocation(await pairwiseKey(memoryKeyStore(), 'https://bank.example'), { claims: ['*'], now: at }), later, /not origin:https:\/\/shop\.example/);
  await refuse(`${h}.${b64({ ...json(p), revoke: ['*'] })}.${sig}`, later, /signature/);
  const other = await pairwiseKey(memoryKeyStore(), origin);
  await refuse(`${b64({ ...json(h), jwk: other.publicJwk })}.${p}.${sig}`, later, /signature/);
  await refuse(`${b64({ ...json(h), typ: 'kb+jwt' })}.${p}.${sig}`, later, /typ/);
  await refuse(token, new Date(at.getTime() - 3600_000), /iat/);
  await refuse('not a jws', later, /unreadable/);
  await refuse(42, later, /compact JWS/);
  await assert.rejects(createRevocation(key, { claims: [] }), SelfCrmError);
  await assert.rejects(createRevocation(key, { claims: ['persona', 'persona'] }), /twice/);
  await assert.rejects(createRevocation(key, { claims: ['__proto__'] }), SelfCrmError);
});
