// Issue 24 items 6–8: what a verifier refuses before spending on a packet, signature and header
// hygiene, the grant rules held against signed terms, and claim names that could mislead or reach a
// prototype. Packets are signed with the issuer's key (share_forge.mjs), so every check after the
// signature is reached.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { claimSourceFromObjects, createKeyPair, defaultVerifyLimits, exportKeyPair, maxBorrowedSeconds, SelfCrmError, verifyShare } from 'selfcrm';
import { b64json, disclosure, forge, payloadFor } from './share_forge.mjs';
import { derived, now, profile, sharingWith, shop } from './share_fixtures.mjs';

const ed = await createKeyPair({ algorithm: 'EdDSA' });
const es = await createKeyPair({ algorithm: 'ES256' });
const edJwk = (await exportKeyPair(ed)).publicJwk;
const esJwk = (await exportKeyPair(es)).publicJwk;
const verify = (packet, publicKey = edJwk, options = {}) => verifyShare(packet, { publicKey, now, audience: shop.id, ...options });
const kinds = (r) => r.problems.map((p) => p.kind);
const copied = { level: 'copied', purpose: 'p', retention: 'keep' };
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

async function signedWith(claims, extra = {}, keys = ed) {
  const list = [];
  const terms = Object.create(null); // so "__proto__" is an own key that JSON.stringify writes
  for (const [name, term] of claims) {
    list.push(await disclosure(name, 'v'));
    terms[name] = term;
  }
  return forge(keys, { payload: payloadFor(list, terms, now, extra), disclosures: list.map((d) => d.text) });
}

test('item 6: a packet beyond the size limit is refused before any parsing or signature check', async () => {
  const huge = `${b64json({ alg: 'EdDSA', typ: 'selfcrm-share+sd-jwt' })}.${'A'.repeat(defaultVerifyLimits.maxPacketLength)}.${'A'.repeat(86)}~`;
  const r = await verify(huge);
  assert.deepEqual(kinds(r), ['too-large']);
  // The bound is an option: raised, the same bytes get as far as the signature.
  const raised = await verify(huge, edJwk, { limits: { maxPacketLength: huge.length } });
  assert.deepEqual(kinds(raised), ['signature']);
});

test('item 6: more disclosures than the limit are refused; raised, matching is by digest and all verify', async () => {
  const n = defaultVerifyLimits.maxDisclosures + 1;
  const list = [];
  const terms = {};
  for (let i = 0; i < n; ++i) {
    list.push(await disclosure(`segment:s${i}`, i, `salt${i}`));
    terms[`segment:s${i}`] = copied;
  }
  const { packet } = await forge(ed, { payload: payloadFor(list, terms, now), disclosures: list.map((d) => d.text) });
  assert.deepEqual(kinds(await verify(packet)), ['too-large']);
  // Disclosures in reverse of the signed order: every one is still found (a Map, not a scan).
  const reversed = await forge(ed, { payload: payloadFor(list, terms, now), disclosures: list.map((d) => d.text).reverse() });
  const r = await verify(reversed.packet, edJwk, { limits: { maxDisclosures: n } });
  assert.equal(Object.keys(r.claims).length, n);
  assert.ok(kinds(r).every((k) => k === 'reordered'));
  await assert.rejects(verify(packet, edJwk, { limits: { maxDisclosures: 0 } }), (e) => e instanceof SelfCrmError && e.code === 'E_RANGE' && e.path === '/limits/maxDisclosures');
  await assert.rejects(verify(packet, edJwk, { limits: { maxBytes: 5 } }), (e) => e instanceof SelfCrmError && e.code === 'E_SCHEMA' && e.path === '/limits/maxBytes');
});

test('item 7: ES256 high-S signatures are refused and share() always signs low-S', async () => {
  const sharing = await sharingWith([{ recipient: shop, claim: 'persona', level: 'copied' }], { keyPair: es, claims: claimSourceFromObjects(profile, derived) });
  let highSeen = 0;
  for (let i = 0; i < 12; ++i) {
    const { packet } = await sharing.share(shop, { now });
    const [jws, ...rest] = packet.split('~');
    const [h, p, sig] = jws.split('.');
    const bytes = Buffer.from(sig, 'base64url');
    const s = BigInt(`0x${bytes.subarray(32).toString('hex')}`);
    assert.ok(s <= P256_N >> 1n, 'share() emits the low-S form');
    assert.equal((await verify(packet, esJwk)).valid, true);
    // The twin (r, n − s) verifies in WebCrypto; the verifier must refuse it.
    const high = Buffer.from((P256_N - s).toString(16).padStart(64, '0'), 'hex');
    const twin = `${h}.${p}.${Buffer.concat([bytes.subarray(0, 32), high]).toString('base64url')}~${rest.join('~')}`;
    const r = await verify(twin, esJwk);
    assert.deepEqual(kinds(r), ['signature']);
    highSeen += 1;
  }
  assert.equal(highSeen, 12);
});

