// `selfcrm score` as a Node batch job: profiles/s with --jobs 1 and --jobs 2 on the same files, and
// peak RSS while 1,000,000 profiles stream through it (bounded memory).
//
// Two input sizes separate the fixed cost of a run (Node, loading and optimising the engine,
// starting workers) from the rate at which profiles then flow: steady rate = extra profiles /
// extra seconds. Both are reported, with the whole-run rate of the larger file.
// Usage: node bench/cli_score.mjs [profiles=30000] [rssProfiles=1000000]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { median, report } from './lib/measure.mjs';
import { profileLine } from './lib/profiles.mjs';

const root = new URL('../', import.meta.url).pathname;
const cli = `${root}dist/cli/main.js`;
const large = Number(process.argv[2] ?? 30000);
const small = Math.round(large / 3);
const rssN = Number(process.argv[3] ?? 1000000);
const dir = mkdtempSync(join(tmpdir(), 'selfcrm-bench-'));
const files = {};
for (const n of [small, large]) {
  let text = '';
  for (let i = 0; i < n; ++i) text += `${profileLine(i, 50)}\n`;
  files[n] = join(dir, `profiles-${n}.ndjson`);
  writeFileSync(files[n], text);
}

function timed(jobs, n) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'score', '--jobs', String(jobs), '--as-of',
    '2026-01-01T00:00:00Z', '--input', files[n], '--output', join(dir, `out${jobs}-${n}.ndjson`)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return (performance.now() - t0) / 1000;
}

// Interleaved, so a slow spell of the shared machine hits every configuration alike.
const runs = { 1: { [small]: [], [large]: [] }, 2: { [small]: [], [large]: [] } };
for (let rep = 0; rep < 5; ++rep) for (const jobs of [1, 2]) for (const n of [small, large]) runs[jobs][n].push(timed(jobs, n));
for (const n of [small, large]) {
  if (execFileSync('cmp', [join(dir, `out1-${n}.ndjson`), join(dir, `out2-${n}.ndjson`)], { encoding: 'utf8' }) !== '') {
    throw new Error('--jobs 1 and --jobs 2 disagree');
  }
}
const seconds = (jobs, n) => median(runs[jobs][n]);
const whole = (jobs) => large / seconds(jobs, large);
const steady = (jobs) => (large - small) / (seconds(jobs, large) - seconds(jobs, small));
const fixed = (jobs) => seconds(jobs, small) - small / steady(jobs);
const fmt = (x) => Math.round(x).toLocaleString('en-US');

// Peak RSS while streaming a large population through a pipe (no file of that size is written).
const piped = spawnSync('bash', ['-c', `set -o pipefail; node ${root}bench/lib/profiles.mjs ${rssN} 12 | /usr/bin/time -f %M ${process.execPath} ${cli} score --jobs 2 --as-of 2026-01-01T00:00:00Z > /dev/null`],
  { encoding: 'utf8', maxBuffer: 1 << 24 });
if (piped.status !== 0) throw new Error(piped.stderr);
const peakMb = Number(piped.stderr.trim().split('\n').pop()) / 1024;

report('selfcrm score (Node batch CLI)', [
  { figure: `steady profiles/s, --jobs 1 (profiles of 50 records; ${fmt(small)} vs ${fmt(large)} profiles)`, selfcrm: fmt(steady(1)), goal: '≥ 20,000 per core', met: steady(1) >= 20000 },
  { figure: `whole run, ${fmt(large)} profiles, --jobs 1 (start-up included)`, selfcrm: `${fmt(whole(1))}/s` },
  { figure: '--jobs 2 vs --jobs 1, steady rate (identical output)', selfcrm: `${fmt(steady(2))}/s`, peer: `${fmt(steady(1))}/s`, ratio: steady(2) / steady(1), ratioMeaning: 'speed-up', goal: '≥ 1.7', met: steady(2) / steady(1) >= 1.7 },
  { figure: `--jobs 2 vs --jobs 1, whole run of ${fmt(large)} profiles`, selfcrm: `${fmt(whole(2))}/s`, peer: `${fmt(whole(1))}/s`, ratio: whole(2) / whole(1), ratioMeaning: 'speed-up' },
  { figure: 'fixed cost of a run (start-up, engine load and optimisation, workers)', selfcrm: `${(fixed(1) * 1000).toFixed(0)} ms (--jobs 1), ${(fixed(2) * 1000).toFixed(0)} ms (--jobs 2)` },
  { figure: `peak RSS, ${rssN.toLocaleString('en-US')} profiles streamed through --jobs 2`, selfcrm: `${peakMb.toFixed(0)} MB`, goal: '< 300 MB', met: peakMb < 300 },
], [`Medians of 5 interleaved runs of the whole command per size; steady rate = ${fmt(large - small)} profiles / the difference of the medians.`,
  'RSS from /usr/bin/time (%M).']);
