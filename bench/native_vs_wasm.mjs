// The same C++ workloads, native (g++ -O3; with -flto it was no faster) and WebAssembly (em++ -O3
// -flto, run by Node): what wasm costs.
import { execFileSync } from 'node:child_process';
import { median, report } from './lib/measure.mjs';

const root = new URL('../', import.meta.url).pathname;
const parse = (out) => Object.fromEntries(out.trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.name, r]));

// Five rounds, native and wasm alternating, so a change in the machine's load between the two
// processes falls on both; each side's figure is the median of its five per-process medians
// (with three, one slow spell of the shared machine moved a ratio by 0.1).
const runNative = () => parse(execFileSync(`${root}build-native/bench/selfcrm_core_bench`, ['7'], { encoding: 'utf8' }));
const runWasm = () => parse(execFileSync(process.execPath,
  ['--no-experimental-fetch', `${root}build-wasm/bench/selfcrm_core_bench.js`, '7'], { encoding: 'utf8' }));
const rounds = [];
for (let i = 0; i < 5; ++i) rounds.push({ native: runNative(), wasm: runWasm() });
const pooled = (side) => Object.fromEntries(Object.keys(rounds[0][side]).map((name) => {
  const runs = rounds.map((r) => r[side][name]);
  for (const r of runs) {
    if (r.checksum !== runs[0].checksum) throw new Error(`${name}: ${side} checksums differ between runs`);
  }
  return [name, { ...runs[0], medianSeconds: median(runs.map((r) => r.medianSeconds)) }];
}));
const native = pooled('native');
const wasm = pooled('wasm');

const rows = [];
for (const [name, n] of Object.entries(native)) {
  const w = wasm[name];
  if (!w) throw new Error(`${name} missing from the wasm build`);
  if (w.checksum !== n.checksum) throw new Error(`${name}: wasm checksum ${w.checksum} != native ${n.checksum}`);
  rows.push({
    figure: `${name} (${n.items.toLocaleString('en-US')} ${n.unit})`,
    selfcrm: `${Math.round(w.items / w.medianSeconds).toLocaleString('en-US')} ${n.unit}/s (wasm)`,
    peer: `${Math.round(n.items / n.medianSeconds).toLocaleString('en-US')} ${n.unit}/s (native)`,
    ratio: w.medianSeconds / n.medianSeconds,
    ratioMeaning: 'wasm time / native time',
    goal: '≤ 1.3',
    met: w.medianSeconds / n.medianSeconds <= 1.3,
  });
}
report('Native vs WebAssembly, same core workload', rows,
  ['Five rounds alternating native and wasm, 7 runs each; each figure is the median of the five rounds\' medians. Checksums of both builds are compared before speeds are reported.']);
