import assert from 'node:assert/strict';
import { test } from 'node:test';

import { claimSourceFromObjects, createKeyPair, exportKeyPair, importKeyPair, SelfCrmError, verifyShare } from 'selfcrm';
import { b64, derived, join, now, other, parts, profile, shareRecorded as share, sharingWith, shop } from './share_fixtures.mjs';

const source = claimSourceFromObjects(profile, derived);
const keys = await createKeyPair();

// Grants made the public way (a Sharing, which records each): the packets below are built from them,
// each by a Sharing too (shareRecorded checks its ledger entry).
const sharingFor = (specs) => sharingWith(specs.map((s) => ({ purpose: 'testing', ...s })), { keyPair: keys, claims: source });
const grantsFor = async (specs) => (await sharingFor(specs)).grants();

const standardSpecs = [
  { recipient: shop, claim: '/personal/name', level: 'copied' },
  { recipient: shop, claim: 'persona', level: 'borrowed', expiresAt: '2026-12-01T00:00:00Z' },
  { recipient: shop, claim: 'band:clv', level: 'borrowed', expiresAt: '2026-11-22T12:30:00Z' },
  { recipient: shop, claim: '/identities/email/primary', level: 'owned' },
  { recipient: shop, claim: 'nps:category', level: 'displayed' },
  { recipient: other, claim: 'rfm:segment', level: 'copied' },
];
const standard = await grantsFor(standardSpecs);
const publicJwk = (await exportKeyPair(keys)).publicJwk;
const shared = await share(shop, standard, source, keys, { now, issuer: 'vault:ada' });
const verify = (packet, options = {}) => verifyShare(packet, { publicKey: publicJwk, now, audience: shop.id, ...options });
const kinds = (result) => result.problems.map((p) => p.kind).sort();

test('a packet carries exactly the copied and borrowed claims, with their terms', async () => {
  assert.equal(keys.alg, 'EdDSA', 'Node 20 has Ed25519 in WebCrypto');
  assert.deepEqual(shared.claims.map((c) => c.claim).sort(), ['/personal/name', 'band:clv', 'persona']);
  const r = await verify(shared.packet);
  assert.equal(r.valid, true, JSON.stringify(r.problems));
  assert.deepEqual(r.claims['/personal/name'], { value: 'Ada Lovelace', level: 'copied', purpose: 'testing', retention: 'keep', expiresAt: null });
  assert.deepEqual(r.claims.persona, { value: 'explorer', level: 'borrowed', purpose: 'testing', retention: 'none', expiresAt: '2026-12-01T00:00:00.000Z' });
  assert.equal(r.issuer, 'vault:ada');
  assert.equal(r.audience, 'shop-1');
  assert.equal(r.expiresAt, '2026-11-22T13:00:00.000Z');

  const { header, payload } = parts(shared.packet);
  assert.deepEqual(b64.decode(header), { alg: 'EdDSA', typ: 'selfcrm-share+sd-jwt' });
  const body = b64.decode(payload);
  assert.equal(body._sd_alg, 'sha-256');
  assert.equal(body._sd.length, 3);
  assert.deepEqual([...body._sd].sort(), body._sd, 'digests are sorted');
  assert.equal(body.aud, 'shop-1');
  assert.equal(body.exp - body.iat, 3600);
  assert.deepEqual(body.terms['band:clv'], { level: 'borrowed', purpose: 'testing', retention: 'none', exp: Date.parse('2026-11-22T12:30:00Z') / 1000 });
  assert.ok(!shared.packet.includes('ada@example.org') && !JSON.stringify(body).includes('Ada'), 'no value in plain text');
  // 128-bit salts, fresh for each disclosure.
  const salts = parts(shared.packet).disclosures.map((d) => b64.decode(d)[0]);
  assert.ok(salts.every((s) => Buffer.from(s, 'base64url').length === 16));
  assert.equal(new Set(salts).size, 3);
});

test('two shares of the same grants differ in salts and digests', async () => {
  const again = await share(shop, standard, source, keys, { now });
  assert.notEqual(again.digest, shared.digest);
  assert.notDeepEqual(b64.decode(parts(again.packet).payload)._sd, b64.decode(parts(shared.packet).payload)._sd);
});

