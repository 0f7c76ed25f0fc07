// `selfcrm score` as a Node batch job: profiles/s with --jobs 1 and --jobs 2 on the same file, and
// peak RSS while 1,000,000 profiles stream through it (bounded memory).
// Usage: node bench/cli_score.mjs [profiles=20000] [rssProfiles=1000000]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { median, report } from './lib/measure.mjs';
import { profileLine } from './lib/profiles.mjs';

const root = new URL('../', import.meta.url).pathname;
const cli = `${root}dist/cli/main.js`;
const n = Number(process.argv[2] ?? 20000);
const rssN = Number(process.argv[3] ?? 1000000);
const dir = mkdtempSync(join(tmpdir(), 'selfcrm-bench-'));
const file = join(dir, 'profiles.ndjson');
let text = '';
for (let i = 0; i < n; ++i) text += `${profileLine(i, 50)}\n`;
writeFileSync(file, text);

function timed(jobs) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'score', '--jobs', String(jobs), '--as-of',
    '2026-01-01T00:00:00Z', '--input', file, '--output', join(dir, `out${jobs}.ndjson`)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return { seconds: (performance.now() - t0) / 1000, rssKb: Number(r.stderr.trim().split('\n').pop()) };
}

const runs = { 1: [], 2: [] };
for (let rep = 0; rep < 3; ++rep) for (const jobs of [1, 2]) runs[jobs].push(timed(jobs));
const same = execFileSync('cmp', [join(dir, 'out1.ndjson'), join(dir, 'out2.ndjson')], { encoding: 'utf8' }) === '';
if (!same) throw new Error('--jobs 1 and --jobs 2 disagree');
const rate = (jobs) => n / median(runs[jobs].map((r) => r.seconds));

// Peak RSS while streaming a large population through a pipe (no file of that size is written).
const piped = spawnSync('bash', ['-c', `set -o pipefail; node ${root}bench/lib/profiles.mjs ${rssN} 12 | /usr/bin/time -f %M ${process.execPath} ${cli} score --jobs 2 --as-of 2026-01-01T00:00:00Z > /dev/null`],
  { encoding: 'utf8', maxBuffer: 1 << 24 });
if (piped.status !== 0) throw new Error(piped.stderr);
const peakMb = Number(piped.stderr.trim().split('\n').pop()) / 1024;

report('selfcrm score (Node batch CLI)', [
  { figure: `profiles/s, ${n.toLocaleString('en-US')} profiles of 50 records, --jobs 1`, selfcrm: Math.round(rate(1)).toLocaleString('en-US'), goal: '≥ 20,000 per core', met: rate(1) >= 20000 },
  { figure: '--jobs 2 vs --jobs 1 (identical output)', selfcrm: `${Math.round(rate(2)).toLocaleString('en-US')}/s`, peer: `${Math.round(rate(1)).toLocaleString('en-US')}/s`, ratio: rate(2) / rate(1), ratioMeaning: 'speed-up', goal: '≥ 1.7', met: rate(2) / rate(1) >= 1.7 },
  { figure: `peak RSS, ${rssN.toLocaleString('en-US')} profiles streamed through --jobs 2`, selfcrm: `${peakMb.toFixed(0)} MB`, goal: '< 300 MB', met: peakMb < 300 },
], ['Medians of 3 runs; wall time of the whole command, start-up included. RSS from /usr/bin/time (%M).']);
