// selfcrm score / analyze / report over NDJSON profiles: order, counts, --jobs, and the report.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const profiles = readFileSync(new URL('../../demo/data/profiles.ndjson', import.meta.url), 'utf8').trimEnd().split('\n');
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
const asOf = ['--as-of', '2026-11-01T00:00:00Z'];

test('score: one result per profile in input order; bad lines rejected; lines in = results + rejects', () => {
  const input = [...profiles.slice(0, 40), 'garbage', '{"schemaVersion": 9}', ...profiles.slice(40, 60)].join('\n');
  const r = run(['score', ...asOf, '--jobs', '2'], input);
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(out.length, 60);
  assert.deepEqual(out.map((o) => o.id), [...profiles.slice(0, 40), ...profiles.slice(40, 60)].map((l) => JSON.parse(l).id));
  assert.ok(out.every((o) => Object.keys(o.scores).sort().join() === 'clv,crv,engagement,influence,nps,rfm'));
  const rejects = r.stderr.trimEnd().split('\n');
  assert.equal(rejects.pop(), '62 lines = 60 results + 2 rejects');
  assert.equal(out.length + rejects.length, 62);
  assert.match(rejects[0], /^line 41: E_PARSE/);
  assert.match(rejects[1], /^line 42: E_VERSION at \/schemaVersion/);
});

test('analyze gives the same results with --jobs 1 and --jobs 2', () => {
  const input = profiles.slice(0, 80).join('\n');
  const one = run(['analyze', ...asOf, '--jobs', '1'], input);
  const two = run(['analyze', ...asOf, '--jobs', '2'], input);
  assert.equal(one.status, 0, one.stderr);
  assert.equal(two.stdout, one.stdout);
  const first = JSON.parse(one.stdout.split('\n')[0]);
  assert.ok('persona' in first && 'segments' in first && 'feedback' in first);
});

test('report: population summary as JSON and a self-contained HTML page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-report-'));
  const html = join(dir, 'r.html');
  const r = run(['report', ...asOf, '--html', html], `${profiles.join('\n')}\nbad\n`);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.profiles, profiles.length);
  assert.equal(report.rejected, 1);
  assert.ok(report.nps.n > 0 && report.nps.ci95[0] <= report.nps.nps && report.nps.nps <= report.nps.ci95[1]);
  assert.equal(Object.values(report.personas).reduce((a, b) => a + b, 0), profiles.length);
  assert.ok(report.advocacy.promoters >= report.advocacy.promotersWhoReferred);
  // Referral conversion, recounted from the profiles themselves.
  const referrals = profiles.flatMap((l) => JSON.parse(l).history?.referrals ?? []);
  assert.ok(referrals.length > 0);
  assert.equal(report.advocacy.referrals, referrals.length);
  assert.equal(report.advocacy.convertedReferrals, referrals.filter((f) => f.converted).length);
  assert.equal(report.advocacy.referralConversion, report.advocacy.convertedReferrals / referrals.length);
  const page = readFileSync(html, 'utf8');
  assert.match(page, /<svg/);
  assert.doesNotMatch(page, /<script|src=|href="http/);
});

test('a reader that stops early (| head -1) ends the job quietly, with or without workers', () => {
  const input = profiles.join('\n');
  for (const jobs of ['1', '2']) {
    const r = spawnSync('bash', ['-c', `set -o pipefail; node ${cli} score ${asOf.join(' ')} --jobs ${jobs} | head -1`],
      { input, encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout.trimEnd().split('\n').length, 1);
    assert.equal(JSON.parse(r.stdout).id, JSON.parse(profiles[0]).id);
  }
});

test('output that cannot be written (a full disk) fails with a message and exit 1, file or stdout', () => {
  const input = profiles.join('\n');
  for (const jobs of ['1', '2']) {
    const toFile = run(['score', ...asOf, '--jobs', jobs, '--output', '/dev/full'], input);
    assert.equal(toFile.status, 1);
    assert.match(toFile.stderr, /ENOSPC/);
    const toStdout = spawnSync('bash', ['-c', `node ${cli} score ${asOf.join(' ')} --jobs ${jobs} > /dev/full`], { input, encoding: 'utf8' });
    assert.equal(toStdout.status, 1);
    assert.match(toStdout.stderr, /^selfcrm: cannot write the output: ENOSPC/);
    assert.doesNotMatch(toStdout.stderr, /\n\s+at /); // no stack trace
  }
});

test('usage errors exit 2', () => {
  assert.equal(run(['score', '--as-of', 'yesterday'], '').status, 2);
  assert.equal(run(['analyze', '--model', '/nonexistent.json'], '').status, 1); // I/O error, with the OS reason
});
