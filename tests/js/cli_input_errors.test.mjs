// Errors that name the cause (issue 23, items 10–13): numbers out of range and cut lines say
// where, repeated keys are refused by every command, a wrong or missing file names the option,
// the file and the OS reason, and --as-of is read as dates in data are.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const profilesFile = new URL('../../demo/data/profiles.ndjson', import.meta.url).pathname;
const profile = readFileSync(profilesFile, 'utf8').split('\n')[0];
const dir = mkdtempSync(join(tmpdir(), 'selfcrm-input-errors-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8' });
const rejects = (stderr) => stderr.split('\n').filter((l) => l.startsWith('line '));
const asOf = ['--as-of', '2026-11-01T00:00:00Z'];

test('a number out of range says so, with its path; a cut line says where it ends (item 10)', () => {
  const tx = '{"customerId":"a","at":"2024-01-01","amount":1e400}\n{"customerId":"a","at":"2024-01-';
  const fit = run(['fit'], tx);
  assert.deepEqual(rejects(fit.stderr), [
    'line 1: E_RANGE at /amount: the number 1e400 is out of range: a double holds at most about ±1.8e308',
    'line 2: E_PARSE: the line ends before the JSON is complete (1 bracket still open): it is cut off after 32 bytes',
  ]);
  const nps = run(['nps', '-r'], '{"id":"a","score":-1e999}\n{"id":"b","score":[9,\n');
  assert.deepEqual(rejects(nps.stderr), [
    'line 1: E_RANGE at /score: the number -1e999 is out of range: a double holds at most about ±1.8e308',
    'line 2: E_PARSE at /score: the line ends before the JSON is complete (2 brackets still open): it is cut off after 21 bytes',
  ]);
  const cut = profile.slice(0, Math.floor(profile.length / 2));
  const score = run(['score', ...asOf], `${cut}\n`);
  assert.match(rejects(score.stderr)[0], /^line 1: E_PARSE( at \/[^:]*)?: the line ends before the JSON is complete \(\d+ brackets? still open\): it is cut off after \d+ bytes$/);
});

test('a key given twice is refused with its path by every command (item 11)', () => {
  const twice = (args, line, path) => {
    const r = run(args, `${line}\n`);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(rejects(r.stderr)[0], new RegExp(`^line 1: E_SCHEMA at ${path}: the key "[a-z]+" appears twice in one object$`), args.join(' '));
  };
  twice(['nps'], '{"id":"a","score":9,"score":1}', '/score');
  twice(['nps', '-r'], '{"id":"a","score":9,"score":1}', '/score');
  twice(['segment', ...asOf], '{"id":"a","segments":[],"id":"b"}', '/id');
  twice(['sentiment'], '{"id":"a","text":"great","text":"awful"}', '/text');
  twice(['fit'], '{"customerId":"a","at":"2024-01-01","amount":5,"amount":500}', '/amount');
  twice(['fit'], '{"customerId":"a","at":"2024-01-01","amount":5,"note":"x","note":"y"}', '/note');
  twice(['fit', '--profiles'], '{"id":"p","history":{"transactions":[{"at":"2024-01-01","amount":5,"at":"2025-01-01"}]}}', '/history/transactions/0/at');
  twice(['score', ...asOf], profile.replace(/^\{/, '{"id":"dup",'), '/id');
  const vault = join(dir, 'dup.json');
  assert.equal(run(['vault', 'create', vault, '--id', 'v']).status, 0);
  twice(['vault', 'import', vault], '{"type":"survey","id":"s1","at":"2024-01-01","score":9,"score":1}', '/score');
});

test('the wrong file as --model names the option and the file (item 12)', () => {
  const r = run(['score', '-m', profilesFile, ...asOf], `${profile}\n`);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`^selfcrm score: E_[A-Z]+: --model ${profilesFile} is not usable: `));
  const pack = run(['segment', '-s', profilesFile, ...asOf], '{"id":"a"}\n');
  assert.equal(pack.status, 1);
  assert.match(pack.stderr, new RegExp(`--segments ${profilesFile} is not usable: `));
});

test('a missing or unreadable input is an I/O error (exit 1) with the OS reason (item 12)', () => {
  const missing = join(dir, 'absent.ndjson');
  for (const args of [['score', '-i', missing], ['nps', '-i', missing], ['fit', '-i', missing], ['segment', '-i', missing],
    ['score', '-m', missing], ['vault', 'import', join(dir, 'nope.json'), '-i', missing]]) {
    const r = run(args, '');
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /E_(IO|NOT_FOUND): /, args.join(' '));
  }
  const r = run(['score', '-i', missing]);
  assert.equal(r.stderr, `selfcrm score: E_IO: cannot read --input ${missing}: no such file or directory (ENOENT)\n`);
  assert.match(run(['nps', '-i', dir]).stderr, /E_IO: cannot read --input .*: it is a folder/);
});

test('--as-of is read as dates in data are: 2026-02-30 is refused (item 13)', () => {
  for (const args of [['score'], ['analyze'], ['report'], ['segment'], ['fit']]) {
    const r = run([...args, '--as-of', '2026-02-30'], `${profile}\n`);
    assert.equal(r.status, 2, `${args[0]}: ${r.stderr}`);
    assert.match(r.stderr, /--as-of must be an ISO-8601 date .*not "2026-02-30"/);
  }
  assert.equal(run(['score', '--as-of', 'March 3, 2026'], `${profile}\n`).status, 2);
  assert.equal(run(['score', '--as-of', '2026-02-28'], `${profile}\n`).status, 0);
});
