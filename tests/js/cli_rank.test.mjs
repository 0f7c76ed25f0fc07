// `selfcrm rank` and `selfcrm export support` as a pipeline uses them: rows in, ranked lines out,
// bad lines as coded rejects with their numbers, the count line, and the exit status.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8' });
const row = (subject, claims) => JSON.stringify({ subject, claims });

const rows = [
  row('quiet', { 'band:clv': 'low', 'band:alive': 'high' }),
  row('lapsing', { 'band:clv': 3000, 'band:alive': 0.1, '/preferential/channels': ['email'], '/identities/email/primary': 'l@example.com' }),
  '',
  '{"subject":"broken",',
  row('advocate', { 'band:crv': 'high', 'band:influence': 90, 'nps:category': 'promoter', '/preferential/channels': 'instagram' }),
  row('lapsing', {}),
  JSON.stringify({ subject: 'bad-band', claims: { 'band:alive': 'sometimes' } }),
  row('angry', { 'band:clv': 'medium', 'feedback:complaint': true, 'feedback:degree': 'social-pressure', 'feedback:sentiment': 'negative' }),
  row('venting', { 'feedback:complaint': true, 'feedback:degree': 'venting', 'feedback:sentiment': -0.4 }),
  row('musing', { 'feedback:degree': 'monologue', 'feedback:sentiment': 'positive', 'band:clv': 'high' }),
  row('leaving', { 'feedback:churn': true, 'feedback:degree': 'skewed', 'band:clv': 'high' }),
].join('\n');

test('selfcrm rank picks the budget best conversations, with reasons, rejects and the count line', () => {
  const r = run(['rank', '--budget', '3'], rows);
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(out.map((c) => c.rank), [1, 2, 3]);
  assert.equal(out[0].subject, 'lapsing');
  assert.equal(out[0].channel, 'email');
  assert.match(out[0].reason, /^Lapsing buyer: CLV 3000 with P\(alive\) 10 %/);
  assert.ok(out[0].value >= out[1].value && out[1].value >= out[2].value);
  const err = r.stderr.trim().split('\n');
  assert.deepEqual(err.slice(0, 3), [
    'line 4: E_PARSE: the line ends before the JSON is complete (1 bracket still open): it is cut off after 20 bytes',
    'line 6: E_CONFLICT at /subject: this subject was already read on line 2',
    'line 7: E_SCHEMA at /claims/band:alive: a band is "low", "medium" or "high"',
  ]);
  assert.match(err[3], /^rank: 3 of \d+ conversations worth having \(7 customers\) capture [\d,]+ of [\d,]+ expected value \([\d.]+ %\)$/);
  assert.equal(err[4], '11 lines = 7 results + 3 rejects + 1 blank');
});

test('selfcrm rank --format csv writes one row per conversation, rank first', () => {
  const r = run(['rank', '-n', '2', '--format', 'csv'], rows);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'line,rank,subject,value,channel,reason,parts.retention,parts.recovery,parts.advocacy,parts.reach,unknown');
  assert.equal(lines.length, 3);
  assert.match(lines[1], /^2,1,lapsing,/);
});

test('selfcrm export support queues venting and social pressure first, never a monologue with nothing to answer', () => {
  const r = run(['export', 'support'], rows);
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(out.map((e) => e.subject), ['angry', 'venting', 'leaving']);
  assert.deepEqual(out.map((e) => e.priority), ['urgent', 'urgent', 'urgent']);
  assert.match(out[0].why, /^social pressure: .* \(\+40\); open complaint \(\+20\); negative tone \(-0\.50\) \(\+10\); medium lifetime value \(\+3\)$/);
  assert.ok(out[0].points > out[1].points && out[1].points > out[2].points);
  assert.match(r.stderr, /export support: 3 of 7 customers need an answer; 3 listed\n11 lines = 7 results \+ 3 rejects \+ 1 blank\n$/);
  const csv = run(['export', 'support', '--format', 'csv', '--budget', '1'], rows);
  assert.equal(csv.status, 0, csv.stderr);
  assert.deepEqual(csv.stdout.trim().split('\n').map((l) => l.split(',').slice(0, 4).join(',')), ['line,position,subject,priority', '8,1,angry,urgent']);
});

test('exit status: 1 when no row is usable, 2 on usage errors; a bad --params names the member', () => {
  const bad = run(['rank'], 'nope\n{"subject":"x"}\n');
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /line 2: E_SCHEMA at \/claims: claims is required/);
  assert.match(bad.stderr, /selfcrm rank: no line gave a result\n2 lines = 0 results \+ 2 rejects\n$/);
  assert.equal(run(['rank', '--budget', '-1'], rows).status, 2);
  assert.equal(run(['rank', '--budget', 'lots'], rows).status, 2);
  assert.equal(run(['export'], rows).status, 2);
  assert.equal(run(['export', 'nothing'], rows).status, 2);
  assert.equal(run(['rank', '--rejects', 'inline'], rows).status, 2);
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-rank-'));
  const params = join(dir, 'params.json');
  writeFileSync(params, '{"saveRate": 2}');
  const p = run(['rank', '--params', params], rows);
  assert.equal(p.status, 1);
  assert.match(p.stderr, /E_RANGE: --params .* is not usable: must be between 0 and 1/);
  writeFileSync(params, '{"saveRate": 0.5, "activation": [0, 0.1, 0.5]}');
  const ok = run(['rank', '--params', params, '-n', '1'], rows);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).subject, 'lapsing');
});