test('every kind of tampering is detected and flagged', async () => {
  const p = parts(shared.packet);
  const [d0, d1, d2] = p.disclosures;

  // Modified disclosure: same claim, other value.
  const [salt, name] = b64.decode(d0);
  const forged = b64.encode([salt, name, 'Mallory']);
  let r = await verify(join({ ...p, disclosures: [forged, d1, d2] }));
  assert.deepEqual(kinds(r), ['missing-disclosure', 'unknown-disclosure']);
  assert.equal(r.valid, false);
  assert.equal(Object.keys(r.claims).length, 2, 'the intact claims still verify');
  assert.ok(!Object.values(r.claims).some((c) => c.value === 'Mallory'));

  // Elements of a disclosure reordered: its digest changes.
  const swapped = b64.encode([name, salt, b64.decode(d0)[2]]);
  r = await verify(join({ ...p, disclosures: [swapped, d1, d2] }));
  assert.ok(kinds(r).includes('malformed-disclosure') || kinds(r).includes('unknown-disclosure'));

  // Added disclosure: an owned claim slipped in.
  const added = b64.encode(['c2FsdHNhbHRzYWx0c2FsdA', '/identities/email/primary', 'ada@example.org']);
  r = await verify(join({ ...p, disclosures: [d0, d1, d2, added] }));
  assert.deepEqual(kinds(r), ['unknown-disclosure']);
  assert.equal(r.claims['/identities/email/primary'], undefined);

  // Duplicated disclosure.
  r = await verify(join({ ...p, disclosures: [d0, d1, d2, d1] }));
  assert.deepEqual(kinds(r), ['duplicate-disclosure']);

  // Removed disclosure.
  r = await verify(join({ ...p, disclosures: [d0, d2] }));
  assert.deepEqual(kinds(r), ['missing-disclosure']);
  assert.equal(Object.keys(r.claims).length, 2);

  // Reordered disclosures.
  r = await verify(join({ ...p, disclosures: [d2, d0, d1] }));
  assert.ok(kinds(r).includes('reordered'));
  assert.equal(r.valid, false);

  // Modified payload: a term loosened from borrowed to copied.
  const body = b64.decode(p.payload);
  body.terms.persona = { level: 'copied', purpose: 'testing', retention: 'keep' };
  r = await verify(join({ ...p, payload: b64.encode(body) }));
  assert.deepEqual(kinds(r), ['signature']);
  assert.deepEqual(Object.keys(r.claims), []);

  // Modified signature: one bit flipped.
  const sig = Buffer.from(p.signature, 'base64url');
  sig[10] ^= 1;
  r = await verify(join({ ...p, signature: sig.toString('base64url') }));
  assert.deepEqual(kinds(r), ['signature']);

  // The same signature bytes with the spare bits of the last character set: refused too.
  const last = p.signature.at(-1);
  const spare = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const bumped = spare[spare.indexOf(last) + 1];
  r = await verify(join({ ...p, signature: p.signature.slice(0, -1) + bumped }));
  assert.deepEqual(kinds(r), ['malformed']);

  // Another key.
  const stranger = await createKeyPair();
  r = await verifyShare(shared.packet, { publicKey: (await exportKeyPair(stranger)).publicJwk, now });
  assert.deepEqual(kinds(r), ['signature']);

  // A JWS of another type, even validly signed, is not a packet.
  const otherTyp = `${b64.encode({ alg: 'EdDSA', typ: 'JWT' })}.${p.payload}`;
  const otherSig = Buffer.from(await crypto.subtle.sign('Ed25519', keys.privateKey, Buffer.from(otherTyp))).toString('base64url');
  assert.deepEqual(kinds(await verify(`${otherTyp}.${otherSig}~${p.disclosures.map((d) => `${d}~`).join('')}`)), ['malformed']);

  // A key-binding JWT or garbage instead of an SD-JWT.
  assert.deepEqual(kinds(await verify(`${shared.packet}eyJ.x.y`)), ['malformed']);
  assert.deepEqual(kinds(await verify('not a packet')), ['malformed']);
});

test('expired packets, expired claims and the wrong audience yield no claims', async () => {
  let r = await verify(shared.packet, { now: new Date('2026-11-22T13:00:00Z') });
  assert.deepEqual(kinds(r), ['expired']);
  assert.deepEqual(Object.keys(r.claims), []);

  r = await verify(shared.packet, { now: new Date('2026-11-22T12:30:00Z') });
  assert.deepEqual(kinds(r), ['claim-expired']);
  assert.equal(r.claims['band:clv'], undefined);
  assert.equal(r.claims.persona.value, 'explorer');

  r = await verify(shared.packet, { audience: 'bank-2' });
  assert.deepEqual(kinds(r), ['audience']);
  assert.deepEqual(Object.keys(r.claims), []);

  r = await verify(shared.packet, { now: new Date('2026-11-22T11:58:00Z') });
  assert.deepEqual(kinds(r), ['not-yet-valid']);
});

