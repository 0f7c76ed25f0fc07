// Issue 24 applied to verifyPresentation (issue 18): one test per hardened rule of the packet
// verifier, in the presentation format — low-S ES256, no `crit`, `nbf`, claim names, the grant
// rules' borrowed limits, and bounds checked before any signature work.
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { test } from 'node:test';
import { memoryKeyStore, pairwiseKey } from 'selfcrm';
import { createRequest, defaultPresentationLimits, memoryNonceStore, verifyPresentation } from 'selfcrm/company';
import { answer, shopOrigin, shopRequest } from './presentation_fixtures.mjs';
import { decode, flipS, isLowS, partsOf, rebuild } from './presentation_forge.mjs';
import { b64json, digest } from './share_forge.mjs';

const kinds = (r) => [...new Set(r.problems.map((p) => p.kind))].sort();
const verify = (response, request, extra = {}) => verifyPresentation(response, { request, origin: shopOrigin, nonces: memoryNonceStore(), ...extra });
const wrap = (presentation) => ({ vp_token: { northwind: [presentation] } });

async function es256Answer(request) {
  const keys = memoryKeyStore();
  await pairwiseKey(keys, shopOrigin, { algorithm: 'ES256' });
  return answer(request, { keys });
}

test('ES256: the holder signs low-S, and a high-S credential or KB-JWT is refused though WebCrypto accepts it', async () => {
  // WebCrypto signs with either S, half the time each: every one of these must come out low and verify.
  for (let i = 0; i < 6; ++i) {
    const request = await shopRequest();
    const { presentation } = await es256Answer(request);
    for (const jwt of [presentation.split('~')[0], presentation.split('~').at(-1)]) assert.ok(isLowS(Buffer.from(jwt.split('.')[2], 'base64url')));
    assert.equal((await verify(wrap(presentation), request)).valid, true);
  }
  const request = await shopRequest();
  const { presentation, key } = await es256Answer(request);
  const parts = partsOf(presentation);
  const highCredential = await rebuild(key, parts, { highCredential: true });
  const [h, p, s] = highCredential.split('~')[0].split('.');
  const publicKey = await webcrypto.subtle.importKey('jwk', key.publicJwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  assert.ok(await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, Buffer.from(s, 'base64url'), Buffer.from(`${h}.${p}`)), 'the high-S form is a valid ECDSA signature');
  const r1 = await verify(wrap(highCredential), request);
  assert.equal(r1.valid, false);
  assert.ok(r1.problems.some((q) => q.kind === 'signature' && /low S/.test(q.message)));
  assert.deepEqual(Object.keys(r1.claims), []);
  const r2 = await verify(wrap(await rebuild(key, parts, { highKb: true })), request);
  assert.equal(r2.valid, false);
  assert.ok(r2.problems.some((q) => q.kind === 'key-binding' && /low S/.test(q.message)));
  assert.deepEqual(Object.keys(r2.claims), []);
  // The same parts signed low-S verify: only the S made the difference.
  assert.equal((await verify(wrap(await rebuild(key, parts)), request)).valid, true);
  assert.deepEqual(flipS(flipS(Buffer.from(s, 'base64url'))), new Uint8Array(Buffer.from(s, 'base64url')));
});

test('a crit header on the credential or on the KB-JWT is refused, even when signed', async () => {
  const request = await shopRequest();
  const { presentation, key } = await answer(request);
  const parts = partsOf(presentation);
  const onCredential = await verify(wrap(await rebuild(key, { ...parts, header: { ...parts.header, crit: ['exp'] } })), request);
  assert.deepEqual(kinds(onCredential), ['malformed']);
  assert.match(onCredential.problems[0].message, /crit/);
  const onKb = await verify(wrap(await rebuild(key, { ...parts, kbHeader: { ...parts.kbHeader, crit: ['nonce'] } })), request);
  assert.ok(onKb.problems.some((q) => q.kind === 'key-binding' && /crit/.test(q.message)));
  for (const r of [onCredential, onKb]) {
    assert.equal(r.valid, false);
    assert.deepEqual(Object.keys(r.claims), []);
  }
});

test('an nbf still ahead on the credential or the KB-JWT is refused; one reached is accepted', async () => {
  const request = await shopRequest();
  const { presentation, key } = await answer(request);
  const parts = partsOf(presentation);
  const t = Math.floor(Date.now() / 1000);
  const ahead = await verify(wrap(await rebuild(key, { ...parts, payload: { ...parts.payload, nbf: t + 3600 } })), request);
  assert.ok(ahead.problems.some((q) => q.kind === 'not-yet-valid' && /nbf/.test(q.message)));
  assert.deepEqual(Object.keys(ahead.claims), []);
  const kbAhead = await verify(wrap(await rebuild(key, { ...parts, kbPayload: { ...parts.kbPayload, nbf: t + 3600 } })), request);
  assert.ok(kbAhead.problems.some((q) => q.kind === 'not-yet-valid' && /Key Binding JWT.*nbf/.test(q.message)));
  assert.deepEqual(Object.keys(kbAhead.claims), []);
  const notADate = await verify(wrap(await rebuild(key, { ...parts, payload: { ...parts.payload, nbf: 1e308 } })), request);
  assert.equal(notADate.valid, false);
  const reached = await verify(wrap(await rebuild(key, { ...parts, payload: { ...parts.payload, nbf: t - 10 }, kbPayload: { ...parts.kbPayload, nbf: t - 10 } })), request);
  assert.deepEqual(reached.problems, []);
});

