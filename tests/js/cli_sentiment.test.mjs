import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8' });

test('selfcrm sentiment scores NDJSON and plain lines and reports bad lines', () => {
  const input = [
    '{"id":"a","text":"No problem at all, thank you!"}',
    'I want to cancel my account',
    '',
    '{"id":"c","text":42}',
    '{"id":',
    '{"text":"Where is my order?"}',
  ].join('\n');
  const r = run(['sentiment'], input);
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(out.map((o) => o.id), ['a', 2, 6]);
  assert.equal(out[0].label, 'positive');
  assert.deepEqual(out[0].cues, ['praise']);
  assert.deepEqual(out[1].cues, ['churnThreat']);
  assert.deepEqual(out[2].cues, ['question']);
  assert.deepEqual(r.stderr.trim().split('\n'), [
    'line 4: E_SCHEMA at /text: text must be a string',
    'line 5: E_PARSE: the line ends before the JSON is complete (1 bracket still open): it is cut off after 6 bytes',
    '6 lines = 3 results + 2 rejects + 1 blank',
  ]);
});

test('selfcrm sentiment --explain adds drivers; usage errors exit 2', () => {
  const r = run(['sentiment', '--explain'], 'not good\n');
  assert.equal(r.status, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(o.label, 'negative');
  assert.deepEqual(o.drivers.map((d) => [d.token, d.rules]), [['good', ['negated']]]);
  assert.equal(run(['sentiment', '--nope'], '').status, 2);
  assert.equal(run(['sentiment'], '{"text":1}\n').status, 1);
});

test('selfcrm sentiment --explain: a huge line is a reject with its number and the lines after it are scored', () => {
  // Over the 1 MiB text bound (under the line bound): the text is refused, not the run.
  const big = 'so good '.repeat((1 << 20) / 8 + 1);
  let r = run(['sentiment', '--explain', '--jobs', '1'], `${big}\nnot bad\n{"id":"x","text":"${big}"}\ngreat\n`);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l).id), [2, 4]);
  assert.deepEqual(r.stderr.trim().split('\n'), [
    'line 1: E_RANGE: a text is at most 1048576 bytes of UTF-8',
    'line 3: E_RANGE at /text: a text is at most 1048576 bytes of UTF-8',
    '4 lines = 2 results + 2 rejects',
  ]);
  // Over the line bound: the line is skipped unread.
  r = run(['sentiment', '--max-line-bytes', '1000', '--jobs', '2'], `fine\n${'x'.repeat(5000)}\nbad\n`);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l).id), [1, 3]);
  assert.deepEqual(r.stderr.trim().split('\n'), ['line 2: E_RANGE: the line is longer than 1000 bytes', '3 lines = 2 results + 1 rejects']);
  assert.equal(run(['sentiment', '--max-line-bytes', '0'], 'x\n').status, 2);
});
