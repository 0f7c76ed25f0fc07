import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { verifyShare } from 'selfcrm';
import { openBrowser } from './harness.mjs';

let env;
before(async () => {
  env = await openBrowser();
});
after(() => env?.close());

test('in Chromium: share with WebCrypto, verify there and in Node, ledger, displayed claim', async () => {
  const page = await env.newPage();
  await page.goto(`${env.origin}/tests/browser/pages/blank.html`);
  const out = await page.evaluate(async () => {
    const m = await import('/dist/index.js');
    await m.ready();
    const now = new Date('2026-11-22T12:00:00Z');
    const shop = { id: 'shop-1', displayName: 'Example Shop', origin: 'https://shop.example' };
    const source = m.claimSourceFromObjects(
      { personal: { name: 'Ada' }, identities: { email: { primary: 'ada@example.org' } } },
      { persona: 'explorer', 'nps:category': 'promoter' },
    );
    const results = {};
    let sharing;
    for (const algorithm of ['EdDSA', 'ES256']) {
      const keys = await m.createKeyPair({ algorithm });
      // Grants and the share the public way: a Sharing records each in its ledger.
      sharing = await m.Sharing.open({ keyPair: keys, claims: source });
      for (const [claim, level] of [['/personal/name', 'copied'], ['persona', 'borrowed'], ['nps:category', 'displayed'], ['/identities/email/primary', 'owned']]) {
        await sharing.grant({ recipient: shop, claim, level, purpose: 'demo', expiresAt: level === 'borrowed' ? '2026-12-01T00:00:00Z' : null }, { now });
      }
      const shared = await sharing.share(shop, { now });
      const { publicJwk } = await m.exportKeyPair(keys);
      const verified = await m.verifyShare(shared.packet, { publicKey: publicJwk, now, audience: 'shop-1' });
      const tampered = await m.verifyShare(shared.packet.replace(/~[^~]+~$/, '~'), { publicKey: publicJwk, now });
      const recorded = sharing.ledger().list().map((e) => [e.type, e.packetDigest ?? e.claims[0].claim]);
      results[algorithm] = { packet: shared.packet, digest: shared.digest, recorded, publicJwk, valid: verified.valid, claims: Object.keys(verified.claims).sort(), tamperedKinds: tampered.problems.map((p) => p.kind) };
    }
    const grants = sharing.grants();
    const ledger = sharing.ledger();
    const entries = ledger.list();
    entries[0].purpose = 'changed';
    entries[0].claims[0].purpose = 'changed';
    const ledgerOk = (await ledger.verify()).valid;
    const ledgerTampered = (await m.Ledger.verify(entries)).valid;

    const host = document.createElement('div');
    host.id = 'displayed-host';
    document.body.append(host);
    const returned = await m.renderDisplayed(host, grants[2], source, { now });
    const ldp = m.randomizedResponse('promoter', { categories: ['detractor', 'passive', 'promoter'], epsilon: 1 });
    const flags = m.unaryResponse('b', { categories: ['a', 'b', 'c', 'd'], epsilon: 1 }).bits;
    return { flags, results, ledgerOk, ledgerTampered, returned: returned === undefined, hostText: host.textContent, shadow: host.shadowRoot, ldp: ldp.report, explanation: ldp.terms.explanation };
  });
  for (const alg of ['EdDSA', 'ES256']) {
    const r = out.results[alg];
    assert.equal(r.valid, true, alg);
    assert.deepEqual(r.claims, ['/personal/name', 'persona']);
    assert.deepEqual(r.tamperedKinds, ['missing-disclosure']);
    assert.deepEqual(r.recorded, [
      ['grant', '/personal/name'], ['grant', 'persona'], ['grant', 'nps:category'], ['grant', '/identities/email/primary'], ['share', r.digest],
    ], `${alg}: every grant and the share are in the ledger`);
    // The browser's packet verifies in Node with the exported JWK.
    const inNode = await verifyShare(r.packet, { publicKey: r.publicJwk, now: new Date('2026-11-22T12:00:00Z') });
    assert.equal(inNode.valid, true, `${alg} packet from Chromium verifies in Node`);
  }
  assert.equal(out.ledgerOk, true);
  assert.equal(out.ledgerTampered, false);
  assert.equal(out.returned, true, 'renderDisplayed returns nothing');
  assert.equal(out.hostText, '', "the host's own text does not expose the value");
  assert.equal(out.shadow, null, 'the shadow root is closed');
  assert.ok(['detractor', 'passive', 'promoter'].includes(out.ldp));
  assert.match(out.explanation, /57\.6%/);
  assert.equal(out.flags.length, 4);
  assert.ok(out.flags.every((b) => b === 0 || b === 1));
  // What the customer sees: the value is laid out on screen (an empty host would have no height).
  const box = await page.locator('#displayed-host').boundingBox();
  assert.ok(box && box.height > 0 && box.width > 0, JSON.stringify(box));
  assert.deepEqual(env.problems, []);
  await page.close();
});
