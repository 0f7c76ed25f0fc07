// `selfcrm score --jobs 1`, this build vs another (bench/compare/README.md): CPU seconds of the whole
// command (user + sys) for two input sizes, alternating builds; the steady rate is the extra
// profiles over the extra CPU time, so start-up is left out. Checks both builds write the same bytes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { median } from '../lib/measure.mjs';
import { profileLine } from '../lib/profiles.mjs';

const baseRoot = process.argv[2];
if (!baseRoot) throw new Error('usage: node bench/compare/cli.mjs BASE_CHECKOUT [rounds]');
const rounds = Number(process.argv[3] ?? 7);
const sizes = [10000, 30000];
const dir = mkdtempSync(join(tmpdir(), 'selfcrm-compare-'));
for (const n of sizes) {
  let text = '';
  for (let i = 0; i < n; ++i) text += `${profileLine(i, 50)}\n`;
  writeFileSync(join(dir, `p${n}.ndjson`), text);
}
const cli = { base: join(resolve(baseRoot), 'dist/cli/main.js'), this: new URL('../../dist/cli/main.js', import.meta.url).pathname };

function cpuSeconds(build, n) {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, cli[build], 'score', '--jobs', '1', '--as-of', '2026-01-01T00:00:00Z',
    '--input', join(dir, `p${n}.ndjson`), '--output', join(dir, `out-${build}-${n}.ndjson`)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const [user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return user + sys;
}

const times = { base: { [sizes[0]]: [], [sizes[1]]: [] }, this: { [sizes[0]]: [], [sizes[1]]: [] } };
for (let k = 0; k < rounds; ++k) {
  for (const build of k % 2 ? ['this', 'base'] : ['base', 'this']) for (const n of sizes) times[build][n].push(cpuSeconds(build, n));
}
const same = sizes.every((n) => readFileSync(join(dir, `out-base-${n}.ndjson`)).equals(readFileSync(join(dir, `out-this-${n}.ndjson`))));
rmSync(dir, { recursive: true });  // ~200 MB of inputs and outputs
const steady = (build) => (sizes[1] - sizes[0]) / (median(times[build][sizes[1]]) - median(times[build][sizes[0]]));
for (const build of ['base', 'this']) {
  console.log(`${build.padEnd(4)} CPU s ${sizes.map((n) => median(times[build][n]).toFixed(2)).join(' / ')}  steady ${steady(build).toFixed(0)} profiles per CPU-second`);
}
console.log(`steady this/base ${(steady('this') / steady('base')).toFixed(3)}; output bytes ${same ? 'identical' : 'DIFFER'}`);
