// Timing helpers shared by the benchmarks: medians of repeated runs in one process.
import { performance } from 'node:perf_hooks';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs fn `repeats` times after one warm-up; returns the median seconds and the last result. */
export function time(fn, repeats = 5) {
  let result = fn();
  const seconds = [];
  for (let i = 0; i < repeats; ++i) {
    const t0 = performance.now();
    result = fn();
    seconds.push((performance.now() - t0) / 1000);
  }
  return { seconds: median(seconds), result };
}

/** Prints the benchmark's report as the last stdout line, for bench/run.mjs to collect. */
export function report(section, rows, notes = []) {
  console.log(JSON.stringify({ section, rows, notes }));
}
