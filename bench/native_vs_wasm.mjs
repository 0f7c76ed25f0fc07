// The same C++ workloads, native (g++ -O3) and WebAssembly (em++, run by Node): what wasm costs.
import { execFileSync } from 'node:child_process';
import { report } from './lib/measure.mjs';

const root = new URL('../', import.meta.url).pathname;
const parse = (out) => Object.fromEntries(out.trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.name, r]));

const native = parse(execFileSync(`${root}build-native/bench/selfcrm_core_bench`, ['7'], { encoding: 'utf8' }));
const wasm = parse(execFileSync(process.execPath,
  ['--no-experimental-fetch', `${root}build-wasm/bench/selfcrm_core_bench.js`, '7'], { encoding: 'utf8' }));

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
  ['Medians of 7 runs each. Checksums of both builds are compared before speeds are reported.']);