test('item 7: an unknown crit header and a future nbf are refused', async () => {
  const list = [await disclosure('persona', 'x')];
  const payload = payloadFor(list, { persona: copied }, now);
  const crit = await forge(ed, { header: { alg: 'EdDSA', typ: 'selfcrm-share+sd-jwt', crit: ['exp'], exp: 1 }, payload, disclosures: list.map((d) => d.text) });
  assert.deepEqual(kinds(await verify(crit.packet)), ['malformed']);
  const late = await forge(ed, { payload: { ...payload, nbf: payload.iat + 3600 }, disclosures: list.map((d) => d.text) });
  assert.deepEqual(kinds(await verify(late.packet)), ['not-yet-valid']);
  const fine = await forge(ed, { payload: { ...payload, nbf: payload.iat }, disclosures: list.map((d) => d.text) });
  assert.equal((await verify(fine.packet)).valid, true);
});

test('item 7: a borrowed claim needs an expiry within the grant rules, when granted and when verified', async () => {
  const iat = Math.floor(now.getTime() / 1000);
  const borrowed = { level: 'borrowed', purpose: 'p', retention: 'none' };
  const noExpiry = await verify((await signedWith([['persona', borrowed]])).packet);
  assert.deepEqual(kinds(noExpiry), ['malformed']);
  assert.equal(noExpiry.claims.persona, undefined);
  const far = await verify((await signedWith([['persona', { ...borrowed, exp: iat + 70 * 365 * 86_400 }]])).packet);
  assert.deepEqual(kinds(far), ['malformed']);
  const ok = await verify((await signedWith([['persona', { ...borrowed, exp: iat + maxBorrowedSeconds }]])).packet);
  assert.equal(ok.valid, true, JSON.stringify(ok.problems));
  // Granting holds the same bound, and a refused grant leaves no grant and no ledger entry.
  const sharing = await sharingWith([]);
  const input = { recipient: shop, claim: 'persona', level: 'borrowed', purpose: 'p', expiresAt: '2096-01-01T00:00:00Z' };
  await assert.rejects(sharing.grant(input, { now }), (e) => e.code === 'E_RANGE' && e.path === '/expiresAt');
  assert.deepEqual([sharing.grants(), sharing.ledger().length()], [[], 0]);
});

test('item 8: unacceptable claim names are refused and results have no prototype', async () => {
  const bad = ['__proto__', 'constructor', 'toString', '', 'e\u0301', 'a\u200Bb', 'x\uD800', 'tab\there', 'x'.repeat(257)];
  const r = await verify((await signedWith([...bad.map((n) => [n, copied]), ['persona', copied]])).packet);
  assert.equal(Object.getPrototypeOf(r.claims), null);
  assert.deepEqual(Object.keys(r.claims), ['persona']);
  const refused = r.problems.filter((p) => p.kind === 'malformed-disclosure').map((p) => p.claim);
  assert.deepEqual(refused, bad);
  // Copying the result cannot change any prototype.
  const copy = Object.assign({}, r.claims);
  assert.equal(Object.getPrototypeOf(copy), Object.prototype);
  // The grant rules refuse the same names.
  const sharing = await sharingWith([]);
  for (const claim of ['/a\u200Bb', '/e\u0301', '/x\uD800']) {
    await assert.rejects(sharing.grant({ recipient: shop, claim, level: 'copied', purpose: 'p' }, { now }), (e) => e.code === 'E_SCHEMA' && e.path === '/claim');
  }
  assert.deepEqual([sharing.grants(), sharing.ledger().length()], [[], 0]);
});

test('item 5: dates no JS Date can hold are reported, never thrown', async () => {
  // Unsigned, with an out-of-range exp: the result still builds (no RangeError).
  const unsigned = `${b64json({ alg: 'EdDSA', typ: 'selfcrm-share+sd-jwt' })}.${b64json({ exp: 1e308, iat: -1e308 })}.${'A'.repeat(86)}~`;
  const r = await verify(unsigned);
  assert.deepEqual(kinds(r), ['signature']);
  // Signed: a claim whose terms.exp is 1e308, and a packet whose exp is.
  const list = [await disclosure('persona', 'x')];
  const huge = await forge(ed, { payload: payloadFor(list, { persona: { ...copied, exp: 1e308 } }, now), disclosures: list.map((d) => d.text) });
  assert.deepEqual(kinds(await verify(huge.packet)), ['malformed']);
  const packetExp = await forge(ed, { payload: payloadFor(list, { persona: copied }, now, { exp: 1e308 }), disclosures: list.map((d) => d.text) });
  const v = await verify(packetExp.packet);
  assert.deepEqual(kinds(v), ['malformed']);
  assert.equal(v.expiresAt, null);
});
