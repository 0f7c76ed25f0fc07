import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const facts = new URL('../data/segments/facts.ndjson', import.meta.url).pathname;
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8' });

test('selfcrm segment: one result per good line, rejects on stderr, lines in = results + rejects', () => {
  const good = readFileSync(facts, 'utf8').trim().split('\n');
  const input = [good[0], 'nope', '', good[1], '[3]', good[2]].join('\n');
  const r = run(['segment', '--as-of', '2024-06-01T00:00:00Z', '--explain'], input);
  assert.equal(r.status, 0, r.stderr);
  const results = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(results.map((x) => [x.line, x.id, x.persona?.name]), [
    [1, 'cust-1', 'evangelist'], [4, 'c2', 'venter-at-risk'], [6, 'c3', 'prospect'],
  ]);
  assert.deepEqual(results[0].segments.map((s) => s.name), ['value-mid', 'evangelist', 'channel-email', 'channel-forum']);
  assert.deepEqual(r.stderr.trim().split('\n'), [
    'line 2: E_PARSE: the line is not valid JSON',
    'line 5: E_SCHEMA: a facts document must be a JSON object',
    '6 lines = 3 results + 2 rejects + 1 blank',
  ]);
});

test('selfcrm segment with company packs from files; bad packs exit 1; bad options exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-seg-'));
  const seg = join(dir, 'segments.json');
  const per = join(dir, 'personas.json');
  const out = join(dir, 'out.ndjson');
  writeFileSync(seg, JSON.stringify({ segments: [{ name: 'promoter', condition: { field: 'scores.nps.category', op: 'eq', value: 'promoter' } }] }));
  writeFileSync(per, JSON.stringify({ personas: [{ name: 'vip', tier: 'gold', priority: 1, condition: { field: 'segments', op: 'contains', value: 'promoter' } }] }));
  const r = run(['segment', '-i', facts, '-o', out, '-s', seg, '-p', per, '-t', '2024-06-01']);
  assert.equal(r.status, 0, r.stderr);
  const results = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(results.map((x) => x.persona), ['vip', null, null]);
  assert.deepEqual(results[0].segments, ['promoter']);
  writeFileSync(seg, JSON.stringify({ segments: [{ name: 'x', condition: { field: 'x.y', op: 'exists' } }] }));
  const bad = run(['segment', '-i', facts, '-s', seg]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /E_SCHEMA/);
  assert.equal(run(['segment', '--as-of', 'tomorrow'], '').status, 2);
  assert.equal(run(['segment', '--frobnicate'], '').status, 2);
  assert.equal(run(['segment', '--help']).status, 0);
});

test('selfcrm cluster: CSV with ids, bad rows reported and left out', () => {
  const csv = 'id,recency,spend\na,1,2\nb,1.5,2\nc,10,11\nd,oops,3\ne,10.5,11\n';
  const r = run(['cluster', '--k', '2', '--seed', '3'], csv);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.columns, ['recency', 'spend']);
  assert.equal(out.rejected, 1);
  assert.equal(out.inertia, 0.25);
  assert.deepEqual(out.assignments.map((a) => a.id), ['a', 'b', 'c', 'e']);
  const [ca, , cc] = out.assignments.map((a) => a.cluster);
  assert.notEqual(ca, cc);
  assert.deepEqual(out.centroids[ca], [1.25, 2]);
  assert.deepEqual(out.centroids[cc], [10.25, 11]);
  assert.equal(r.stderr, 'line 5: E_SCHEMA at /recency: not a finite number: "oops"\n');
});

test('selfcrm cluster: NDJSON objects through --columns, and --choose-k', () => {
  const lines = [];
  for (let i = 0; i < 30; ++i) lines.push(JSON.stringify({ id: `p${i}`, x: (i % 3) * 10 + (i % 5) * 0.3, y: (i % 3) * -7 + (i % 7) * 0.2, note: 'n' }));
  const r = run(['cluster', '--choose-k', '2..5', '--input-format', 'ndjson', '-c', 'x,y', '--standardize'], lines.join('\n'));
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.chooseK.best, 3);
  assert.equal(out.k, 3);
  assert.deepEqual(out.sizes.slice().sort(), [10, 10, 10]);
  assert.equal(run(['cluster', '--k', '2', '--choose-k', '2..3'], '').status, 2);
  assert.equal(run(['cluster', '--k', 'two'], '').status, 2);
  assert.equal(run(['cluster', '--k', '9'], 'a\n1\n2\n').status, 1);
});

test('selfcrm cluster: facts documents with dotted --columns', () => {
  const docs = [
    { id: 'a', scores: { clv: { value: 10 } } }, { id: 'b', scores: { clv: { value: 12 } } },
    { id: 'c', scores: { clv: { value: 90 } } }, { id: 'd', scores: {} },
  ];
  const r = run(['cluster', '--input-format', 'ndjson', '-c', 'scores.clv.value', '--k', '2'], docs.map((d) => JSON.stringify(d)).join('\n'));
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.centroids.map((c) => c[0]).sort((x, y) => x - y), [11, 90]);
  assert.deepEqual(out.assignments.map((a) => a.id), ['a', 'b', 'c']);
  assert.equal(r.stderr, 'line 4: E_SCHEMA at /scores/clv/value: missing\n');
});
