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
  assert.equal(run(['create', b, '--id', 'vb']).status, 0);
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
