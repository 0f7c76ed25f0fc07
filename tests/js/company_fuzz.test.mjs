// Issue 24 item 5 for presentations: verifyPresentation never throws and never reports valid for a
// response that is not a genuine answer, whatever its bytes. Property-based (fast-check) with a fixed
// seed; `npm run fuzz` runs the same properties longer (SELFCRM_FUZZ_RUNS) with a fresh seed (SELFCRM_FUZZ_SEED).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

import { memoryNonceStore, verifyPresentation } from 'selfcrm/company';
import { answer, shopOrigin, shopRequest } from './presentation_fixtures.mjs';
import { partsOf, rebuild } from './presentation_forge.mjs';
import { b64json } from './share_forge.mjs';

const runs = Number(process.env.SELFCRM_FUZZ_RUNS ?? 100);
const seed = Number(process.env.SELFCRM_FUZZ_SEED ?? 20261206);
const settings = { numRuns: runs, seed, endOnFailure: true };
if (process.env.SELFCRM_FUZZ_SEED) console.log(`# presentation fuzz seed ${seed}, ${runs} runs per property`);

// A fixed instant, so a long run does not age the genuine answer out.
const now = new Date();
const request = await shopRequest();
const { presentation, key } = await answer(request, { now });
const parts = partsOf(presentation);
const id = request.dcql_query.credentials[0].id;
const wrap = (p) => ({ vp_token: { [id]: [p] } });

/** Verifies and checks the invariants of any result: resolved, well-formed, valid only when nothing was wrong. */
async function check(response) {
  const r = await verifyPresentation(response, { request, origin: shopOrigin, now, nonces: memoryNonceStore() });
  assert.equal(typeof r.valid, 'boolean');
  assert.ok(Array.isArray(r.problems));
  assert.equal(Object.getPrototypeOf(r.claims), null);
  assert.equal(r.valid, r.problems.length === 0);
  for (const q of r.problems) {
    assert.equal(typeof q.kind, 'string');
    assert.ok(!q.message.startsWith('cannot be verified'), `an internal exception was caught: ${q.message}`);
  }
  if (!r.valid && r.problems.some((q) => !['not-shared', 'malformed-disclosure', 'unknown-disclosure', 'duplicate-disclosure', 'not-requested', 'value', 'terms', 'rules', 'claim-expired'].includes(q.kind))) {
    assert.deepEqual(Object.keys(r.claims), [], 'nothing is returned from a presentation that failed as a whole');
  }
  JSON.stringify(r);
  return r;
}

const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e308, -1e308, 8.64e12, 2 ** 53, -0, 0.5, Math.floor(now.getTime() / 1000)));
const name = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'persona', 'name', '', 'e\u0301', 'a\u200Bb', 'x\uD800'));
const part = fc.oneof(fc.jsonValue().map(b64json), fc.base64String().map((s) => s.replace(/=+$/, '')), fc.string());

test('any string or JSON value as the response: a result, never an exception, never valid', async () => {
  const response = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.jsonValue(), fc.jsonValue().map((v) => ({ vp_token: v })),
    fc.dictionary(fc.string(), fc.array(fc.string())).map((vp) => ({ vp_token: vp })));
  await fc.assert(fc.asyncProperty(response, async (value) => {
    assert.equal((await check(value)).valid, false);
    if (typeof value !== 'string') assert.equal((await check(JSON.stringify(value) ?? '')).valid, false);
  }), settings);
});

test('JWS-shaped presentations with arbitrary parts: never an exception, never valid', async () => {
  await fc.assert(fc.asyncProperty(part, part, part, fc.array(part, { maxLength: 4 }), part, part, part, async (h, p, s, ds, kh, kp, ks) => {
    const text = `${h}.${p}.${s}~${ds.map((d) => `${d}~`).join('')}${kh}.${kp}.${ks}`;
    assert.equal((await check(wrap(text))).valid, false);
  }), settings);
});

