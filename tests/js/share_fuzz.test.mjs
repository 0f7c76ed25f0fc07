// Issue 24 item 5: verifyShare never throws for a bad packet, whatever its bytes, and never
// returns a claim that did not verify. Property-based (fast-check) with a fixed seed; `npm run fuzz`
// runs the same properties longer (SELFCRM_FUZZ_RUNS) and with a fresh seed (SELFCRM_FUZZ_SEED).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

import { claimSourceFromObjects, createKeyPair, exportKeyPair, verifyShare } from 'selfcrm';
import { b64json, disclosure, forge } from './share_forge.mjs';
import { derived, now, profile, sharingWith, shop } from './share_fixtures.mjs';

const runs = Number(process.env.SELFCRM_FUZZ_RUNS ?? 150);
const seed = Number(process.env.SELFCRM_FUZZ_SEED ?? 20261206);
const settings = { numRuns: runs, seed, endOnFailure: true };
if (process.env.SELFCRM_FUZZ_SEED) console.log(`# share fuzz seed ${seed}, ${runs} runs per property`);

const keys = await createKeyPair({ algorithm: 'EdDSA' });
const publicKey = (await exportKeyPair(keys)).publicJwk;
const specs = ['persona', '/personal/name', 'band:clv'].map((claim) => ({ recipient: shop, claim, level: 'copied', purpose: 'fuzz' }));
const sharing = await sharingWith(specs, { keyPair: keys, claims: claimSourceFromObjects(profile, derived) });
const genuine = (await sharing.share(shop, { now })).packet;

/** Verifies and checks the invariants of any result: resolved, well-formed, valid only when intact. */
async function check(packet) {
  const r = await verifyShare(packet, { publicKey, now, audience: shop.id });
  assert.equal(typeof r.valid, 'boolean');
  assert.ok(Array.isArray(r.problems));
  assert.equal(Object.getPrototypeOf(r.claims), null);
  assert.equal(r.valid, r.problems.length === 0);
  for (const t of [r.issuedAt, r.expiresAt]) assert.ok(t === null || typeof t === 'string');
  JSON.stringify(r);
  return r;
}

// Values a hostile payload puts where dates, names and terms go.
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e308, -1e308, 8.64e12, 8.64e15, 2 ** 53, -0, 0.5));
const name = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'persona', '', 'e\u0301', 'a\u200Bb', 'x\uD800'));
const terms = fc.dictionary(name, fc.oneof(fc.jsonValue(), fc.record({
  level: fc.constantFrom('copied', 'borrowed', 'owned'),
  purpose: fc.string(),
  retention: fc.constantFrom('keep', 'none'),
  exp: number,
}, { requiredKeys: [] })));

test('any string: a result, never an exception', async () => {
  await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 400 }), async (s) => {
    const r = await check(s);
    assert.equal(r.valid, false);
  }), settings);
});

test('JWS-shaped strings with arbitrary base64url JSON parts: never an exception', async () => {
  const part = fc.oneof(fc.jsonValue().map(b64json), fc.base64String().map((s) => s.replace(/=+$/, '')), fc.string());
  await fc.assert(fc.asyncProperty(part, part, part, fc.array(part, { maxLength: 4 }), async (h, p, s, d) => {
    const r = await check(`${h}.${p}.${s}~${d.map((x) => `${x}~`).join('')}`);
    assert.equal(r.valid, false);
  }), settings);
});

test('signed payloads with hostile dates, names and terms: never an exception, only sound claims', async () => {
  const payload = fc.record({
    aud: fc.oneof(fc.constant(shop.id), fc.jsonValue()),
    iat: fc.oneof(fc.constant(Math.floor(now.getTime() / 1000)), number),
    exp: fc.oneof(fc.constant(Math.floor(now.getTime() / 1000) + 600), number),
    nbf: number,
    _sd_alg: fc.constantFrom('sha-256', 'sha-512'),
    terms,
  }, { requiredKeys: ['aud', 'iat', 'exp', '_sd_alg', 'terms'] });
  const claims = fc.array(fc.tuple(name, fc.jsonValue()), { maxLength: 5 });
  await fc.assert(fc.asyncProperty(payload, claims, fc.boolean(), async (body, list, listAll) => {
    const made = await Promise.all(list.map(([n, v]) => disclosure(n, v)));
    const sd = listAll ? made.map((d) => d.digest) : made.slice(1).map((d) => d.digest);
    const { packet } = await forge(keys, { payload: { ...body, _sd: sd }, disclosures: made.map((d) => d.text) });
    const r = await check(packet);
    for (const [claim, c] of Object.entries(r.claims)) {
      assert.ok(made.some((d, i) => list[i][0] === claim), `${claim} was disclosed`);
      assert.ok(c.expiresAt === null || typeof c.expiresAt === 'string');
    }
  }), settings);
});

test('a genuine packet changed anywhere never verifies as valid, and never throws', async () => {
  const edit = fc.tuple(fc.nat({ max: genuine.length - 1 }), fc.nat({ max: 3 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }));
  await fc.assert(fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
    let packet = genuine;
    for (const [at, how, text] of edits) {
      const i = Math.min(at, packet.length);
      packet = how === 0 ? packet.slice(0, i) + text + packet.slice(i)
        : how === 1 ? packet.slice(0, i) + packet.slice(i + text.length)
          : how === 2 ? packet.slice(0, i) + text + packet.slice(i + text.length)
            : packet + packet.slice(i);
    }
    const r = await check(packet);
    if (packet.trim() !== genuine) assert.equal(r.valid, false, 'a changed packet is never valid');
  }), settings);
});
