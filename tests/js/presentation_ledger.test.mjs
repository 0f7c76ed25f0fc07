// The holder's whole answer through Sharing: the consent items are what is presented, approved
// claims become grants to the origin, and the ledger records the presentation (origin, nonce, query
// hash, claim names and digests, level, purpose, expiry) with no value in it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimSourceFromObjects, createKeyPair, Ledger, memoryKeyStore, pairwiseKey, Sharing } from 'selfcrm';
import { memoryNonceStore, verifyPresentation } from 'selfcrm/company';
import { bankOrigin, shopOrigin, shopRequest, values } from './presentation_fixtures.mjs';

const profile = { personal: { name: values['/personal/name'], birthYear: 1815 }, identities: { email: { primary: values['/identities/email/primary'] } } };
const derived = { persona: 'explorer', 'band:clv': 'high', 'segment:evangelist': true };

async function open() {
  return Sharing.open({ keyPair: await createKeyPair(), claims: claimSourceFromObjects(profile, derived) });
}

test('consent items show every asked claim with its value, terms and availability', async () => {
  const sharing = await open();
  const request = await shopRequest({ levels: { evangelist: 'displayed' }, claims: [
    { id: 'name', path: ['personal', 'name'] }, { id: 'persona', path: ['persona'] }, { id: 'clv', path: ['band', 'clv'], values: ['low'] },
    { id: 'evangelist', path: ['segment', 'evangelist'] }, { id: 'phone', path: ['identities', 'phone', 'primary'] },
  ] });
  const { items } = await sharing.consent(request);
  const by = Object.fromEntries(items.map((i) => [i.claim, i]));
  assert.equal(by['/personal/name'].value, 'Ada Lovelace');
  assert.equal(by['/personal/name'].level, 'copied');
  assert.equal(by.persona.level, 'borrowed');
  assert.ok(by.persona.expiresAt);
  assert.equal(by['band:clv'].available, false, 'high is not among the accepted values');
  assert.match(by['band:clv'].reason, /not one this company accepts/);
  assert.equal(by['/identities/phone/primary'].available, false);
  assert.equal(by['segment:evangelist'].level, 'displayed');
  assert.equal(by['segment:evangelist'].credential, '');
});

test('present: approved claims go, are granted to the origin and recorded in the ledger', async () => {
  const sharing = await open();
  const keys = memoryKeyStore();
  const request = await shopRequest();
  const key = await pairwiseKey(keys, shopOrigin);
  const result = await sharing.present(request, { origin: shopOrigin, approve: ['/personal/name', 'persona'], key, computedWith: { engine: 'test', rules: 'default' } });
  const verified = await verifyPresentation(result.response, { request, origin: shopOrigin, nonces: memoryNonceStore() });
  assert.deepEqual(Object.keys(verified.claims).sort(), ['/personal/name', 'persona']);
  assert.ok(verified.problems.every((p) => p.kind === 'not-shared'));

  const grants = sharing.grants();
  assert.deepEqual(grants.map((g) => [g.recipient.origin, g.claim, g.level]).sort(), [[shopOrigin, '/personal/name', 'copied'], [shopOrigin, 'persona', 'borrowed']]);
  const entries = sharing.ledger().list();
  const share = entries.find((e) => e.type === 'share');
  assert.equal(share.recipient.origin, shopOrigin);
  assert.equal(share.presentation.nonce, request.nonce);
  assert.equal(share.presentation.queryHash, result.queryHash);
  assert.deepEqual(Object.keys(share.presentation.digests).sort(), ['/personal/name', 'persona']);
  assert.ok(share.claims.every((c) => c.purpose === 'https://w3id.org/dpv#ServicePersonalisation'));
  assert.ok(!JSON.stringify(entries).includes('Ada Lovelace'), 'the ledger holds no value');
  assert.ok((await Ledger.verify(entries)).valid);
  const holdings = sharing.ledger().holdings();
  assert.ok(holdings.some((h) => h.claim === 'persona' && h.current));

  // Revoking shows in the ledger; a second answer to another origin uses another key.
  await sharing.revoke(grants.find((g) => g.claim === 'persona').id);
  assert.ok(sharing.ledger().holdings().some((h) => h.claim === 'persona' && h.revokedAt));
  const bank = await sharing.present(await shopRequest(), { origin: bankOrigin, approve: ['/personal/name'], key: await pairwiseKey(keys, bankOrigin) });
  assert.notEqual(JSON.stringify(bank.response).includes(key.thumbprint), true);
});

