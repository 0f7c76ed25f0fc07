// Independent verifiers agree with verifyPresentation on a generated set of requests and approvals:
// @sd-jwt/sd-jwt-vc (unmodified, key binding required) reads the same disclosed values and rejects
// what we reject for signature or binding; the `dcql` package's matcher says the query is met
// exactly when we say the answer is valid.
import assert from 'node:assert/strict';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { test } from 'node:test';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest } from '@sd-jwt/crypto-nodejs';
import { DcqlPresentationResult, DcqlQuery } from 'dcql';
import { memoryKeyStore } from 'selfcrm';
import { claimOfPath, createRequest, memoryNonceStore, selfcrmVct, verifyPresentation } from 'selfcrm/company';
import { answer, allClaims, shopOrigin, values } from './presentation_fixtures.mjs';
import { seeded } from './share_fixtures.mjs';

const payloadOf = (jws) => JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString('utf8'));

// JWS signature check with the key the self-issued credential names in cnf.jwk.
function jwsVerify(data, signature, jwk) {
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const sig = Buffer.from(signature, 'base64url');
  return jwk.kty === 'OKP'
    ? nodeVerify(null, Buffer.from(data), key, sig)
    : nodeVerify('sha256', Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' }, sig);
}

const sdjwt = new SDJwtVcInstance({
  hasher: digest,
  hashAlg: 'sha-256',
  verifier: (data, signature) => jwsVerify(data, signature, payloadOf(data).cnf.jwk),
  kbVerifier: (data, signature, payload) => jwsVerify(data, signature, payload.cnf.jwk),
});

function leaf(obj, path) {
  return path.reduce((node, step) => (node && typeof node === 'object' ? node[step] : undefined), obj);
}

function pickSome(rand, list, min) {
  const out = list.filter(() => rand() < 0.6);
  while (out.length < min) {
    const extra = list[Math.floor(rand() * list.length)];
    if (!out.includes(extra)) out.push(extra);
  }
  return out;
}

test('independent verifiers agree on 40 generated requests and approvals', async () => {
  const rand = seeded(18);
  let valid = 0;
  let partial = 0;
  for (let round = 0; round < 40; ++round) {
    const asked = pickSome(rand, allClaims, 1).map((c) => (c.values && rand() < 0.3 ? { ...c, values: ['low'] } : c));
    const ids = asked.map((c) => c.id);
    const claimSets = rand() < 0.3 && ids.length > 1 ? [ids, ids.slice(0, 1)] : undefined;
    const request = await createRequest({
      dcql: { credentials: [{ id: 'q', claims: asked, ...(claimSets ? { claim_sets: claimSets } : {}) }] },
      purpose: rand() < 0.5 ? 'dpv:Marketing' : 'dpv:ServicePersonalisation',
      levels: rand() < 0.5 ? { persona: 'borrowed' } : {},
    });
    // A vault presents no value outside the query's `values`: such a claim cannot be approved.
    const presentable = asked.filter((c) => !c.values || c.values.includes(values[claimOfPath(c.path)]));
    if (presentable.length === 0) continue;
    const names = pickSome(rand, presentable, 1).map((c) => claimOfPath(c.path));
    const { presentation, response } = await answer(request, { names, keys: memoryKeyStore() });
    const ours = await verifyPresentation(response, { request, origin: shopOrigin, nonces: memoryNonceStore() });

    // @sd-jwt/sd-jwt-vc: signature, disclosures, KB-JWT with our nonce and sd_hash.
    const theirs = await sdjwt.verify(presentation, { keyBindingNonce: request.nonce });
    assert.equal(theirs.payload.vct, selfcrmVct);
    assert.equal(theirs.header.typ, 'dc+sd-jwt');
    assert.equal(theirs.kb.payload.aud, `origin:${shopOrigin}`);
    for (const name of names) {
      const path = asked.find((c) => claimOfPath(c.path) === name).path;
      assert.deepEqual(leaf(theirs.payload, path), values[name], `${name} reads the same`);
      if (ours.claims[name]) assert.deepEqual(ours.claims[name].value, values[name]);
    }

    // dcql: does the disclosed credential satisfy the query?
    const query = DcqlQuery.parse(request.dcql_query);
    DcqlQuery.validate(query);
    const credential = { credential_format: 'dc+sd-jwt', vct: theirs.payload.vct, claims: theirs.payload, cryptographic_holder_binding: true };
    const matched = DcqlPresentationResult.fromDcqlPresentation({ q: [credential] }, { dcqlQuery: query }).can_be_satisfied;
    assert.equal(matched, ours.valid, `round ${round}: dcql ${matched}, ours ${JSON.stringify(ours.problems)}`);
    if (ours.valid) valid += 1;
    else partial += 1;
  }
  // The generator must exercise both outcomes, or the agreement says little.
  assert.ok(valid >= 5 && partial >= 5, `valid ${valid}, not valid ${partial}`);
});

test('@sd-jwt/sd-jwt-vc rejects what we reject for signature and binding', async () => {
  const request = await createRequest({ dcql: { credentials: [{ id: 'q', claims: allClaims.slice(0, 3) }] }, purpose: 'dpv:Marketing' });
  const { presentation } = await answer(request);
  const [jwt, ...rest] = presentation.split('~');
  const kb = rest.pop();
  const [h, p, s] = jwt.split('.');
  const payload = payloadOf(jwt);
  const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 1 })).toString('base64url')}.${s}`;
  const variants = {
    payload: `${forged}~${rest.map((d) => `${d}~`).join('')}${kb}`,
    'dropped disclosure': `${jwt}~${rest.slice(1).map((d) => `${d}~`).join('')}${kb}`,
    'no kb': `${jwt}~${rest.map((d) => `${d}~`).join('')}`,
  };
  for (const [name, text] of Object.entries(variants)) {
    await assert.rejects(sdjwt.verify(text, { keyBindingNonce: request.nonce }), name);
    const ours = await verifyPresentation({ vp_token: { q: [text] } }, { request, origin: shopOrigin, nonces: memoryNonceStore() });
    assert.equal(ours.valid, false, name);
  }
  await assert.rejects(sdjwt.verify(presentation, { keyBindingNonce: 'another-nonce' }), 'another nonce');
});