test('revoked and expired grants produce no claims; nothing shareable is E_EMPTY', async () => {
  const sharing = await sharingFor(standardSpecs);
  const persona = sharing.grants().find((g) => g.claim === 'persona');
  await sharing.revoke(persona.id, { now });
  assert.deepEqual(sharing.ledger().list().map((e) => e.type), [...standardSpecs.map(() => 'grant'), 'revoke']);
  assert.equal(sharing.ledger().list().at(-1).grantId, persona.id);
  const grants = sharing.grants();
  const packet = await share(shop, grants, source, keys, { now });
  assert.deepEqual(packet.claims.map((c) => c.claim).sort(), ['/personal/name', 'band:clv']);
  const late = await share(shop, grants, source, keys, { now: new Date('2026-11-22T12:30:00Z') });
  assert.deepEqual(late.claims.map((c) => c.claim), ['/personal/name']);
  const onlyOwned = await grantsFor([{ recipient: shop, claim: 'persona', level: 'owned' }, { recipient: shop, claim: 'band:clv', level: 'displayed' }]);
  await assert.rejects(share(shop, onlyOwned, source, keys, { now }), (e) => e instanceof SelfCrmError && e.code === 'E_EMPTY');
});

test('share validates its inputs', async () => {
  await assert.rejects(share({ ...shop, origin: 'ftp://x' }, standard, source, keys), (e) => e.code === 'E_SCHEMA' && e.path === '/recipient/origin');
  await assert.rejects(share(shop, standard, source, {}, { now }), (e) => e.code === 'E_SCHEMA' && e.path === '/keyPair');
  await assert.rejects(share(shop, standard, source, keys, { now, validFor: 0 }), (e) => e.code === 'E_RANGE' && e.path === '/validFor');
  await assert.rejects(share(shop, standard, source, { ...keys, alg: 'ES256' }, { now }), (e) => e.code === 'E_SCHEMA' && e.path === '/keyPair');
  await assert.rejects(verifyShare(42, { publicKey: publicJwk }), (e) => e.code === 'E_SCHEMA' && e.path === '/packet');
  await assert.rejects(verifyShare(shared.packet, {}), (e) => e.code === 'E_SCHEMA' && e.path === '/publicKey');
  await assert.rejects(verifyShare(shared.packet, { publicKey: { kty: 'RSA' } }), (e) => e.code === 'E_SCHEMA' && e.path === '/publicKey');
});

test('ES256 keys work too, and key pairs survive export and import as JWK', async () => {
  const ec = await createKeyPair({ algorithm: 'ES256' });
  assert.equal(ec.alg, 'ES256');
  const exported = await exportKeyPair(ec);
  assert.equal(exported.publicJwk.kty, 'EC');
  assert.equal(exported.publicJwk.d, undefined, 'the public JWK holds no private part');
  const restored = await importKeyPair(JSON.parse(JSON.stringify(exported)));
  const packet = await share(shop, standard, source, restored, { now });
  assert.equal(b64.decode(parts(packet.packet).header).alg, 'ES256');
  const r = await verifyShare(packet.packet, { publicKey: exported.publicJwk, now });
  assert.equal(r.valid, true);
  assert.equal(Object.keys(r.claims).length, 3);

  const ed = await importKeyPair(JSON.parse(JSON.stringify(await exportKeyPair(keys))));
  const viaImported = await share(shop, standard, source, ed, { now });
  assert.equal((await verify(viaImported.packet)).valid, true);
  await assert.rejects(importKeyPair({ ...exported, privateJwk: { kty: 'OKP', crv: 'Ed25519', x: 'AA', d: 'AA' } }), (e) => e.code === 'E_SCHEMA');
});

test('issue 23 item 6: a granted claim with no value is withheld and named; the others are shared', async () => {
  const grants = await grantsFor([
    { recipient: shop, claim: '/personal/nickname', level: 'copied' },
    { recipient: shop, claim: 'persona', level: 'borrowed', expiresAt: '2026-12-01T00:00:00Z' },
    { recipient: shop, claim: 'segment:evangelist', level: 'copied' },
  ]);
  const noPersona = claimSourceFromObjects(profile, { 'segment:evangelist': true });
  const packet = await share(shop, grants, noPersona, keys, { now });
  assert.deepEqual(packet.claims.map((c) => c.claim), ['segment:evangelist']);
  assert.deepEqual(packet.withheld.map((w) => [w.claim, w.grantId, w.reason]), [
    ['/personal/nickname', grants[0].id, 'no-value'],
    ['persona', grants[1].id, 'no-value'],
  ]);
  assert.match(packet.withheld[1].message, /no value for persona/);
  const r = await verify(packet.packet);
  assert.equal(r.valid, true, JSON.stringify(r.problems));
  assert.deepEqual(Object.keys(r.claims), ['segment:evangelist']);
  // Every grant withheld: still a valid packet, with no disclosure.
  const only = await grantsFor([{ recipient: shop, claim: 'persona', level: 'borrowed', expiresAt: '2026-12-01T00:00:00Z' }]);
  const empty = await share(shop, only, claimSourceFromObjects(profile, {}), keys, { now });
  assert.deepEqual(empty.claims, []);
  assert.deepEqual(empty.withheld.map((w) => w.claim), ['persona']);
  const e = await verify(empty.packet);
  assert.equal(e.valid, true, JSON.stringify(e.problems));
  assert.deepEqual(Object.keys(e.claims), []);
});
