// Fit time of every customer-base model at 10⁴, 10⁵ and 10⁶ customers, natively and in the wasm
// build the CLI and Node batches run, against the physical limit (one pass reading the summaries),
// and how it grows: with distinct summaries (x, t_x, T), not customers. `--big` (or
// SELFCRM_BENCH_BIG=1) adds one fit of 2.5 million customers per model.
//   node bench/clv_fit.mjs [--big]          (after scripts/build.sh native wasm)
// No peer runs here: lifetimes and PyMC-Marketing are Python packages that neither Debian nor npm
// carries, and nothing else may be installed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { median, report } from './lib/measure.mjs';

const root = new URL('../', import.meta.url).pathname;
const big = process.argv.includes('--big') || process.env.SELFCRM_BENCH_BIG === '1';
const native = `${root}build-native/bench/selfcrm_clv_fit`;
const wasm = `${root}build-wasm/bench/selfcrm_clv_fit.js`;
if (!existsSync(native)) throw new Error(`${native} is missing: run scripts/build.sh native`);

const run = (cmd, args) =>
  execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] })
    .trim().split('\n').map((l) => JSON.parse(l));
const key = (r) => `${r.model} ${r.customers}`;

// Repetitions shrink as the data grow, to keep `npm run bench` in minutes.
const plan = [[10000, 5], [100000, 3], [1000000, 1], ...(big ? [[2500000, 1]] : [])];
const results = [];
for (const [n, reps] of plan) {
  const nat = run(native, ['--reps', String(reps), String(n)]);
  const was = existsSync(wasm) && n <= 100000
    ? new Map(run(process.execPath, ['--no-experimental-fetch', wasm, '--reps', String(Math.min(reps, 3)), String(n)]).map((r) => [key(r), r]))
    : new Map();
  for (const r of nat) results.push({ ...r, wasm: was.get(key(r)) });
}

const ms = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const rows = results.map((r) => {
  const fit = median(r.fitMs);
  const read = Math.max(median(r.readMs), 0.001);
  const w = r.wasm ? ` · wasm ${ms(median(r.wasm.fitMs))} ms` : '';
  return {
    figure: `${r.model}, ${r.customers.toLocaleString('en')} customers → ${r.distinct.toLocaleString('en')} distinct`,
    selfcrm: `fit ${ms(fit)} ms native${w} (${r.evaluations} evaluations)`,
    peer: `read the summaries: ${ms(read)} ms`,
    ratio: fit / read,
    ratioMeaning: 'fit ÷ reading the data once',
  };
});

// Growth from 10⁴ to 10⁶ customers: fit time against customers and distinct summaries.
const notes = [];
for (const model of [...new Set(results.map((r) => r.model))]) {
  const at = (n) => results.find((r) => r.model === model && r.customers === n);
  const lo = at(10000);
  const hi = at(1000000);
  if (!lo || !hi) continue;
  notes.push(`${model}: 100× the customers → ${(hi.distinct / lo.distinct).toFixed(1)}× the distinct summaries, `
    + `${(median(hi.fitMs) / median(lo.fitMs)).toFixed(1)}× the fit time `
    + `(${ms(median(lo.fitMs))} → ${ms(median(hi.fitMs))} ms).`);
}
notes.push('CPU time of the process (std::clock), medians of 5 / 3 runs at 10⁴ / 10⁵ customers, one run at 10⁶ '
  + '(wasm, when built: up to 10⁵, at most 3 runs); 2.5 M: one run, native, with `--big`. Summaries simulated from published estimates '
  + '(CDNOW BG/NBD, Pareto/NBD and Gamma-Gamma; BG/BB and sBG examples of Fader & Hardie), ages 27–39 weeks, '
  + 'times rounded to days; sBG: one tenure row per subscriber. The repeat models group customers by (x, t_x, T) '
  + 'and BG/BB by (x, t_x, n), so their fit time follows distinct summaries, not customers; Gamma-Gamma\'s '
  + 'summaries hold a continuous mean spend, so each repeat buyer is its own summary and its cost grows with '
  + 'customers. The ratio to one read is large because a fit evaluates the likelihood and its gradient a few '
  + 'hundred times ("evaluations") over every distinct summary.');
notes.push('Peers: lifetimes and PyMC-Marketing are Python packages that neither Debian nor npm carries (the '
  + 'only registries this project may use), so the comparison is with the physical limit: one pass reading '
  + 'every summary from memory.');
report('Customer-base model fits (issue #22)', rows, notes);
