// A customer's signed revocation (holder side: vault.withdraw / Sharing.withdraw, through the
// internal createRevocation) and the company's check of it (verifyRevocation): accepted only when
// signed by the key its iss names, for this origin, not from the future, naming claims as the vault
// names them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryKeyStore, pairwiseKey, ready, SelfCrmError, Vault } from 'selfcrm';
// The token maker itself (internal: the public way is withdraw(), which also revokes and records
// the grants), so the verifier meets every form a holder may send, ["*"] included.
import { createRevocation } from '../../dist/share/revocation.js';
import { createRequest, IntakeRun, IntakeStore, verifyRevocation } from 'selfcrm/company';

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

test('the vault withdraws what it gave an origin: grants revoked and recorded, and a revocation the intake honours', async () => {
  await ready();
  const vault = Vault.create();
  try {
    vault.setAttribute('personal', 'name', 'Ada Lovelace');
    vault.addIdentity({ kind: 'email', value: 'ada@example.org' });
    const keys = memoryKeyStore();
    const shopKey = await pairwiseKey(keys, origin);
    const request = await createRequest({ dcql: { credentials: [{ id: 'q', claims: [{ path: ['personal', 'name'] }, { path: ['identities', 'email', 'primary'] }] }] }, purpose: 'dpv:Marketing', now: at });
    const { response } = await vault.present(request, { origin, approve: ['/personal/name', '/identities/email/primary'], key: shopKey, now: at });
    await assert.rejects(vault.withdraw(origin, { key: await pairwiseKey(keys, 'https://bank.example') }), /pairwise key of this origin/);
    const { grants, revocation } = await vault.withdraw(origin, { key: shopKey, claims: ['/identities/email/primary'], now: new Date(at.getTime() + 60_000) });
    assert.deepEqual(grants.map((g) => [g.claim, g.revokedAt !== null]), [['/identities/email/primary', true]]);
    assert.ok(vault.ledger().list().some((e) => e.type === 'revoke'));
    assert.equal(vault.grants().filter((g) => g.revokedAt === null).map((g) => g.claim).join(), '/personal/name');
    await assert.rejects(vault.withdraw(origin, { key: shopKey, claims: ['/identities/email/primary'] }), /no live grant/);
    // The company: the answer, then the revocation, into its store.
    const store = await IntakeStore.open(join(mkdtempSync(join(tmpdir(), 'selfcrm-withdraw-')), 'shop.sqlite'));
    try {
      const run = new IntakeRun(store, { now: later });
      const lines = [{ request, response, origin, receivedAt: at.toISOString() }, { revocation, origin }].map((l, i) => ({ line: i + 1, text: JSON.stringify(l) }));
      const { results, rejects } = await run.add(lines);
      assert.deepEqual(rejects, []);
      assert.deepEqual(results[1].revoked, ['/identities/email/primary']);
      assert.deepEqual(store.claimsInForce({ now: later }).map((c) => c.claim), ['/personal/name']);
    } finally {
      await store.close();
    }
  } finally {
    vault.dispose();
  }
});
