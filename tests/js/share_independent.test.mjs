// Our packets checked by implementations we did not write: jose for the JWS (signature, exp, aud)
// with the RFC 9901 digest check done by hand, and @sd-jwt/core for the whole SD-JWT.
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { test } from 'node:test';

import { SDJwtInstance } from '@sd-jwt/core';
import { digest } from '@sd-jwt/crypto-nodejs';
import { compactVerify, importJWK, jwtVerify } from 'jose';
import { claimSourceFromObjects, createKeyPair, exportKeyPair } from 'selfcrm';
import { b64, derived, join, parts, profile, sharingWith, shop } from './share_fixtures.mjs';

const specs = [['/personal/name', 'copied'], ['persona', 'borrowed'], ['segment:evangelist', 'copied'], ['/identities/email/primary', 'owned']]
  .map(([claim, level]) => ({ recipient: shop, claim, level, expiresAt: level === 'borrowed' ? '2027-01-01T00:00:00Z' : null }));
const source = claimSourceFromObjects(profile, derived);
// jose and @sd-jwt check exp against the real clock: issue at the real time.
const realNow = new Date();

async function issued(algorithm) {
  const keys = await createKeyPair({ algorithm });
  const { publicJwk } = await exportKeyPair(keys);
  const sharing = await sharingWith(specs, { keyPair: keys, claims: source });
  const { packet } = await sharing.share(shop, { now: realNow });
  assert.equal(sharing.ledger().list().at(-1).type, 'share');
  return { packet, publicJwk, alg: keys.alg };
}

/** RFC 9901 §7.1 by hand: every disclosure's SHA-256 must be in _sd, each once. */
function digestsMatch(packet, payload) {
  const disclosures = parts(packet).disclosures;
  const digests = disclosures.map((d) => createHash('sha256').update(d, 'ascii').digest('base64url'));
  return new Set(digests).size === digests.length && digests.every((d) => payload._sd.includes(d));
}

function tampered(packet) {
  const p = parts(packet);
  const [salt, name] = b64.decode(p.disclosures[0]);
  const body = b64.decode(p.payload);
  body.aud = 'someone-else';
  return {
    disclosure: join({ ...p, disclosures: [b64.encode([salt, name, 'forged']), ...p.disclosures.slice(1)] }),
    payload: join({ ...p, payload: b64.encode(body) }),
    signature: join({ ...p, signature: `${p.signature.slice(0, -4)}AAAA` }),
  };
}

for (const algorithm of ['EdDSA', 'ES256']) {
  test(`jose verifies our ${algorithm} packets and the digests check out`, async () => {
    const { packet, publicJwk, alg } = await issued(algorithm);
    const key = await importJWK(publicJwk, alg);
    const { payload, protectedHeader } = await jwtVerify(packet.split('~')[0], key, { audience: shop.id, typ: 'selfcrm-share+sd-jwt' });
    assert.equal(protectedHeader.alg, alg);
    assert.equal(payload._sd_alg, 'sha-256');
    assert.ok(digestsMatch(packet, payload));

    const bad = tampered(packet);
    const { payload: p2 } = await jwtVerify(bad.disclosure.split('~')[0], key);
    assert.equal(digestsMatch(bad.disclosure, p2), false, 'a forged disclosure fails the digest check');
    await assert.rejects(compactVerify(bad.payload.split('~')[0], key));
    await assert.rejects(compactVerify(bad.signature.split('~')[0], key));
    await assert.rejects(jwtVerify(packet.split('~')[0], key, { audience: 'bank-2' }));
  });
}

test('@sd-jwt/core verifies our packets and rejects tampered ones', async () => {
  const { packet, publicJwk } = await issued('EdDSA');
  const publicKey = createPublicKey({ key: publicJwk, format: 'jwk' });
  const sdjwt = new SDJwtInstance({
    hasher: digest,
    hashAlg: 'sha-256',
    verifier: (data, signature) => nodeVerify(null, Buffer.from(data), publicKey, Buffer.from(signature, 'base64url')),
  });
  const { payload } = await sdjwt.verify(packet);
  assert.equal(payload['/personal/name'], 'Ada Lovelace');
  assert.equal(payload.persona, 'explorer');
  assert.equal(payload['segment:evangelist'], true);
  assert.equal(payload['/identities/email/primary'], undefined, 'an owned claim is not in the packet');
  assert.deepEqual((await sdjwt.keys(packet)).filter((k) => !['_sd_alg', 'aud', 'iat', 'exp', 'jti', 'terms', 'iss'].includes(k) && !k.startsWith('terms.')).sort(), ['/personal/name', 'persona', 'segment:evangelist']);

  const bad = tampered(packet);
  await assert.rejects(sdjwt.verify(bad.payload), 'a modified payload is rejected');
  await assert.rejects(sdjwt.verify(bad.signature), 'a modified signature is rejected');
  // @sd-jwt/core 0.17 drops a disclosure whose digest is not in _sd instead of rejecting the whole
  // SD-JWT (RFC 9901 §7.1 says reject; our verifyShare flags it): the forged value never surfaces.
  const forged = await sdjwt.verify(bad.disclosure).then((r) => r.payload, () => undefined);
  const forgedName = b64.decode(parts(bad.disclosure).disclosures[0])[1];
  assert.ok(forged === undefined || forged[forgedName] === undefined, 'the forged claim is not accepted');
  assert.ok(!JSON.stringify(forged ?? {}).includes('forged'));
});
