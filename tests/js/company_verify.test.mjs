// verifyPresentation against answers built by the holder side: what verifies, and every way an
// answer can be wrong (tampered, replayed, for another origin or request, stale, expired) is named.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryKeyStore, pairwiseKey, Sharing } from 'selfcrm';
// The presentation step itself (internal: the public way is present(), which never offers such a value).
import { createPresentation } from '../../dist/share/presentation.js';
import { createRequest, memoryNonceStore, verifyPresentation } from 'selfcrm/company';
import { answer, bankOrigin, shopOrigin, shopRequest, values } from './presentation_fixtures.mjs';

const b64 = {
  decode: (t) => JSON.parse(Buffer.from(t, 'base64url').toString('utf8')),
  encode: (v) => Buffer.from(JSON.stringify(v)).toString('base64url'),
};
// Results hold claims in a null-prototype object: nothing returned is the same empty kind of object.
const none = Object.create(null);
const kinds = (r) => [...new Set(r.problems.map((p) => p.kind))].sort();
const verify = (response, request, extra = {}) => verifyPresentation(response, { request, origin: shopOrigin, nonces: memoryNonceStore(), ...extra });
const wrap = (request, presentation) => ({ vp_token: { [request.dcql_query.credentials[0].id]: [presentation] } });

test('an answer approving everything verifies, with values, terms and the pairwise holder', async () => {
  const request = await shopRequest();
  const { response, key } = await answer(request);
  const result = await verify(response, request);
  assert.deepEqual(result.problems, []);
  assert.equal(result.valid, true);
  assert.equal(result.claims['/personal/name'].value, values['/personal/name']);
  assert.equal(result.claims['band:clv'].value, 'high');
  assert.equal(result.claims.persona.level, 'borrowed');
  assert.equal(result.claims.persona.retention, 'none');
  assert.ok(result.claims.persona.expiresAt);
  assert.equal(result.claims['/personal/name'].purpose, 'https://w3id.org/dpv#ServicePersonalisation');
  assert.deepEqual(result.claims.persona.computedWith, { engine: 'selfcrm 0.1.0', rules: 'default' });
  assert.equal(result.holder.id, `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${key.thumbprint}`);
  // JSON text (as direct_post delivers it) verifies the same way.
  const again = await shopRequest();
  const text = JSON.stringify({ vp_token: JSON.stringify((await answer(again)).response.vp_token) });
  assert.equal((await verify(text, again)).valid, true);
});

test('approving some: the approved claims verify, the rest are reported as not shared', async () => {
  const request = await shopRequest();
  const { response } = await answer(request, { names: ['/personal/name', 'persona'] });
  const result = await verify(response, request);
  assert.equal(result.valid, false);
  assert.deepEqual(Object.keys(result.claims).sort(), ['/personal/name', 'persona']);
  assert.deepEqual(kinds(result), ['not-shared']);
  assert.deepEqual(result.problems.map((p) => p.claim).sort(), ['/identities/email/primary', '/personal/birthYear', 'band:clv', 'segment:evangelist']);
});

test('claim_sets make a partial answer satisfy the query', async () => {
  const claims = [{ id: 'name', path: ['personal', 'name'] }, { id: 'persona', path: ['persona'] }];
  const request = await createRequest({ dcql: { credentials: [{ id: 'q', claims, claim_sets: [['name', 'persona'], ['name']] }] }, purpose: 'dpv:Marketing' });
  const { response } = await answer(request, { names: ['/personal/name'] });
  assert.equal((await verify(response, request)).valid, true);
});

test('a replayed answer (same nonce) is refused the second time', async () => {
  const request = await shopRequest();
  const { response } = await answer(request);
  const nonces = memoryNonceStore();
  assert.equal((await verify(response, request, { nonces })).valid, true);
  const replay = await verify(response, request, { nonces });
  assert.equal(replay.valid, false);
  assert.deepEqual(kinds(replay), ['replay']);
  assert.deepEqual(replay.claims, none);
  // The default store (no `nonces` given) remembers too.
  const r2 = await shopRequest();
  const a2 = (await answer(r2)).response;
  assert.equal((await verifyPresentation(a2, { request: r2, origin: shopOrigin })).valid, true);
  assert.deepEqual(kinds(await verifyPresentation(a2, { request: r2, origin: shopOrigin })), ['replay']);
});

