// k-means by input shape, each shape in a fresh process (as a caller meets it: no other shape has
// shaped the JIT), timed in CPU time so a busy shared machine skews it less than wall time:
// n=100k, d=8, k=5, 6 iterations from the same initial centroids, median of 9 calls, ml-kmeans alongside.
// Run after a build: node bench/kmeans_shapes.mjs
import { execFileSync } from 'node:child_process';

const n = 100_000;
const d = 8;
const k = 5;
const shape = process.argv[2];

if (shape === undefined) {
  const shapes = ['flat', 'Float64Array[]', 'number[][]', 'ml-kmeans'];
  const ms = Object.fromEntries(shapes.map((s) => [s, Number(execFileSync(process.execPath, [new URL(import.meta.url).pathname, s], { encoding: 'utf8' }))]));
  console.log(`k-means by input shape, n=${n}, d=${d}, k=${k}, 6 iterations, CPU ms per call (median of 9), one process per shape`);
  console.log('input                          CPU ms   vs flat');
  for (const s of shapes) console.log(`${s.padEnd(28)} ${ms[s].toFixed(1).padStart(8)}   ${(ms[s] / ms.flat).toFixed(2)}×`);
} else {
  const { kmeans, ready } = await import('selfcrm');
  const { kmeans: mlKmeans } = await import('ml-kmeans');
  await ready();
  let s = 12345;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => rand() * 10));
  const rows = Array.from({ length: n }, (_, i) => centres[i % k].map((v) => v + (rand() - 0.5) * 12));
  const flat = Float64Array.from(rows.flat());
  const init = Float64Array.from(rows.slice(0, k).flat());
  const opts = { k, init, dimensions: d, maxIterations: 6, tolerance: 0 };
  const inputs = {
    flat: () => flat,
    'Float64Array[]': () => rows.map((r) => Float64Array.from(r)),
    'number[][]': () => rows,
  };
  const run = shape === 'ml-kmeans'
    ? () => mlKmeans(rows, k, { initialization: rows.slice(0, k).map((r) => r.slice()), maxIterations: 6, tolerance: 0 })
    : ((input) => () => kmeans(input, opts))(inputs[shape]());
  run(); // warm-up
  const times = [];
  for (let r = 0; r < 9; ++r) {
    const c0 = process.cpuUsage();
    run();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(String(times[4]));
}
