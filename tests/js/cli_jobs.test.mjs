// --jobs only changes speed: several worker threads give byte-identical results and rejects, in
// input order, over an input of many chunks with bad lines, CRLF, blank lines and no final newline.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const profiles = readFileSync(new URL('../../demo/data/profiles.ndjson', import.meta.url), 'utf8').trimEnd().split('\n');
const asOf = ['--as-of', '2026-11-01T00:00:00Z'];
const dir = mkdtempSync(join(tmpdir(), 'selfcrm-jobs-'));

// ~4.5 MB: several chunks for every worker. Every 97th line is bad, every 89th blank.
const lines = [];
const bad = []; // 1-based line numbers
for (let i = 0; i < 1800; ++i) {
  if (i % 97 === 50) {
    lines.push(i % 2 ? 'not json' : '{"schemaVersion": 9}');
    bad.push(i + 1);
  } else if (i % 89 === 10) {
    lines.push('');
  } else {
    lines.push(profiles[i % profiles.length]);
  }
}
const good = lines.filter((l, i) => l !== '' && !bad.includes(i + 1));
const input = join(dir, 'in.ndjson');
writeFileSync(input, lines.map((l, i) => (i % 3 === 0 ? `${l}\r\n` : `${l}\n`)).join('').replace(/\r?\n$/, ''));

function score(jobs, ...more) {
  const rejects = join(dir, `rejects-${jobs}-${more.join('')}.ndjson`);
  const r = spawnSync(process.execPath, [cli, 'score', ...asOf, '-i', input, '--jobs', jobs, '--rejects', rejects, ...more],
    { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr);
  return { out: r.stdout, rejects: readFileSync(rejects, 'utf8') };
}

test('score: --jobs 1 and --jobs 3 agree byte for byte, rejects included', () => {
  const one = score('1');
  const three = score('3');
  assert.equal(three.out, one.out);
  assert.equal(three.rejects, one.rejects);
  const results = one.out.trimEnd().split('\n').map((l) => JSON.parse(l));
  const rejects = one.rejects.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(rejects.map((r) => r.line), bad);
  assert.equal(results.length + rejects.length + lines.filter((l) => l === '').length, lines.length);
  assert.deepEqual(results.map((r) => r.id), good.map((l) => JSON.parse(l).id));
  assert.ok(rejects.every((r) => ['E_PARSE', 'E_VERSION'].includes(r.code) && typeof r.path === 'string' && r.message));
});

test('--format json and csv do not depend on --jobs', () => {
  for (const format of ['json', 'csv']) {
    const one = score('1', '-f', format);
    const two = score('2', '-f', format);
    assert.equal(two.out, one.out, format);
  }
  assert.equal(JSON.parse(score('2', '-f', 'json').out).length, good.length);
});

test('a bad model fails the same way with and without workers', () => {
  const model = join(dir, 'model.json');
  writeFileSync(model, '{"bad": 1}');
  const run = (jobs) => spawnSync(process.execPath, [cli, 'score', ...asOf, '-i', input, '-m', model, '-j', jobs], { encoding: 'utf8' });
  const one = run('1');
  const two = run('2');
  assert.equal(one.status, 1);
  assert.equal(two.status, 1);
  assert.equal(two.stderr, one.stderr);
  assert.match(one.stderr, /^selfcrm score: E_\w+: /);
});