test('an answer made for another origin, or to another request, is refused', async () => {
  const request = await shopRequest();
  const { response } = await answer(request);
  const elsewhere = await verify(response, request, { origin: bankOrigin });
  assert.deepEqual(kinds(elsewhere), ['audience']);
  assert.deepEqual(elsewhere.claims, none);
  // The customer approved request A; a company holding request B cannot use that answer.
  const other = await shopRequest();
  const swapped = await verify(wrap(other, response.vp_token.northwind[0]), other);
  assert.ok(kinds(swapped).includes('nonce'));
  assert.deepEqual(swapped.claims, none);
  // A bank's answer for the bank's origin is not the shop's.
  const forBank = await answer(request, { origin: bankOrigin });
  assert.ok(kinds(await verify(forBank.response, request)).includes('audience'));
});

test('stale key binding, expired credential, expired claim term, expired request', async () => {
  const t0 = new Date();
  const later = (s) => new Date(t0.getTime() + s * 1000);
  const request = await shopRequest({ extra: { borrowFor: 120, validFor: 3600 } });
  const { response } = await answer(request, { validFor: 7200 });
  assert.deepEqual(kinds(await verify(response, request, { now: later(400) })), ['claim-expired', 'stale']);
  assert.deepEqual(kinds(await verify(response, request, { now: later(200), maxAge: 3600 })), ['claim-expired', 'not-shared']);
  assert.deepEqual(kinds(await verify(response, request, { now: later(7300), maxAge: 9000 })), ['claim-expired', 'expired', 'request-expired']);
  assert.deepEqual(kinds(await verify(response, request, { now: later(-120) })), ['not-yet-valid', 'stale']);
});

// Every tampering kind the packet verifier (share/verify.ts) detects, in the new format.
test('tampering: each kind is detected and nothing tampered is returned', async () => {
  const request = await shopRequest();
  const { presentation } = await answer(request);
  const [jwt, ...rest] = presentation.split('~');
  const kb = rest.pop();
  const disclosures = rest;
  const [h, p, s] = jwt.split('.');
  const payload = b64.decode(p);
  const join = (j, ds, k = kb) => `${j}~${ds.map((d) => `${d}~`).join('')}${k}`;
  const cases = {
    malformed: join('not-a-jwt', disclosures),
    signature: join(`${h}.${b64.encode({ ...payload, iat: payload.iat - 1 })}.${s}`, disclosures),
    'signature (bytes)': join(`${h}.${p}.${s.slice(0, -3)}${s.at(-3) === 'A' ? 'B' : 'A'}${s.slice(-2)}`, disclosures),
    'malformed-disclosure': join(jwt, [...disclosures.slice(1), 'bm90IGpzb24']),
    'unknown-disclosure': join(jwt, [...disclosures, b64.encode(['c2FsdHNhbHRzYWx0', 'name', 'Mallory'])]),
    'duplicate-disclosure': join(jwt, [...disclosures, disclosures[0]]),
    'missing-disclosure': join(jwt, disclosures.slice(1)),
    reordered: join(jwt, [...disclosures].reverse()),
    'no key binding': join(jwt, disclosures, ''),
    'key binding from another key': join(jwt, disclosures, (await answer(request)).presentation.split('~').pop()),
    'typ changed': join(`${b64.encode({ ...b64.decode(h), typ: 'vc+sd-jwt' })}.${p}.${s}`, disclosures),
    'crit added': join(`${b64.encode({ ...b64.decode(h), crit: ['x'] })}.${p}.${s}`, disclosures),
  };
  const expected = {
    malformed: ['malformed'], signature: ['signature'], 'signature (bytes)': ['signature'],
    'malformed-disclosure': ['key-binding', 'malformed-disclosure'], 'unknown-disclosure': ['key-binding', 'unknown-disclosure'],
    'duplicate-disclosure': ['duplicate-disclosure', 'key-binding'], 'missing-disclosure': ['key-binding'], reordered: ['key-binding'],
    'no key binding': ['key-binding'], 'key binding from another key': ['key-binding'], 'typ changed': ['type'], 'crit added': ['malformed'],
  };
  for (const [name, text] of Object.entries(cases)) {
    const r = await verify(wrap(request, text), request);
    assert.equal(r.valid, false, name);
    assert.deepEqual(kinds(r).filter((k) => k !== 'not-shared'), expected[name], name);
    assert.deepEqual(r.claims, none, `${name}: nothing tampered is returned`);
  }
});

