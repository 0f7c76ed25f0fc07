// The batch machinery every per-line subcommand uses: order, counts, formats, rejects, --jobs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const run = (args, input) =>
  spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28 });

function sample(n, badEvery) {
  const lines = [];
  for (let i = 0; i < n; ++i) {
    if (i % badEvery === badEvery - 1) lines.push(i % 2 ? `{"id":${i},"score":${11 + (i % 5)}}` : `broken ${i}`);
    else lines.push(`{"id":${i},"score":${i % 11}}`);
  }
  return lines;
}

for (const jobs of ['1', '2', '3']) {
  test(`--jobs ${jobs}: results in input order, lines in = results + rejects`, () => {
    const lines = sample(60_000, 97);
    const dir = mkdtempSync(join(tmpdir(), 'selfcrm-batch-'));
    const rejectsFile = join(dir, 'rejects.ndjson');
    const r = run(['nps', '--per-respondent', '--jobs', jobs, '--rejects', rejectsFile], `${lines.join('\n')}\n`);
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    const rejects = readFileSync(rejectsFile, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.equal(r.stderr, `${lines.length} lines = ${out.length} results + ${rejects.length} rejects\n`);
    assert.equal(out.length + rejects.length, lines.length);
    const expectedIds = lines.map((l, i) => (l.startsWith('{') && !/"score":1[1-5]/.test(l) ? i : -1)).filter((i) => i >= 0);
    assert.deepEqual(out.map((o) => o.id), expectedIds);
    assert.ok(out.every((o) => o.category === (o.score >= 9 ? 'promoter' : o.score >= 7 ? 'passive' : 'detractor')));
    const rejectLines = rejects.map((x) => x.line);
    assert.deepEqual(rejectLines, [...rejectLines].sort((a, b) => a - b));
    for (const x of rejects) {
      assert.equal(x.code, lines[x.line - 1].startsWith('broken') ? 'E_PARSE' : 'E_RANGE');
    }
  });
}

test('--format json and csv', () => {
  const input = '{"id":"a","score":10}\n{"id":"b, \\"q\\"","score":0}\n';
  const json = run(['nps', '-r', '-f', 'json', '-j', '1'], input);
  assert.deepEqual(JSON.parse(json.stdout).map((o) => o.category), ['promoter', 'detractor']);
  const csv = run(['nps', '-r', '-f', 'csv', '-j', '1'], input);
  assert.equal(csv.stdout, 'id,category,score\na,promoter,10\n"b, ""q""",detractor,0\n');
  assert.deepEqual(JSON.parse(run(['nps', '-r', '-f', 'json'], '').stdout), []);
});

test('the summary mode writes rejects to --rejects and output to --output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-batch-'));
  writeFileSync(join(dir, 'in.ndjson'), '{"score":9}\n{"score":99}\n');
  const r = run(['nps', '-i', join(dir, 'in.ndjson'), '-o', join(dir, 'out.json'), '--rejects', join(dir, 'rej.ndjson')]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).rejected, 1);
  assert.equal(JSON.parse(readFileSync(join(dir, 'rej.ndjson'), 'utf8')).line, 2);
});

test('usage errors exit 2: bad --jobs, bad --format; a missing input file is an I/O error (exit 1)', () => {
  assert.equal(run(['nps', '--jobs', '0'], '').status, 2);
  assert.equal(run(['nps', '--format', 'xml'], '').status, 2);
  assert.equal(run(['nps', '--input', '/nonexistent/x.ndjson'], '').status, 1);
});

test('CSV input: header-named records, quoted fields, CSV line numbers in rejects', () => {
  const csv = 'id,score,note\r\na,10,"fine"\r\n"b, ""q""",3,"two\nlines"\r\nc,eleven,x\r\nd,9,\r\n';
  const r = run(['nps', '-r', '--csv', '-j', '1'], csv);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).id), ['a', 'b, "q"', 'd']);
  // The record "c" starts on physical line 5 because the quoted field of "b" spans two lines.
  assert.equal(r.stderr, 'line 5: E_SCHEMA at /score: score must be a number\n6 lines = 3 results + 1 rejects + 2 blank\n');
  const summary = JSON.parse(run(['nps', '--csv'], csv).stdout);
  assert.deepEqual([summary.n, summary.rejected], [3, 1]);
  const texts = run(['sentiment', '--csv', '-j', '1'], 'id,text\n1,"I love it, really"\n2,awful\n');
  assert.deepEqual(texts.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).label), ['positive', 'negative']);
});
