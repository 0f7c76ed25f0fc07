import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'selfcrm-cli-vault-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const run = (args, input, env = {}) =>
  spawnSync(process.execPath, [cli, 'vault', ...args], { input, encoding: 'utf8', env: { ...process.env, ...env } });

test('selfcrm vault creates, imports into, merges and shows vault files', () => {
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  assert.equal(run(['create', a, '--id', 'va']).status, 0);
  assert.equal(run(['create', b, '--id', 'va']).status, 0); // a second copy of vault va
  const history = [
    '{"type":"survey","id":"s1","at":"2024-01-01","score":9}',
    '{"type":"survey","id":"s2","at":"2024-01-02","score":12}',
    'nope',
    '{"type":"transaction","id":"t1","at":"2024-01-03","amount":5}',
  ].join('\n');
  const imported = run(['import', a], history);
  assert.equal(imported.status, 0, imported.stderr);
  assert.deepEqual(JSON.parse(imported.stdout), { added: 2, duplicates: 0, rejected: 2 });
  assert.deepEqual(imported.stderr.trim().split('\n'), [
    'line 2: E_RANGE at /score: expected an integer from 0 to 10',
    'line 3: E_PARSE: the line is not valid JSON',
    '4 lines = 2 results + 2 rejects',
  ]);
  assert.equal(run(['import', b], '{"type":"survey","id":"s9","at":"2024-02-01","score":3}\n').status, 0);
  assert.equal(run(['merge', a, b]).status, 0);
  const shown = run(['show', a]);
  const doc = JSON.parse(shown.stdout);
  assert.equal(doc.id, 'va');
  assert.deepEqual(doc.history.surveys.map((s) => s.id), ['s1', 's9']);
  assert.deepEqual(JSON.parse(readFileSync(a, 'utf8')), doc);
  assert.match(run(['journal', a]).stdout, /history\.import {4}imported 2 records/);
});

test('selfcrm vault encrypts with a passphrase from the environment and reports errors', () => {
  const s = join(dir, 's.vault');
  assert.equal(run(['create', s, '--passphrase-env', 'VAULT_PW'], '', { VAULT_PW: 'pw' }).status, 0);
  assert.equal(readFileSync(s).subarray(0, 4).toString('latin1'), 'SCRV');
  assert.equal(run(['show', s, '--passphrase-env', 'VAULT_PW'], '', { VAULT_PW: 'pw' }).status, 0);
  const wrong = run(['show', s, '--passphrase-env', 'VAULT_PW'], '', { VAULT_PW: 'nope' });
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /E_DECRYPT/);
  assert.equal(run(['show', join(dir, 'absent.json')]).status, 1);
  assert.equal(run(['frobnicate', s]).status, 2);
  assert.equal(run(['merge', s]).status, 2);
  assert.equal(run(['show', s, '--passphrase-env', 'UNSET_VAR_X']).status, 2);
});

test('vault create refuses an existing file; --force replaces it and keeps the old one as a backup (item 1)', () => {
  const f = join(dir, 'keep.json');
  assert.equal(run(['create', f, '--id', 'ann']).status, 0);
  assert.equal(run(['import', f], '{"type":"transaction","id":"t1","at":"2024-01-03","amount":5}\n').status, 0);
  const before = readFileSync(f, 'utf8');
  const again = run(['create', f]);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /E_CONFLICT: .*keep\.json exists.*--force/);
  assert.equal(readFileSync(f, 'utf8'), before);
  const forced = run(['create', f, '--id', 'new', '--force']);
  assert.equal(forced.status, 0, forced.stderr);
  const backup = forced.stderr.match(/kept as (.*\.bak)\n/)[1];
  assert.equal(readFileSync(backup, 'utf8'), before);
  assert.equal(JSON.parse(readFileSync(f, 'utf8')).id, 'new');
  assert.equal(run(['show', f, '--force']).status, 2);
});

test('vault merge refuses two different vaults (E_CONFLICT) and changes neither file (item 2)', () => {
  const ann = join(dir, 'ann.json');
  const bob = join(dir, 'bob.json');
  assert.equal(run(['create', ann, '--id', 'ann']).status, 0);
  assert.equal(run(['create', bob, '--id', 'bob']).status, 0);
  assert.equal(run(['import', bob], '{"type":"transaction","id":"t1","at":"2024-01-03","amount":99}\n').status, 0);
  const [a0, b0] = [readFileSync(ann, 'utf8'), readFileSync(bob, 'utf8')];
  const r = run(['merge', ann, bob]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /E_CONFLICT: vault "bob" is not a copy of vault "ann"/);
  assert.equal(readFileSync(ann, 'utf8'), a0);
  assert.equal(readFileSync(bob, 'utf8'), b0);
});

test('vault import does not encrypt a plain vault unless --encrypt asks (item 3)', () => {
  const f = join(dir, 'plain.json');
  const env = { VAULT_PW: 'pw' };
  assert.equal(run(['create', f, '--id', 'p']).status, 0);
  const line = '{"type":"survey","id":"s1","at":"2024-01-01","score":9}\n';
  // A passphrase alone never changes the protection: refused, the file untouched.
  const before = readFileSync(f);
  const r = run(['import', f, '--passphrase-env', 'VAULT_PW'], line, env);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /E_INTEGRITY: .*not encrypted/);
  assert.deepEqual(readFileSync(f), before);
  // Nothing imported (a duplicate): the file is not rewritten at all.
  assert.equal(run(['import', f], line).status, 0);
  const once = readFileSync(f);
  assert.equal(run(['import', f], line).status, 0);
  assert.deepEqual(readFileSync(f), once);
  // Asked: encrypted, and it stays encrypted on the next change.
  const s2 = '{"type":"survey","id":"s2","at":"2024-01-02","score":7}\n';
  const enc = run(['import', f, '--passphrase-env', 'VAULT_PW', '--encrypt'], s2, env);
  assert.equal(enc.status, 0, enc.stderr);
  assert.equal(readFileSync(f).subarray(0, 4).toString('latin1'), 'SCRV');
  const s3 = '{"type":"survey","id":"s3","at":"2024-01-03","score":8}\n';
  assert.equal(run(['import', f, '--passphrase-env', 'VAULT_PW'], s3, env).status, 0);
  assert.equal(readFileSync(f).subarray(0, 4).toString('latin1'), 'SCRV');
  const shown = JSON.parse(run(['show', f, '--passphrase-env', 'VAULT_PW'], '', env).stdout);
  assert.deepEqual(shown.history.surveys.map((x) => x.id), ['s1', 's2', 's3']);
  assert.equal(run(['import', f, '--encrypt'], s3).status, 2);
});
