// Sharing from a real vault: grants and the ledger live in the vault document, packets carry
// exactly the live copied/borrowed claims (raw or derived, never the history behind them), and an
// independent check of the signature agrees.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';

import * as selfcrm from 'selfcrm';

const { Insights, Vault, createKeyPair, exportKeyPair, ready, verifyShare, SelfCrmError } = selfcrm;
const northwind = { id: 'northwind', displayName: 'Northwind', origin: 'https://northwind.example' };
const other = { id: 'other', displayName: 'Other', origin: 'https://other.example' };
const sample = readFileSync(new URL('../../demo/data/customers/evangelist.json', import.meta.url), 'utf8');
const asOf = '2026-11-01T00:00:00Z';
const now = new Date('2026-11-02T00:00:00Z');
const expiresAt = '2027-01-01T00:00:00Z';

let keyPair;
let publicJwk;
before(async () => {
  await ready();
  keyPair = await createKeyPair();
  publicJwk = (await exportKeyPair(keyPair)).publicJwk;
});

async function scenario(fn) {
  const vault = Vault.fromJSON(sample);
  const engine = Insights.create();
  try {
    const insights = engine.analyze(vault, { asOf });
    await fn(vault, insights);
  } finally {
    vault.dispose();
    engine.dispose();
  }
}

