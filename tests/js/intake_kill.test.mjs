// Crash safety: `selfcrm intake` killed with SIGKILL at 30 random points (each kill followed by the
// next run on the same store, which resumes), then run to the end, leaves exactly the store of a
// run that was never killed; after every kill no customer is half written.
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
const set = await generatedSet(16);
writeFileSync(input, `${set.lines.join('\n')}\n`);
// Two lines per transaction: many commit points for a kill to fall between.
const args = (store) => [cli, 'intake', '--store', store, '--now', now.toISOString(), '--batch', '2', input];

const journalMagic = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);

async function snapshot(file) {
  const store = await IntakeStore.open(file);
  try {
    return { claims: store.allClaims(), ...store.evidence() };
  } finally {
    await store.close();
  }
}

function killedRun(store, afterMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args(store), { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? code);
    });
  });
}

test('30 kills at random points, then a full run: the store equals an uninterrupted run', async (t) => {
  const reference = join(dir, 'reference.sqlite');
  const started = performance.now();
  const whole = spawnSync(process.execPath, args(reference), { encoding: 'utf8' });
  const duration = performance.now() - started;
  assert.equal(whole.status, 0, whole.stderr);
  const want = await snapshot(reference);
  assert.equal(want.claims.length, 16 * 8);

  const store = join(dir, 'killed.sqlite');
  let killed = 0;
  let inside = 0;
  for (let k = 0; k < 30; ++k) {
    const outcome = await killedRun(store, Math.random() * duration);
    if (outcome === 'SIGKILL') killed += 1;
    // A hot rollback journal (its header intact; a committed one is zeroed): the kill fell inside a
    // transaction, which the next open rolls back.
    if (existsSync(`${store}-journal`) && readFileSync(`${store}-journal`).subarray(0, 8).equals(journalMagic)) inside += 1;
    // Whatever was written is whole: every customer has all 8 copied claims of its answer or none.
    const bySubject = new Map();
    for (const c of (await snapshot(store)).claims) bySubject.set(c.subject, (bySubject.get(c.subject) ?? 0) + 1);
    for (const [subject, n] of bySubject) assert.equal(n, 8, `after kill ${k + 1}: ${subject} has ${n} claims`);
  }
  t.diagnostic(`${killed} of 30 runs killed, ${inside} inside a transaction`);
  assert.ok(killed >= 15, `only ${killed} of 30 runs were killed before they ended`);
  const last = spawnSync(process.execPath, args(store), { encoding: 'utf8' });
  assert.equal(last.status, 0, last.stderr);
  assert.deepEqual(await snapshot(store), want);
});
