// Issue 24 item 1: one writer at a time per vault file. Two `selfcrm vault import` runs on one
// file keep both runs' records; a lock left by a dead process is taken over, a live one waited
// for (then E_LOCKED); a killed save's temporary files are cleaned on the next open.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import * as selfcrm from 'selfcrm';

const { ready, Vault, loadVaultFile, saveVaultFile, updateVaultFile } = selfcrm;
const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'selfcrm-lock-'));
after(() => rmSync(dir, { recursive: true, force: true }));
before(() => ready());

const lines = (prefix, n) =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ type: 'transaction', id: `${prefix}${i}`, at: '2024-01-02', amount: i + 1 })).join('\n');

function importRun(file, input) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'vault', 'import', file], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (status) => resolve({ status, out, err }));
    child.stdin.end(input);
  });
}

test('two concurrent imports into one file keep all 4,000 records (several trials)', async () => {
  const a = lines('a', 2000);
  const b = lines('b', 2000);
  for (let trial = 0; trial < 6; ++trial) {
    const file = join(dir, `concurrent-${trial}.json`);
    assert.equal(spawnSync(process.execPath, [cli, 'vault', 'create', file]).status, 0);
    const runs = await Promise.all([importRun(file, a), importRun(file, b)]);
    for (const r of runs) {
      assert.equal(r.status, 0, r.err);
      assert.deepEqual(JSON.parse(r.out), { added: 2000, duplicates: 0, rejected: 0 });
    }
    const v = await loadVaultFile(file);
    assert.equal(v.profileJSON().history.transactions.length, 4000, `trial ${trial}`);
    assert.equal(existsSync(join(dir, `.concurrent-${trial}.json.lock`)), false, 'the lock is released');
  }
});

function deadPid() {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

test('a stale lock (dead process on this host, or an untouched one from another host) is taken over', async () => {
  const file = join(dir, 'stale.json');
  const v = Vault.create('stale');
  const lock = join(dir, '.stale.json.lock');
  writeFileSync(lock, JSON.stringify({ host: hostname(), pid: deadPid(), token: 'x', since: '2026-01-01T00:00:00Z' }));
  await saveVaultFile(file, v, { lockTimeoutMs: 0 });
  assert.equal(existsSync(lock), false);

  writeFileSync(lock, JSON.stringify({ host: 'elsewhere.example', pid: 1, token: 'y', since: '2026-01-01T00:00:00Z' }));
  const old = new Date(Date.now() - 120_000);
  utimesSync(lock, old, old);
  const back = await loadVaultFile(file, { lockTimeoutMs: 0 });
  assert.equal(back.profileJSON().id, 'stale');
  // A lock cut short by a crash (not JSON) is judged by its age too.
  writeFileSync(lock, '{"host":');
  utimesSync(lock, old, old);
  await saveVaultFile(file, v, { lockTimeoutMs: 0 });
  assert.equal(existsSync(lock), false);
});

test('a live lock is waited for, then refused with E_LOCKED naming its holder', async () => {
  const file = join(dir, 'live.json');
  const v = Vault.create('live');
  await saveVaultFile(file, v);
  const lock = join(dir, '.live.json.lock');
  writeFileSync(lock, JSON.stringify({ host: hostname(), pid: process.ppid, token: 'z', since: '2026-01-01T00:00:00Z' }));
  await assert.rejects(loadVaultFile(file, { lockTimeoutMs: 100 }), (e) => e.code === 'E_LOCKED' && e.message.includes(`process ${process.ppid}`));
  const fresh = JSON.stringify({ host: 'elsewhere.example', pid: 1, token: 'w', since: '2026-01-01T00:00:00Z' });
  writeFileSync(lock, fresh);
  await assert.rejects(saveVaultFile(file, v, { lockTimeoutMs: 50 }), (e) => e.code === 'E_LOCKED');
  assert.equal(readFileSync(lock, 'utf8'), fresh, 'a refused save leaves the holder alone');
  const cliRun = spawnSync(process.execPath, [cli, 'vault', 'show', file, '--lock-timeout', '0.1'], { encoding: 'utf8' });
  assert.equal(cliRun.status, 1);
  assert.match(cliRun.stderr, /E_LOCKED/);
  // Released in time: the waiting update goes ahead.
  setTimeout(() => rmSync(lock), 150);
  const added = await updateVaultFile(file, (w) => w.addTransaction({ id: 't1', at: '2024-01-01', amount: 3 }), { lockTimeoutMs: 5000 });
  assert.equal(added, true);
});

test('temporary files of a killed save are removed on the next open; an update that throws saves nothing', async () => {
  const file = join(dir, 'temps.json');
  const v = Vault.create('temps');
  await saveVaultFile(file, v);
  const strays = ['.temps.json.0123456789ab.tmp', '..temps.json.state.ba9876543210.tmp'];
  for (const name of strays) writeFileSync(join(dir, name), 'half a vault');
  writeFileSync(join(dir, '.temps.json.notmine.tmp'), 'kept: not a name a save writes');
  const back = await loadVaultFile(file);
  const names = readdirSync(dir);
  for (const name of strays) assert.equal(names.includes(name), false, name);
  assert.equal(names.includes('.temps.json.notmine.tmp'), true);

  const before = readFileSync(file, 'utf8');
  await assert.rejects(updateVaultFile(file, (w) => {
    w.addTransaction({ id: 't9', at: '2024-01-01', amount: 1 });
    throw new Error('changed my mind');
  }), /changed my mind/);
  assert.equal(readFileSync(file, 'utf8'), before);
});
