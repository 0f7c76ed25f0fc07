// The core workloads (bench/core: selfcrm_core_bench, native and wasm), this build vs another
// (bench/compare/README.md): runs alternate between the two builds; medians of each build's medians.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

import { median } from '../lib/measure.mjs';

const baseRoot = process.argv[2];
if (!baseRoot) throw new Error('usage: node bench/compare/core.mjs BASE_CHECKOUT [rounds] [workload]');
const rounds = Number(process.argv[3] ?? 5);
const only = process.argv[4] ?? '';
const roots = { base: resolve(baseRoot), this: new URL('../..', import.meta.url).pathname };

function run(root, kind) {
  const r = kind === 'wasm'
    ? spawnSync(process.execPath, ['--no-experimental-fetch', `${root}/build-wasm/bench/selfcrm_core_bench.js`, '7', only], { encoding: 'utf8' })
    : spawnSync(`${root}/build-native/bench/selfcrm_core_bench`, ['7', only], { encoding: 'utf8' });
  const out = {};
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const j = JSON.parse(line);
    out[j.name] = j.medianSeconds * 1000;
  }
  if (Object.keys(out).length === 0) throw new Error(`${root} (${kind}): ${r.stdout}${r.stderr}`);
  return out;
}

const times = {};
for (let k = 0; k < rounds; ++k) {
  for (const kind of ['native', 'wasm']) {
    for (const build of k % 2 ? ['this', 'base'] : ['base', 'this']) {
      for (const [name, ms] of Object.entries(run(roots[build], kind))) {
        ((times[`${kind} ${name}`] ??= { base: [], this: [] })[build]).push(ms);
      }
    }
  }
}
for (const [name, t] of Object.entries(times)) {
  const b = median(t.base);
  const m = median(t.this);
  console.log(`${name.padEnd(36)} base ${b.toFixed(2).padStart(8)} ms  this ${m.toFixed(2).padStart(8)} ms  speed this/base ${(b / m).toFixed(3)}`);
}