test('a packet holds exactly the live copied and borrowed grants of its recipient', () => scenario(async (vault, insights) => {
  await vault.grant({ recipient: northwind, claim: '/personal/name', level: 'copied', purpose: 'delivery', expiresAt }, { now });
  await vault.grant({ recipient: northwind, claim: 'persona', level: 'borrowed', purpose: 'offers', expiresAt }, { now });
  await vault.grant({ recipient: northwind, claim: 'band:clv', level: 'copied', purpose: 'tiers', expiresAt }, { now });
  await vault.grant({ recipient: northwind, claim: 'nps:category', level: 'displayed', purpose: 'show', expiresAt }, { now });
  await vault.grant({ recipient: northwind, claim: '/personal/locale', level: 'owned', purpose: 'none', expiresAt }, { now });
  await vault.grant({ recipient: other, claim: '/identities/email/primary', level: 'copied', purpose: 'x', expiresAt }, { now });

  const packet = await vault.share(northwind, { keyPair, insights, now });
  const verified = await verifyShare(packet.packet, { publicKey: publicJwk, audience: 'northwind', now });
  assert.equal(verified.valid, true, JSON.stringify(verified.problems));
  assert.deepEqual(Object.keys(verified.claims).sort(), ['/personal/name', 'band:clv', 'persona']);
  const profile = vault.profileJSON();
  assert.equal(verified.claims['/personal/name'].value, profile.attributes.personal.name);
  assert.equal(verified.claims.persona.value, insights.persona.persona.name);
  assert.equal(verified.claims.persona.retention, 'none');
  assert.ok(['high', 'medium', 'low'].includes(verified.claims['band:clv'].value));
  // Nothing of the history behind a derived claim travels.
  for (const t of profile.history.transactions) assert.ok(!packet.packet.includes(t.id + '"'));
  assert.ok(!JSON.stringify(verified).includes('transactions'));

  // Revocation: the next packet no longer carries the claim; the ledger records everything.
  const personaGrant = vault.grants().find((g) => g.claim === 'persona' && !g.revokedAt);
  await vault.revoke(personaGrant.id, { now });
  const second = await verifyShare((await vault.share(northwind, { keyPair, insights, now })).packet,
    { publicKey: publicJwk, audience: 'northwind', now });
  assert.deepEqual(Object.keys(second.claims).sort(), ['/personal/name', 'band:clv']);
  const ledger = await vault.ledger();
  assert.equal((await ledger.verify()).valid, true);
  assert.deepEqual(ledger.list().map((e) => e.type), ['grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'share', 'revoke', 'share']);
}));

test('grants and ledger persist in the vault document and survive a round trip', () => scenario(async (vault) => {
  await vault.grant({ recipient: northwind, claim: '/personal/name', level: 'copied', purpose: 'delivery', expiresAt }, { now });
  const doc = vault.toJSON();
  assert.equal(doc.grants.length, 1);
  assert.equal(doc.ledger.length, 1);
  const copy = Vault.fromJSON(JSON.stringify(doc));
  try {
    assert.deepEqual(copy.grants(), vault.grants());
    assert.equal((await (await copy.ledger()).verify()).valid, true);
  } finally {
    copy.dispose();
  }
}));

test('a bad grant is a coded error and changes nothing', () => scenario(async (vault) => {
  const before = JSON.stringify(vault.toJSON());
  await assert.rejects(vault.grant({ recipient: northwind, claim: 'not a claim', level: 'copied', purpose: 'x', expiresAt }),
    (e) => e instanceof SelfCrmError && e.code === 'E_SCHEMA');
  await assert.rejects(vault.revoke('no-such-grant'), (e) => e instanceof SelfCrmError);
  assert.equal(JSON.stringify(vault.toJSON()), before);
}));

test('the vault resolves raw claims by the customer\'s own names', () => scenario(async (vault, insights) => {
  const claims = vault.claims(insights);
  const profile = vault.profileJSON();
  assert.equal(claims.resolve('/personal/name'), profile.attributes.personal.name);
  assert.equal(claims.resolve('/identities/email/primary'), profile.identities.find((i) => i.kind === 'email' && i.primary).value);
  assert.deepEqual(claims.resolve('/identities/email'), profile.identities.filter((i) => i.kind === 'email').map((i) => i.value));
  assert.equal(claims.resolve('/personal/nothing'), undefined);
  assert.equal(claims.resolve('segment:no-such-segment'), false);
  assert.equal(claims.resolve('nps:category'), insights.scores.nps.category);
}));

test('issue 23 item 6: sharing a persona the customer does not have today withholds it, and the share goes through', async () => {
  // The bundled sample customers, as the README's headline step shares them: many have no persona.
  const lines = readFileSync(new URL('../../demo/data/profiles.ndjson', import.meta.url), 'utf8').split('\n').filter(Boolean);
  const engine = Insights.create();
  try {
    let withoutPersona = 0;
    for (const line of lines) {
      const vault = Vault.fromJSON(line);
      try {
        const insights = engine.analyze(vault, { asOf });
        if (insights.persona.persona) continue;
        ++withoutPersona;
        if (withoutPersona > 3) continue; // a few suffice; the count is asserted below
        await vault.grant({ recipient: northwind, claim: 'persona', level: 'borrowed', purpose: 'offers', expiresAt }, { now });
        await vault.grant({ recipient: northwind, claim: 'band:clv', level: 'copied', purpose: 'offers' }, { now });
        const result = await vault.share(northwind, { keyPair, insights, now });
        assert.deepEqual(result.claims.map((c) => c.claim), ['band:clv']);
        assert.deepEqual(result.withheld.map((w) => [w.claim, w.reason]), [['persona', 'no-value']]);
        const checked = await verifyShare(result.packet, { publicKey: publicJwk, audience: 'northwind', now });
        assert.equal(checked.valid, true, JSON.stringify(checked.problems));
        assert.deepEqual(Object.keys(checked.claims), ['band:clv']);
        // A share of nothing but withheld claims is recorded too, and the vault reloads with it.
        await vault.revoke(vault.grants().find((g) => g.claim === 'band:clv').id, { now });
        const bare = await vault.share(northwind, { keyPair, insights, now });
        assert.deepEqual([bare.claims, bare.withheld.map((w) => w.claim)], [[], ['persona']]);
        const reloaded = Vault.fromJSON(JSON.stringify(vault.toJSON()));
        assert.equal((await reloaded.ledger()).list().at(-1).type, 'share');
        reloaded.dispose();
      } finally {
        vault.dispose();
      }
    }
    assert.ok(withoutPersona > 0, 'the samples include customers without a persona');
  } finally {
    engine.dispose();
  }
});
