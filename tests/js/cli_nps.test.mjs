import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8' });

test('selfcrm nps summarises NDJSON and reports bad lines with their numbers', () => {
  const input = [
    '{"id":"a","score":10}', '{"id":"b","score":9}', '', '{"id":"c","score":5}',
    '{"id":"d","score":"ten"}', 'garbage', '{"id":"e","score":7}', '{"id":"f","score":11}',
  ].join('\n');
  const r = run(['nps'], input);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.n, 4);
  assert.equal(out.rejected, 3);
  assert.equal(out.nps, 25);
  assert.equal(out.promoters + out.passives + out.detractors + out.rejected, 7);
  assert.deepEqual(r.stderr.trim().split('\n'), [
    'line 5: E_SCHEMA at /score: score must be a number',
    'line 6: E_PARSE: the line is not valid JSON',
    'line 8: E_RANGE at /score: an NPS answer must be an integer from 0 to 10',
    '8 lines = 4 results + 3 rejects + 1 blank',
  ]);
});

test('selfcrm nps keeps line numbers across chunk boundaries of a large input', () => {
  const lines = [];
  for (let i = 0; i < 120_000; ++i) lines.push(i === 99_999 ? 'oops' : `{"id":${i},"score":${i % 11}}`);
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-'));
  const file = join(dir, 'answers.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const r = run(['nps', '--input', file, '--output', join(dir, 'out.json')]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, 'line 100000: E_PARSE: the line is not valid JSON\n120000 lines = 119999 results + 1 rejects\n');
  const out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
  assert.equal(out.n, 119_999);
  assert.equal(out.rejected, 1);
});

test('exit codes: 1 when nothing is usable, 2 on usage errors, 0 for --help', () => {
  const empty = run(['nps'], 'nope\n');
  assert.equal(empty.status, 1);
  assert.equal(JSON.parse(empty.stdout).error.code, 'E_EMPTY');
  assert.equal(run(['nps', '--frobnicate'], '').status, 2);
  assert.equal(run(['nope'], '').status, 2);
  assert.equal(run([], '').status, 2);
  const help = run(['nps', '--help'], '');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: selfcrm nps/);
  assert.match(run(['--help'], '').stdout, /nps/);
});