test('claim names: __proto__, constructor, zero-width, non-NFC and empty steps are refused and reach no prototype', async () => {
  const request = await shopRequest();
  const { presentation, key } = await answer(request);
  const parts = partsOf(presentation);
  const bad = [[[], '__proto__'], [['personal'], 'constructor'], [['personal'], 'na\u200Bme'], [['personal'], 'Rene\u0301'], [['personal'], ''], [['personal'], 'toString']];
  const payload = structuredClone(parts.payload);
  const disclosures = [...parts.disclosures];
  for (const [at, name] of bad) {
    const text = b64json(['c2FsdHNhbHRzYWx0c2FsdA', name, { polluted: true }]);
    const d = await digest(text);
    const node = at.reduce((o, step) => o[step], payload);
    node._sd.push(d);
    payload.selfcrm_terms[d] = { level: 'copied', purpose: 'https://w3id.org/dpv#ServicePersonalisation', retention: 'keep' };
    disclosures.push(text);
  }
  const r = await verify(wrap(await rebuild(key, { ...parts, payload, disclosures })), request);
  assert.equal(r.valid, false);
  const refused = r.problems.filter((q) => q.kind === 'malformed-disclosure');
  assert.deepEqual(refused.map((q) => q.index), bad.map((_, i) => parts.disclosures.length + i));
  for (const q of refused) assert.match(q.message, /prototype|printable|NFC|empty/);
  assert.equal(Object.getPrototypeOf(r.claims), null);
  assert.deepEqual(Object.keys(r.claims).sort(), ['/identities/email/primary', '/personal/birthYear', '/personal/name', 'band:clv', 'persona', 'segment:evangelist']);
  Object.assign({}, r.claims);
  assert.equal({}.polluted, undefined);
  // A company cannot ask for such names either.
  for (const path of [['__proto__'], ['personal', 'constructor']]) {
    await assert.rejects(createRequest({ dcql: { credentials: [{ id: 'q', claims: [{ id: 'x', path }] }] }, purpose: 'dpv:Marketing' }), { code: 'E_SCHEMA' });
  }
});

test('a borrowed claim without an expiry, or lent beyond the grant rules\' limit, is refused', async () => {
  await assert.rejects(shopRequest({ extra: { borrowFor: 70 * 365 * 86400 } }), { code: 'E_RANGE' });
  const request = await shopRequest();
  const { presentation, key } = await answer(request);
  const parts = partsOf(presentation);
  const personaDigest = await digest(parts.disclosures.find((d) => decode(d)[1] === 'persona'));
  const withTerm = async (change) => {
    const payload = structuredClone(parts.payload);
    change(payload.selfcrm_terms[personaDigest]);
    return rebuild(key, { ...parts, payload });
  };
  // A request edited by hand to lend for 70 years, answered in kind: the limit holds regardless.
  const longExp = parts.payload.iat + 70 * 365 * 86400;
  const long = structuredClone(request);
  long.selfcrm.terms.find((t) => t.path[0] === 'persona').expires_at = longExp;
  const r1 = await verify(wrap(await withTerm((t) => { t.exp = longExp; })), long);
  assert.ok(r1.problems.some((q) => q.kind === 'terms' && q.claim === 'persona' && /at most 366 days/.test(q.message)));
  assert.equal(r1.claims.persona, undefined);
  const r2 = await verify(wrap(await withTerm((t) => { delete t.exp; })), request);
  assert.ok(r2.problems.some((q) => q.kind === 'terms' && q.claim === 'persona'));
  assert.equal(r2.claims.persona, undefined);
});

test('oversize responses, presentations, headers and disclosure counts are refused before any signature work', async () => {
  const request = await shopRequest();
  const { presentation } = await answer(request);
  const L = defaultPresentationLimits;
  const [h, ...rest] = presentation.split('.');
  const cases = {
    'response text': 'x'.repeat(L.maxResponseLength + 1),
    'vp_token text': { vp_token: ' '.repeat(L.maxResponseLength + 1) },
    presentations: { vp_token: Object.fromEntries(Array.from({ length: L.maxPresentations + 1 }, (_, i) => [`q${i}`, [presentation]])) },
    'presentation length': wrap(presentation + 'A'.repeat(L.maxPacketLength)),
    disclosures: wrap(`${presentation.split('~')[0]}~${'x~'.repeat(L.maxDisclosures + 1)}kb`),
    header: wrap([`${h}${'A'.repeat(L.maxHeaderLength)}`, ...rest].join('.')),
  };
  const subtle = globalThis.crypto.subtle;
  let calls = 0;
  const counted = ['verify', 'importKey'];
  for (const name of counted) {
    subtle[name] = function (...args) {
      ++calls;
      return Object.getPrototypeOf(subtle)[name].apply(this, args);
    };
  }
  try {
    for (const [name, response] of Object.entries(cases)) {
      const r = await verify(response, request);
      assert.deepEqual(kinds(r), ['too-large'], name);
      assert.equal(calls, 0, `${name}: no key imported, no signature checked`);
    }
    // The bounds are options: raised, the same disclosures are read (and found malformed instead).
    const raised = await verify(cases.disclosures, request, { limits: { maxDisclosures: L.maxDisclosures + 10 } });
    assert.ok(!kinds(raised).includes('too-large'));
  } finally {
    for (const name of counted) delete subtle[name];
  }
  assert.equal((await verify(wrap(presentation), request)).valid, true, 'a genuine answer is within every bound');
  assert.deepEqual(kinds(await verify(wrap(presentation), request, { limits: { maxDisclosures: 0 } })), ['request']);
  assert.deepEqual(kinds(await verify(wrap(presentation), request, { limits: { noSuchLimit: 1 } })), ['request']);
});
