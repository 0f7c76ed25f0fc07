// One rule for every line-reading command (issue 23, items 7 and 8): the last stderr line is
// "N lines = R results + J rejects", exit 1 when no line gave a result, --max-rejects for stricter
// pipelines; fit reports its lines like the others and reads CSV like the others.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { now as intakeNow, validLine } from './intake_fixtures.mjs';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const data = (name) => readFileSync(new URL(`../../demo/data/${name}`, import.meta.url), 'utf8').trimEnd().split('\n');
const profiles = data('profiles.ndjson').slice(0, 6);
const answers = data('answers.ndjson').slice(0, 6);
const transactions = data('transactions.ndjson').slice(0, 40);
const dir = mkdtempSync(join(tmpdir(), 'selfcrm-exit-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
const lastLine = (text) => text.trimEnd().split('\n').at(-1);
const asOf = ['--as-of', '2026-11-01T00:00:00Z'];

// A CSV export fed where NDJSON is expected: every line is rejected.
const csv = 'customerId,at,amount\nc1,2024-01-01,5\nc2,2024-02-01,7\n';
const vaultFile = join(dir, 'v.json');

const commands = [
  { name: 'score', args: ['score', ...asOf], good: profiles },
  { name: 'analyze', args: ['analyze', ...asOf], good: profiles },
  { name: 'report', args: ['report', ...asOf], good: profiles },
  { name: 'nps', args: ['nps'], good: answers },
  { name: 'nps -r', args: ['nps', '-r'], good: answers },
  { name: 'segment', args: ['segment', ...asOf], good: [JSON.stringify({ id: 'a', segments: [] })] },
  { name: 'fit', args: ['fit'], good: transactions },
  { name: 'vault import', args: ['vault', 'import', vaultFile], good: ['{"type":"survey","id":"s1","at":"2024-01-01","score":9}'] },
  { name: 'intake', args: ['intake', '--store', join(dir, 'intake.sqlite'), '--now', intakeNow.toISOString()], good: [(await validLine(0)).text, (await validLine(1)).text] },
];

for (const c of commands) {
  test(`${c.name}: no line gave a result → exit 1 and "N lines = 0 results + N rejects"`, () => {
    if (c.name === 'vault import') assert.equal(run(['vault', 'create', vaultFile, '--id', 'v', '--force']).status, 0);
    const r = run(c.args, csv);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(lastLine(r.stderr), '3 lines = 0 results + 3 rejects');
    assert.match(r.stderr, /^line 1: E_PARSE/m);
  });

  test(`${c.name}: good lines → exit 0 and the count line; --max-rejects makes rejects fail the run`, () => {
    if (c.name === 'vault import') assert.equal(run(['vault', 'create', vaultFile, '--id', 'v', '--force']).status, 0);
    const input = `${[...c.good, 'not json'].join('\n')}\n`;
    const n = c.good.length + 1;
    const r = run(c.args, input);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(lastLine(r.stderr), `${n} lines = ${n - 1} results + 1 rejects`);
    if (c.name === 'vault import') assert.equal(run(['vault', 'create', vaultFile, '--id', 'v', '--force']).status, 0);
    const strict = run([...c.args, '--max-rejects', '0'], input);
    assert.equal(strict.status, 1, strict.stderr);
    assert.match(strict.stderr, /1 lines rejected, more than --max-rejects 0\n.*\n$/);
    assert.equal(lastLine(strict.stderr), `${n} lines = ${n - 1} results + 1 rejects`);
    assert.equal(run([...c.args, '--max-rejects', '1'], input).status, 0);
    assert.equal(run([...c.args, '--max-rejects', 'many'], input).status, 2);
  });
}

test('blank lines are counted apart, so the count line always adds up', () => {
  const r = run(['nps', '-r'], `${answers[0]}\n\n${answers[1]}\n`);
  assert.equal(r.status, 0);
  assert.equal(lastLine(r.stderr), '3 lines = 2 results + 0 rejects + 1 blank');
});

test('vault import saves nothing when more lines were rejected than --max-rejects allows', () => {
  assert.equal(run(['vault', 'create', vaultFile, '--id', 'v', '--force']).status, 0);
  const before = readFileSync(vaultFile, 'utf8');
  const r = run(['vault', 'import', vaultFile, '--max-rejects', '0'], '{"type":"survey","id":"s1","at":"2024-01-01","score":9}\nnope\n');
  assert.equal(r.status, 1);
  assert.deepEqual(JSON.parse(r.stdout), { added: 1, duplicates: 0, rejected: 1 });
  assert.equal(readFileSync(vaultFile, 'utf8'), before);
});

test('fit with nothing usable reports every line and the counts, and writes no model', () => {
  const input = '{"customerId":"a","at":"2024-13-01","amount":5}\n{"customerId":"a"}\nnope\n';
  const r = run(['fit'], input);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.match(lines[0], /^line 1: E_RANGE at \/at: /);
  assert.deepEqual(lines.slice(1), [
    'line 2: E_SCHEMA at /at: at is required',
    'line 3: E_PARSE: the line is not valid JSON',
    'selfcrm fit: no line gave a result',
    '3 lines = 0 results + 3 rejects',
  ]);
  const rejects = join(dir, 'fit-rejects.ndjson');
  assert.equal(run(['fit', '--rejects', rejects], input).status, 1);
  assert.deepEqual(readFileSync(rejects, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l).line), [1, 2, 3]);
});

test('fit reads CSV like the other commands (numeric customer ids included)', () => {
  const file = join(dir, 'tx.csv');
  writeFileSync(file, 'customerId,at,amount,margin\n1001,2024-01-05,20,5\n1001,2024-03-01,30,6\nc2,2024-02-01,15,3\n1001,bad,1,1\n');
  const r = run(['fit', '-i', file, '--as-of', '2024-06-01']);
  assert.equal(r.status, 0, r.stderr);
  const model = JSON.parse(r.stdout);
  assert.equal(model.fit.customers, 2);
  assert.equal(model.fit.transactions, 3);
  assert.match(r.stderr, /^line 5: E_RANGE at \/at/m);
  assert.equal(lastLine(r.stderr), '5 lines = 3 results + 1 rejects + 1 blank');
  const viaStdin = run(['fit', '--csv', '--as-of', '2024-06-01'], readFileSync(file, 'utf8'));
  assert.equal(viaStdin.stdout, r.stdout);
});
