// Speed of sharing, side by side with peers on the same claims in the same process (medians):
// issuing and verifying a 5-claim SD-JWT with ours vs @sd-jwt/core (Ed25519 through node:crypto),
// and estimating NPS from 1e6 randomized reports vs a plain JS count + formula.
// Run after a build: node bench/share.mjs
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';

import { SDJwtInstance } from '@sd-jwt/core';
import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { claimSourceFromObjects, createKeyPair, estimateFromRandomized, exportKeyPair, ready, Sharing, verifyShare } from 'selfcrm';
// The packet step alone (internal: the public sharing.share also records it), timed like for like with the peer's issue.
import { share } from '../dist/share/packet.js';

await ready();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn, rounds = 7, reps = 200) {
  const out = [];
  for (let r = 0; r < rounds; ++r) {
    const t0 = performance.now();
    for (let i = 0; i < reps; ++i) await fn();
    out.push((performance.now() - t0) / reps);
  }
  return median(out);
}

const recipient = { id: 'shop', displayName: 'Shop', origin: 'https://shop.example' };
const values = { '/personal/name': 'Ada', persona: 'explorer', 'band:clv': 'high', 'nps:category': 'promoter', 'rfm:segment': 'champions' };
const { '/personal/name': _name, ...derived } = values;
const source = claimSourceFromObjects({ personal: { name: 'Ada' } }, derived);
const keys = await createKeyPair();
// The packet alone is timed as the peer's issue is; the public sharing.share (packet + ledger entry) on its own row.
const sharing = await Sharing.open({ keyPair: keys, claims: source });
for (const claim of Object.keys(values)) await sharing.grant({ recipient, claim, level: 'copied', purpose: 'bench' });
const grants = sharing.grants();
const { publicJwk, privateJwk } = await exportKeyPair(keys);
const ours = await sharing.share(recipient);

const privateKey = createPrivateKey({ key: privateJwk, format: 'jwk' });
const publicKey = createPublicKey({ key: publicJwk, format: 'jwk' });
const peer = new SDJwtInstance({
  hasher: digest, hashAlg: 'sha-256', saltGenerator: generateSalt, signAlg: 'EdDSA',
  signer: (data) => nodeSign(null, Buffer.from(data), privateKey).toString('base64url'),
  verifier: (data, sig) => nodeVerify(null, Buffer.from(data), publicKey, Buffer.from(sig, 'base64url')),
});
const payload = { aud: 'shop', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600, ...values };
const frame = { _sd: Object.keys(values) };
const theirs = await peer.issue(payload, frame);

const rows = [
  ['issue 5-claim SD-JWT (ms)', await time(() => share(recipient, grants, source, keys)), await time(() => peer.issue(payload, frame))],
  ['share() recorded in the ledger, 5 claims (ms)', await time(() => sharing.share(recipient)), await time(() => peer.issue(payload, frame))],
  ['verify 5-claim SD-JWT (ms)', await time(() => verifyShare(ours.packet, { publicKey: { alg: keys.alg, key: keys.publicKey } })), await time(() => peer.verify(theirs))],
];

const categories = ['detractor', 'passive', 'promoter'];
const reports = Array.from({ length: 1e6 }, (_, i) => categories[i % 3]);
const plain = () => {
  const c = [0, 0, 0];
  for (const r of reports) c[categories.indexOf(r)] += 1;
  const p = Math.E / (Math.E + 2), q = 1 / (Math.E + 2), n = reports.length;
  const [lm, , lp] = c.map((x) => x / n);
  return { nps: (100 * (lp - lm)) / (p - q), se: (100 * Math.sqrt((lp + lm - (lp - lm) ** 2) / n)) / (p - q) };
};
rows.push(['NPS from 1e6 randomized reports (ms)', await time(() => estimateFromRandomized(reports, { categories, epsilon: 1 }), 5, 3), await time(plain, 5, 3)]);

console.log(`${'task'.padEnd(40)} ${'selfcrm'.padStart(10)} ${'peer'.padStart(10)}`);
for (const [name, a, b] of rows) console.log(`${name.padEnd(40)} ${a.toFixed(3).padStart(10)} ${b.toFixed(3).padStart(10)}`);
console.log('peers: @sd-jwt/core 0.17 with node:crypto Ed25519; a plain JS count + the same formulas');