test('present refuses a key of another origin and a response_uri off the origin', async () => {
  const sharing = await open();
  const keys = memoryKeyStore();
  const request = await shopRequest();
  await assert.rejects(sharing.present(request, { origin: shopOrigin, approve: ['persona'], key: await pairwiseKey(keys, bankOrigin) }), (e) => e.code === 'E_CONFLICT');
  const posted = await shopRequest({ extra: { responseMode: 'direct_post', responseUri: 'https://evil.example/collect' } });
  await assert.rejects(sharing.present(posted, { origin: shopOrigin, approve: ['persona'], key: await pairwiseKey(keys, shopOrigin) }), (e) => e.code === 'E_CONFLICT' && /response_uri/.test(e.message));
  assert.deepEqual(sharing.grants(), [], 'a refused answer changes nothing');
  assert.equal(sharing.ledger().list().length, 0);
});

test('a Vault answers through the same path: consent, present, grants and ledger in its document', async () => {
  const { readFileSync } = await import('node:fs');
  const { ready, Vault } = await import('selfcrm');
  await ready();
  const vault = Vault.fromJSON(readFileSync(new URL('../../demo/data/customers/evangelist.json', import.meta.url), 'utf8'));
  try {
    const request = await shopRequest({ claims: [{ id: 'name', path: ['personal', 'name'] }, { id: 'email', path: ['identities', 'email', 'primary'] }] });
    const items = await vault.consent(request);
    assert.deepEqual(items.map((i) => [i.claim, i.value]), [['/personal/name', 'Hiro Lindqvist'], ['/identities/email/primary', 'hiro.lindqvist@example.com']]);
    const key = await pairwiseKey(memoryKeyStore(), shopOrigin);
    const result = await vault.present(request, { origin: shopOrigin, approve: ['/personal/name'], key });
    const verified = await verifyPresentation(result.response, { request, origin: shopOrigin, nonces: memoryNonceStore() });
    assert.deepEqual(Object.keys(verified.claims), ['/personal/name']);
    const doc = vault.toJSON();
    assert.deepEqual(doc.grants.map((g) => [g.recipient.origin, g.claim]), [[shopOrigin, '/personal/name']]);
    assert.ok(doc.ledger.some((e) => e.type === 'share' && e.presentation?.nonce === request.nonce));
    // The document with its presentation record loads back and its ledger verifies.
    const again = Vault.fromJSON(JSON.stringify(doc));
    assert.ok((await (await again.ledger()).verify()).valid);
    again.dispose();
  } finally {
    vault.dispose();
  }
});

test("derived claims computed with the company's own rules carry their hash, and the company checks it", async () => {
  const { readFileSync } = await import('node:fs');
  const { ready, Vault, Insights } = await import('selfcrm');
  await ready();
  const rules = { segments: { segments: [{ name: 'big-spender', condition: { history: 'transactions', where: { field: 'amount', op: 'gte', value: 100 } } }] } };
  const vault = Vault.fromJSON(readFileSync(new URL('../../demo/data/customers/evangelist.json', import.meta.url), 'utf8'));
  const engine = Insights.create({ segments: JSON.stringify(rules.segments) });
  try {
    const request = await shopRequest({ claims: [{ id: 'big', path: ['segment', 'big-spender'] }], extra: { rules } });
    const insights = engine.analyze(vault, { asOf: new Date() });
    const items = await vault.consent(request, insights);
    assert.deepEqual(items.map((i) => [i.claim, i.value]), [['segment:big-spender', true]], "the company's segment, computed on the device");
    const key = await pairwiseKey(memoryKeyStore(), shopOrigin);
    const computedWith = { engine: 'test', rules: request.selfcrm.rules_hash };
    const { response } = await vault.present(request, { origin: shopOrigin, approve: ['segment:big-spender'], key, insights, computedWith });
    const verified = await verifyPresentation(response, { request, origin: shopOrigin, nonces: memoryNonceStore() });
    assert.equal(verified.valid, true, JSON.stringify(verified.problems));
    assert.deepEqual(verified.claims['segment:big-spender'].computedWith, computedWith);
  } finally {
    engine.dispose();
    vault.dispose();
  }
});