test('terms and values the request did not set are refused', async () => {
  const request = await shopRequest();
  const { response } = await answer(request);
  // The company checks against its own request: one asking for persona as copied sees borrowed terms.
  const stricter = { ...request, selfcrm: { ...request.selfcrm, terms: request.selfcrm.terms.map((t) => (t.path[0] === 'persona' ? { ...t, level: 'copied', retention: 'keep', expires_at: undefined } : t)) } };
  delete stricter.selfcrm.terms.find((t) => t.path[0] === 'persona').expires_at;
  const r = await verify(response, stricter);
  assert.ok(r.problems.some((p) => p.kind === 'terms' && p.claim === 'persona'));
  assert.equal(r.claims.persona, undefined);
  // A value outside the query's `values`: the vault will not present it; a company checking an
  // answer against a narrower query than the one answered flags it.
  const onlyMedium = await shopRequest({ claims: [{ id: 'clv', path: ['band', 'clv'], values: ['medium'] }] });
  const [item] = (await (await Sharing.open({ claims: { resolve: (c) => values[c] } })).consent(onlyMedium)).items;
  assert.deepEqual([item.claim, item.value, item.available], ['band:clv', 'high', false]);
  assert.match(item.reason, /not one this company accepts/);
  await assert.rejects(answer(onlyMedium), (e) => e.code === 'E_EMPTY', 'approving it leaves nothing to present');
  const clv = { claim: 'band:clv', value: 'high' };
  await assert.rejects(createPresentation(onlyMedium, shopOrigin, { northwind: [clv] }, await pairwiseKey(memoryKeyStore(), shopOrigin)), (e) => e.code === 'E_CONFLICT' && /value/.test(e.message));
  const wide = await shopRequest({ claims: [{ id: 'clv', path: ['band', 'clv'], values: ['medium', 'high'] }] });
  const narrow = { ...wide, dcql_query: { credentials: [{ ...wide.dcql_query.credentials[0], claims: [{ id: 'clv', path: ['band', 'clv'], values: ['medium'] }] }] } };
  const v = await verify((await answer(wide)).response, narrow);
  assert.ok(v.problems.some((p) => p.kind === 'value' && p.claim === 'band:clv'));
});

test('derived claims computed with other rules are refused when the request names its rules', async () => {
  const request = await shopRequest({ extra: { rules: { segments: [{ name: 'vip', when: 'clv >= 1000' }] } } });
  const { response } = await answer(request); // the fixture claims the default rules
  const r = await verify(response, request);
  assert.ok(r.problems.some((p) => p.kind === 'rules' && p.claim === 'persona'));
  assert.equal(r.claims['/personal/name'].value, values['/personal/name'], 'raw claims are unaffected');
});

test('never throws, whatever it is given', async () => {
  const request = await shopRequest();
  for (const bad of [undefined, null, 42, 'x', '{', {}, { vp_token: {} }, { vp_token: { northwind: 'x' } }, { vp_token: { northwind: [1] } }, { vp_token: { other: ['a~b'] } }, { vp_token: '[' }]) {
    const r = await verify(bad, request);
    assert.equal(r.valid, false, JSON.stringify(bad));
    assert.ok(r.problems.length > 0);
  }
  for (const opts of [{ request: {} }, { request, origin: 'shop.example' }, { request: undefined }]) {
    const r = await verifyPresentation({ vp_token: {} }, { origin: shopOrigin, ...opts });
    assert.deepEqual(kinds(r), ['request']);
  }
  assert.equal((await verifyPresentation({}, undefined)).valid, false);
});

test('two origins get pairwise keys that share nothing: iss, cnf, kid, salts', async () => {
  const keys = memoryKeyStore();
  const request = await shopRequest();
  const a = await answer(request, { keys, origin: shopOrigin });
  const b = await answer(request, { keys, origin: bankOrigin });
  const a2 = await answer(request, { keys, origin: shopOrigin });
  const look = (pres) => {
    const [jwt, ...ds] = pres.split('~');
    ds.pop();
    const [h, p] = jwt.split('.');
    return { header: b64.decode(h), payload: b64.decode(p), salts: ds.map((d) => b64.decode(d)[0]) };
  };
  const [x, y, x2] = [look(a.presentation), look(b.presentation), look(a2.presentation)];
  assert.notEqual(x.payload.iss, y.payload.iss);
  assert.notDeepEqual(x.payload.cnf, y.payload.cnf);
  assert.notEqual(x.header.kid, y.header.kid);
  assert.equal(new Set([...x.salts, ...y.salts]).size, x.salts.length + y.salts.length, 'no salt repeats');
  // The same origin sees the same pairwise holder each time (and fresh salts).
  assert.equal(x.payload.iss, x2.payload.iss);
  assert.ok(!x.salts.some((s) => x2.salts.includes(s)));
  // Nothing in one presentation appears in the other's signed parts except fixed vocabulary.
  const ids = [x.payload.iss, JSON.stringify(x.payload.cnf.jwk), x.header.kid];
  assert.ok(!ids.some((id) => b.presentation.includes(id.replace(/^urn:.*:/, ''))));
  assert.equal(a.key.privateKey.extractable, false);
});
