// selfcrm intake: (1) throughput, answers per second on one core with verification included, next
// to verifyPresentation alone on the same answers (the intake's upper bound: what the store costs
// on top) and to the physical limit of the signatures (raw node:crypto Ed25519 verifies ÷ 2);
// (2) the store's size per million claims, measured at 10k and 100k claims written by the store's
// own code (realistic ids, digests and values) and extrapolated linearly (a B-tree grows linearly).
// Medians of 5 rounds. For a per-core figure pin the process to one core:
//   UV_THREADPOOL_SIZE=1 taskset -c 0 node bench/intake.mjs
import { createHash, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntakeRun, IntakeStore, verifyPresentation } from 'selfcrm/company';
import { now, validLine } from '../tests/js/intake_fixtures.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = mkdtempSync(join(tmpdir(), 'selfcrm-bench-intake-'));
const N = 256;
const lines = [];
for (let i = 0; i < N; ++i) lines.push({ line: i + 1, text: (await validLine(i)).text });

// One warm-up round first (JIT, SQLite's wasm), not counted.
async function rate(fn, rounds = 5) {
  const out = [];
  await fn(-1);
  for (let r = 0; r < rounds; ++r) {
    const t0 = performance.now();
    await fn(r);
    out.push(N / ((performance.now() - t0) / 1000));
  }
  return median(out);
}

const intake = await rate(async (r) => {
  const file = join(dir, `rate-${r + 1}.sqlite`);
  const store = await IntakeStore.open(file);
  const run = new IntakeRun(store, { now });
  for (let at = 0; at < N; at += 64) {
    const { rejects } = await run.add(lines.slice(at, at + 64));
    if (rejects.length) throw new Error(JSON.stringify(rejects[0]));
  }
  await store.close();
  rmSync(file);
});
const parsed = lines.map((l) => JSON.parse(l.text));
const verifyOnly = await rate(async () => {
  for (let at = 0; at < N; at += 64) {
    await Promise.all(parsed.slice(at, at + 64).map(async (p) => {
      const v = await verifyPresentation(p.response, { request: p.request, origin: p.origin, now: new Date(p.receivedAt), nonces: { consume: () => true } });
      if (!v.valid) throw new Error(JSON.stringify(v.problems));
    }));
  }
});
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const message = Buffer.from('x'.repeat(600));
const signature = nodeSign(null, message, privateKey);
const raw = await rate(() => {
  for (let i = 0; i < N * 2; ++i) if (!nodeVerify(null, message, publicKey, signature)) throw new Error('bad');
});

// Size: customers with 8 copied claims each, as intake writes them (same calls, same shapes).
const b64 = (s) => createHash('sha256').update(s).digest('base64url');
async function storeBytes(claims) {
  const file = join(dir, `size-${claims}.sqlite`);
  const store = await IntakeStore.open(file);
  const per = 8;
  const names = ['/personal/name', '/identities/email/primary', '/identities/phone/primary', 'band:clv', 'band:engagement', 'segment:evangelist', 'segment:at-risk', 'nps:category'];
  const purpose = 'https://w3id.org/dpv#ServicePersonalisation';
  for (let c = 0; c < claims / per;) {
    store.transaction(() => {
      for (let k = 0; k < 1000 && c < claims / per; ++k, ++c) {
        const subject = `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${b64(`s${c}`)}`;
        const digest = b64(`p${c}`);
        const nonce = b64(`n${c}`);
        store.addPresentation({ digest, nonce, subject, credential: 'northwind', origin: 'https://shop.example', issuedAt: 1_793_000_000 + c, verifiedAt: 1_793_000_000 + c }, names.map((claim) => ({ claim, level: 'copied', purpose })));
        const values = [`Customer Number${c}`, `customer${c}@example.org`, `+4420${String(c).padStart(8, '0')}`, 'medium', 'high', c % 4 === 0, c % 5 === 0, 'promoter'];
        names.forEach((claim, i) => store.putClaim({ subject, claim, value: values[i], purpose, expiresAt: null, issuedAt: 1_793_000_000 + c, nonce, presentation: digest, computedWith: claim.startsWith('/') ? null : { engine: 'selfcrm 0.1.0', rules: 'default' } }));
      }
    });
  }
  await store.close();
  const bytes = statSync(file).size;
  rmSync(file);
  return bytes;
}
const small = await storeBytes(10_000);
const large = await storeBytes(100_000);
const perMillion = (large / 100_000) * 1e6;
rmSync(dir, { recursive: true, force: true });

const rows = [
  { figure: 'intake, answers/s (9 claims each, verify + SQLite write, 1 core)', selfcrm: intake.toFixed(0), peer: verifyOnly.toFixed(0), ratio: intake / verifyOnly, ratioMeaning: 'of verifyPresentation alone on the same answers' },
  { figure: 'physical limit: raw Ed25519 verifies ÷ 2 per answer', selfcrm: intake.toFixed(0), peer: (raw / 2).toFixed(0), ratio: intake / (raw / 2), ratioMeaning: 'of the signature limit' },
  { figure: 'store bytes per million claims (measured at 100k, ×10)', selfcrm: `${(perMillion / 2 ** 20).toFixed(0)} MiB`, peer: `${((small / 10_000) * 1e6 / 2 ** 20).toFixed(0)} MiB at 10k ×100`, ratio: perMillion / ((small / 10_000) * 1e6), ratioMeaning: '100k-based ÷ 10k-based extrapolation (1.00 = linear)' },
];
for (const r of rows) console.log(`${r.figure.padEnd(66)} ${String(r.selfcrm).padStart(10)} ${String(r.peer).padStart(22)} ${r.ratio.toFixed(2)}`);
console.log(JSON.stringify({
  section: 'Company intake (selfcrm intake)', rows,
  notes: [`${N} answers per round, median of 5 after a warm-up round; one transaction per 64 answers with synchronous=FULL (its fsyncs are most of the store's share); 8 copied claims per customer in the size runs (presentation, grant and claim rows), ${small} bytes at 10k claims, ${large} at 100k. Pin to one core for the per-core figure: \`UV_THREADPOOL_SIZE=1 taskset -c 0 node bench/intake.mjs\`.`],
}));
