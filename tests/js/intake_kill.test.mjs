// Crash safety: `selfcrm intake` killed with SIGKILL at 30 random points (each kill followed by the
// next run on the same store, which resumes; three stores of ten kills), then run to the end,
// leaves exactly the store of a run that was never killed; after every kill no customer is half
// written.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { IntakeStore } from 'selfcrm/company';
import { generatedSet, now } from './intake_fixtures.mjs';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'selfcrm-intake-kill-'));
const input = join(dir, 'responses.ndjson');
const set = await generatedSet(24);
writeFileSync(input, `${set.lines.join('\n')}\n`);
// Four lines per transaction: several commit points for a kill to fall between.
const args = (store) => [cli, 'intake', '--store', store, '--now', now.toISOString(), '--batch', '4', input];

const journalMagic = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);

async function snapshot(file) {
  const store = await IntakeStore.open(file);
  try {
    return { claims: store.allClaims(), ...store.evidence() };
  } finally {
    await store.close();
  }
}

// Killed a few milliseconds after the run has reported `after` results (each batch reports once
// committed), so the kill lands while later lines are verified or written, not in start-up.
function killedRun(store, after) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args(store), { stdio: ['ignore', 'pipe', 'ignore'] });
    let seen = 0;
    let armed = false;
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString().split('\n').length - 1;
      if (!armed && seen >= after) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 40);
      }
    });
    if (after === 0) {
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), 200 + Math.random() * 600);
    }
    child.on('exit', (code, signal) => resolve(signal ?? code));
  });
}

test('30 kills at random points (3 rounds of 10), each round then run to the end: the store equals an uninterrupted run', async (t) => {
  const reference = join(dir, 'reference.sqlite');
  const whole = spawnSync(process.execPath, args(reference), { encoding: 'utf8' });
  assert.equal(whole.status, 0, whole.stderr);
  const want = await snapshot(reference);
  assert.equal(want.claims.length, 24 * 8);

  let killed = 0;
  let inside = 0;
  for (let round = 0; round < 3; ++round) {
    const store = join(dir, `killed-${round}.sqlite`);
    for (let k = 0; k < 10; ++k) {
      const outcome = await killedRun(store, Math.floor(Math.random() * set.lines.length / 4) * 4);
      if (outcome === 'SIGKILL') killed += 1;
      // A hot rollback journal (its header intact; a committed one is zeroed): the kill fell inside a
      // transaction, which the next open rolls back.
      if (existsSync(`${store}-journal`) && readFileSync(`${store}-journal`).subarray(0, 8).equals(journalMagic)) inside += 1;
      // Whatever was written is whole: every customer has all 8 copied claims of its answer or none.
      const bySubject = new Map();
      for (const c of (await snapshot(store)).claims) bySubject.set(c.subject, (bySubject.get(c.subject) ?? 0) + 1);
      for (const [subject, n] of bySubject) assert.equal(n, 8, `round ${round + 1}, after kill ${k + 1}: ${subject} has ${n} claims`);
    }
    const last = spawnSync(process.execPath, args(store), { encoding: 'utf8' });
    assert.equal(last.status, 0, last.stderr);
    assert.deepEqual(await snapshot(store), want);
  }
  t.diagnostic(`${killed} of 30 runs killed, ${inside} inside a transaction`);
  assert.ok(killed >= 15, `only ${killed} of 30 runs were killed before they ended`);
});

test('a process killed inside a large transaction leaves a hot journal; the next open rolls it back to the last commit', async () => {
  const file = join(dir, 'self-kill.sqlite');
  // The child commits one customer, then writes 40,000 claims in a second transaction (more than
  // SQLite's page cache, so pages reach the file and the journal holds the originals) and kills itself.
  const child = `
    import { IntakeStore } from 'selfcrm/company';
    const store = await IntakeStore.open(${JSON.stringify(file)});
    const purpose = 'https://w3id.org/dpv#Marketing';
    const put = (n) => {
      store.addPresentation({ digest: 'd' + n, nonce: 'n' + n, subject: 'urn:s' + n, credential: 'q', origin: 'https://shop.example', issuedAt: 1, verifiedAt: 1 }, []);
      for (let c = 0; c < 8; ++c) store.putClaim({ subject: 'urn:s' + n, claim: '/personal/c' + c, value: 'value '.repeat(8) + n, purpose, expiresAt: null, issuedAt: 1, nonce: 'n' + n, presentation: 'd' + n, computedWith: null });
    };
    store.transaction(() => put(0));
    store.transaction(() => {
      for (let n = 1; n <= 5000; ++n) put(n);
      process.kill(process.pid, 'SIGKILL');
    });`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', child], { cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8' });
  assert.equal(r.signal, 'SIGKILL', r.stderr);
  assert.ok(readFileSync(`${file}-journal`).subarray(0, 8).equals(journalMagic), 'the killed transaction left a hot journal');
  const after = await snapshot(file);
  assert.deepEqual(after.claims.map((c) => c.subject), Array(8).fill('urn:s0'));
  assert.deepEqual(after.presentations.map((p) => p.digest), ['d0']);
});