test('a genuine answer edited anywhere (credential, disclosures, KB-JWT) is never valid, and never throws', async () => {
  const edit = fc.tuple(fc.nat({ max: presentation.length - 1 }), fc.nat({ max: 3 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }));
  await fc.assert(fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
    let text = presentation;
    for (const [at, how, piece] of edits) {
      const i = Math.min(at, text.length);
      text = how === 0 ? text.slice(0, i) + piece + text.slice(i)
        : how === 1 ? text.slice(0, i) + text.slice(i + piece.length)
          : how === 2 ? text.slice(0, i) + piece + text.slice(i + piece.length)
            : text + text.slice(i);
    }
    const r = await check(wrap(text));
    if (text !== presentation) assert.equal(r.valid, false, 'a changed answer is never valid');
  }), settings);
});

test('disclosures dropped, repeated, reordered or replaced under the original signatures: never valid', async () => {
  const n = parts.disclosures.length;
  const op = fc.oneof(
    fc.nat({ max: n - 1 }).map((i) => (ds) => ds.filter((_, j) => j !== i)),
    fc.nat({ max: n - 1 }).map((i) => (ds) => [...ds, ds[i % ds.length]]),
    fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })).filter(([a, b]) => a !== b).map(([a, b]) => (ds) => ds.map((d, j) => (j === a ? ds[b] : j === b ? ds[a] : d))),
    fc.tuple(fc.nat({ max: n - 1 }), fc.string(), name, fc.jsonValue()).map(([i, salt, nm, v]) => (ds) => ds.map((d, j) => (j === i ? b64json([salt, nm, v]) : d))),
  );
  const [jwt] = presentation.split('~');
  const kb = presentation.split('~').at(-1);
  await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 3 }), async (ops) => {
    const ds = ops.reduce((acc, f) => (acc.length ? f(acc) : acc), parts.disclosures);
    const text = `${jwt}~${ds.map((d) => `${d}~`).join('')}${kb}`;
    const r = await check(wrap(text));
    if (text !== presentation) assert.equal(r.valid, false);
  }), settings);
});

test('credentials and KB-JWTs re-signed by the holder with hostile dates, names, terms and bindings: never an exception, only sound claims', async () => {
  const terms = fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.record({
    level: fc.constantFrom('copied', 'borrowed', 'owned'),
    purpose: fc.string(),
    retention: fc.constantFrom('keep', 'none'),
    exp: number,
  }, { requiredKeys: [] })));
  const payloadEdit = fc.record({ iat: number, exp: number, nbf: number, _sd_alg: fc.constantFrom('sha-256', 'sha-512'), selfcrm_terms: terms, vct: fc.string(), extra: fc.jsonValue() }, { requiredKeys: [] });
  const kbEdit = fc.record({ iat: number, nbf: number, aud: fc.oneof(fc.constant(`origin:${shopOrigin}`), fc.string()), nonce: fc.oneof(fc.constant(request.nonce), fc.string()) }, { requiredKeys: [] });
  const headerEdit = fc.record({ typ: fc.constantFrom('dc+sd-jwt', 'kb+jwt', 'jwt'), crit: fc.array(fc.string()), kid: fc.jsonValue() }, { requiredKeys: [] });
  const disclosure = fc.tuple(fc.string(), name, fc.jsonValue()).map((d) => b64json(d));
  await fc.assert(fc.asyncProperty(payloadEdit, kbEdit, headerEdit, fc.array(disclosure, { maxLength: 3 }), async (pe, ke, he, extra) => {
    const payload = { ...parts.payload, ...pe };
    const text = await rebuild(key, { ...parts, header: { ...parts.header, ...he }, payload, kbPayload: { ...parts.kbPayload, ...ke }, disclosures: [...parts.disclosures, ...extra] });
    const r = await check(wrap(text));
    for (const [claim, c] of Object.entries(r.claims)) {
      assert.ok(Object.hasOwn(request.selfcrm.terms.reduce((o, t) => ({ ...o, [t.path.join('/')]: 1 }), {}), claim.replace(/^\//, '').replace(':', '/')), `${claim} was asked for`);
      assert.ok(c.expiresAt === null || typeof c.expiresAt === 'string');
    }
    if (extra.length || Object.keys(he).length || Object.keys(pe).length || Object.keys(ke).length) {
      // Only edits that change nothing of substance may still verify.
      if (r.valid) assert.ok(!extra.length && he.crit === undefined, 'no added disclosure or crit header verifies');
    }
  }), settings);
});
