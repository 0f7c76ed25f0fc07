import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import {
  decryptBytes, encodeVault, encryptBytes, loadVaultFile, MIN_PBKDF2_ITERATIONS, ready, saveVaultFile, SelfCrmError, Vault,
} from 'selfcrm';

const dir = mkdtempSync(join(tmpdir(), 'selfcrm-vault-'));
// The crash test's files live in RAM when it can (fsync is then instant, so 100 runs stay quick on
// a busy disk); a killed process loses nothing that reached the page cache either way.
const ramDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'selfcrm-crash-'));
before(() => ready());
after(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(ramDir, { recursive: true, force: true });
});

function sample(id, records) {
  const v = Vault.create(id, { clock: () => Date.UTC(2024, 0, 1) });
  v.addIdentity({ kind: 'email', value: 'Ann@Example.com' });
  v.setAttribute('personal', 'name', 'Ann');
  let text = '';
  for (let i = 0; i < records; ++i) {
    text += `{"type":"transaction","id":"t${i}","at":"2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z","amount":${i}}\n`;
  }
  v.importHistory(text);
  return v;
}

async function rejects(promise, code) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof SelfCrmError, String(e));
    assert.equal(e.code, code, e.message);
    return true;
  });
}

test('a vault file saves and loads back equal; a missing file is E_NOT_FOUND', async () => {
  const v = sample('file', 50);
  const path = join(dir, 'plain.json');
  try {
    await saveVaultFile(path, v);
    const back = await loadVaultFile(path);
    assert.equal(back.toString(), v.toString());
    assert.equal(JSON.parse(readFileSync(path, 'utf8')).schemaVersion, 1);
    back.dispose();
  } finally {
    v.dispose();
  }
  await rejects(loadVaultFile(join(dir, 'absent.json')), 'E_NOT_FOUND');
});

test('encrypted: round trip, wrong or missing passphrase, and too few iterations refused', async () => {
  const v = sample('enc', 20);
  const path = join(dir, 'secret.vault');
  try {
    await saveVaultFile(path, v, { passphrase: 'correct horse' });
    const bytes = readFileSync(path);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'SCRV');
    assert.equal(bytes.readUInt32BE(6), 600000);
    assert.ok(!bytes.includes(Buffer.from('Example.com')), 'plaintext leaked into the file');
    const back = await loadVaultFile(path, { passphrase: 'correct horse' });
    assert.equal(back.toString(), v.toString());
    back.dispose();
    await rejects(loadVaultFile(path, { passphrase: 'wrong horse' }), 'E_DECRYPT');
    await rejects(loadVaultFile(path), 'E_DECRYPT');
    await rejects(encodeVault(v, { passphrase: 'x', iterations: MIN_PBKDF2_ITERATIONS - 1 }), 'E_RANGE');
    // A fresh salt and IV every time: the same vault never encrypts to the same bytes.
    const again = await encodeVault(v, { passphrase: 'correct horse' });
    assert.notDeepEqual(again.subarray(10, 38), new Uint8Array(bytes.subarray(10, 38)));
  } finally {
    v.dispose();
  }
});

test('a flipped byte in any region is detected, never loaded', async () => {
  const plain = new TextEncoder().encode('{"schemaVersion":1}');
  const sealed = await encryptBytes(plain, { passphrase: 'pw' });
  assert.deepEqual(await decryptBytes(sealed, 'pw'), plain);
  const regions = {
    magic: 1, version: 4, kdf: 5, iterations: 8, salt: 12, iv: 30, keyCheck: 40, checksum: 56,
    ciphertext: 62 + 3, tag: sealed.length - 5,
  };
  for (const [region, offset] of Object.entries(regions)) {
    const bad = sealed.slice();
    bad[offset] ^= 0x01;
    await rejects(decryptBytes(bad, 'pw'), 'E_INTEGRITY').catch((e) => {
      throw new Error(`region ${region}: ${e.message}`);
    });
  }
  await rejects(decryptBytes(sealed.subarray(0, 70), 'pw'), 'E_INTEGRITY');
});

test('a save killed at random points always leaves the old or the new state', async () => {
  const stateA = sample('crash', 300);
  const stateB = sample('crash', 320);
  const textA = stateA.toString();
  const textB = stateB.toString();
  stateA.dispose();
  stateB.dispose();
  const fileA = join(ramDir, 'a.json');
  const fileB = join(ramDir, 'b.json');
  writeFileSync(fileA, textA);
  writeFileSync(fileB, textB);
  const saver = new URL('./fixtures/vault_saver.mjs', import.meta.url).pathname;
  const probe = Vault.fromJSON(textB);
  const t0 = performance.now();
  for (let i = 0; i < 3; ++i) await saveVaultFile(join(ramDir, 'probe.json'), probe);
  const saveMs = Math.max(1, (performance.now() - t0) / 3);
  probe.dispose();

  async function once(i) {
    const target = join(ramDir, `crash-${i % 4}.json`);
    writeFileSync(target, textA);
    const child = spawn(process.execPath, [saver, target, fileA, fileB], { stdio: ['ignore', 'pipe', 'inherit'] });
    // Let 0–2 saves complete (the child reports each), then kill at a random point of the next
    // one, scaled by how long a save takes in that child.
    const completed = Math.floor(Math.random() * 3);
    const lastMs = await new Promise((resolve, reject) => {
      let seen = -1; // the first line is "ready"
      let buffered = '';
      child.stdout.on('data', (chunk) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop();
        for (const line of lines) {
          if (++seen === completed) resolve(seen === 0 ? saveMs : Number.parseFloat(line));
        }
      });
      child.once('exit', () => reject(new Error('the saver exited early')));
    });
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 1.5 * lastMs));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const loaded = await loadVaultFile(target);
    const text = loaded.toString();
    loaded.dispose();
    assert.ok(text === textA || text === textB, `run ${i}: neither the old nor the new state`);
    return text === textB ? 'B' : 'A';
  }

  const seen = [];
  for (let i = 0; i < 100; i += 4) seen.push(...(await Promise.all([0, 1, 2, 3].map((k) => once(i + k)))));
  assert.equal(seen.length, 100);
  // Both outcomes occur: the kills really land during the save loop.
  assert.ok(seen.includes('A') && seen.includes('B'), seen.join(''));
});
