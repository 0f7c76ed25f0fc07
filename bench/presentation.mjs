// verifyPresentation throughput on one core, next to the physical limit of the same work in the
// same process: raw node:crypto Ed25519 verifies (a presentation needs two: the credential and the
// Key Binding JWT), and the independent @sd-jwt/sd-jwt-vc verifier (key binding required) on the
// same presentations. Medians of 7 rounds. WebCrypto verifies on libuv's thread pool, so for a
// per-core figure pin the process to one core:
//   UV_THREADPOOL_SIZE=1 taskset -c 0 node bench/presentation.mjs
import { createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest } from '@sd-jwt/crypto-nodejs';
import { memoryKeyStore, pairwiseKey, Sharing } from 'selfcrm';
import { createRequest, verifyPresentation } from 'selfcrm/company';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const origin = 'https://shop.example';
const claims = [
  { id: 'name', path: ['personal', 'name'] }, { id: 'email', path: ['identities', 'email', 'primary'] },
  { id: 'persona', path: ['persona'] }, { id: 'clv', path: ['band', 'clv'] }, { id: 'evangelist', path: ['segment', 'evangelist'] },
];
const values = { '/personal/name': 'Ada Lovelace', '/identities/email/primary': 'ada@example.org', persona: 'explorer', 'band:clv': 'high', 'segment:evangelist': true };
const key = await pairwiseKey(memoryKeyStore(), origin);
// Answers made the public way (untimed): a Sharing presents and records each.
const sharing = await Sharing.open({ claims: { resolve: (claim) => values[claim] } });
const N = 400;
const cases = [];
for (let i = 0; i < N; ++i) {
  const request = await createRequest({ dcql: { credentials: [{ id: 'q', claims }] }, purpose: 'dpv:ServicePersonalisation', validFor: 3600 });
  const { response } = await sharing.present(request, { origin, approve: Object.keys(values), key, computedWith: { engine: 'bench', rules: 'default' } });
  cases.push({ request, response });
}

async function rate(fn) {
  const rounds = [];
  for (let r = 0; r < 7; ++r) {
    const t0 = performance.now();
    await fn(r);
    rounds.push(N / ((performance.now() - t0) / 1000));
  }
  return median(rounds);
}

// Ours: a fresh nonce store per round, so every answer is a first use.
const ours = await rate(async () => {
  const nonces = new Set();
  const store = { consume: (n) => !nonces.has(n) && Boolean(nonces.add(n)) };
  for (const c of cases) {
    const r = await verifyPresentation(c.response, { request: c.request, origin, nonces: store });
    if (!r.valid) throw new Error(JSON.stringify(r.problems));
  }
});

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const message = Buffer.from(cases[0].response.vp_token.q[0].split('~')[0].split('.').slice(0, 2).join('.'));
const signature = nodeSign(null, message, privateKey);
const raw = await rate(() => {
  for (let i = 0; i < N * 2; ++i) if (!nodeVerify(null, message, publicKey, signature)) throw new Error('bad');
});

const payloadOf = (jws) => JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString('utf8'));
const check = (data, sig, jwk) => nodeVerify(null, Buffer.from(data), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(sig, 'base64url'));
const peer = new SDJwtVcInstance({
  hasher: digest, hashAlg: 'sha-256',
  verifier: (data, sig) => check(data, sig, payloadOf(data).cnf.jwk),
  kbVerifier: (data, sig, payload) => check(data, sig, payload.cnf.jwk),
});
const theirs = await rate(async () => {
  for (const c of cases) await peer.verify(c.response.vp_token.q[0], { keyBindingNonce: c.request.nonce });
});

console.log(`${'verify one 5-claim presentation (per second, 1 core)'.padEnd(56)} ${'rate'.padStart(9)}  vs limit`);
console.log(`${'selfcrm/company verifyPresentation (WebCrypto signatures)'.padEnd(56)} ${ours.toFixed(0).padStart(9)}  ${(ours / (raw / 2)).toFixed(2)}`);
console.log(`${'@sd-jwt/sd-jwt-vc 0.19 verify, key binding required'.padEnd(56)} ${theirs.toFixed(0).padStart(9)}  ${(theirs / (raw / 2)).toFixed(2)}`);
console.log(`${'limit: raw node:crypto Ed25519 verify ÷ 2 (two per answer)'.padEnd(56)} ${(raw / 2).toFixed(0).padStart(9)}  1.00`);
console.log(`(raw node:crypto Ed25519 verifies: ${raw.toFixed(0)}/s; ${N} presentations per round, median of 7)`);
