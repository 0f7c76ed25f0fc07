// k-means against ml-kmeans@7.0.1 from the same initial centroids: identical assignments, inertia
// equal to 1e-9 relative.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { kmeans as mlKmeans } from 'ml-kmeans';
import { chooseK, featureRows, kmeans, ready, runtimeStats, SelfCrmError, silhouette } from 'selfcrm';

before(() => ready());

// Blobs around `k` random centres with uniform noise, from a seeded linear congruential generator.
function blobs(n, d, centres, spread, seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const c = Array.from({ length: centres }, () => Array.from({ length: d }, () => next() * 20));
  return Array.from({ length: n }, (_, i) => c[i % centres].map((v) => v + (next() - 0.5) * spread));
}

function inertiaOf(rows, centroids, clusters) {
  let total = 0;
  rows.forEach((row, i) => {
    const c = centroids[clusters[i]];
    for (let j = 0; j < row.length; ++j) total += (row[j] - c[j]) ** 2;
  });
  return total;
}

for (const [n, d, k, spread, seed] of [
  [3000, 5, 4, 12, 1],
  [2000, 8, 5, 30, 2], // overlapping blobs: many iterations, boundaries matter
  [5000, 2, 7, 8, 3],
  [1000, 3, 3, 50, 4], // nearly uniform noise
]) {
  test(`same assignments and inertia as ml-kmeans (n=${n}, d=${d}, k=${k})`, () => {
    const rows = blobs(n, d, k, spread, seed);
    const init = rows.slice(0, k).map((r) => r.map((v) => v + 0.5));
    const ours = kmeans(rows, { k, init, maxIterations: 100, tolerance: 1e-6 });
    const theirs = mlKmeans(rows, k, { initialization: init.map((r) => r.slice()), maxIterations: 100, tolerance: 1e-6 });
    assert.deepEqual(Array.from(ours.assignments), theirs.clusters);
    assert.equal(ours.iterations, theirs.iterations);
    assert.equal(ours.converged, theirs.converged);
    const expected = inertiaOf(rows, theirs.centroids, theirs.clusters);
    assert.ok(Math.abs(ours.inertia - expected) <= 1e-9 * expected, `${ours.inertia} vs ${expected}`);
    theirs.centroids.forEach((c, i) => c.forEach((v, j) => assert.ok(Math.abs(ours.centroids[i * d + j] - v) <= 1e-12 * (1 + Math.abs(v)))));
  });
}

test('flat Float64Array rows give the same result as nested rows; same seed, same result', () => {
  const rows = blobs(500, 3, 4, 5, 9);
  const flat = Float64Array.from(rows.flat());
  const a = kmeans(rows, { k: 4, seed: 77 });
  const b = kmeans(flat, { k: 4, seed: 77, dimensions: 3 });
  assert.deepEqual(a.assignments, b.assignments);
  assert.deepEqual(a.centroids, b.centroids);
  assert.ok(a.assignments instanceof Int32Array);
  assert.ok(a.centroids instanceof Float64Array);
  assert.equal(a.centroids.length, 12);
  assert.equal(a.sizes.reduce((x, y) => x + y, 0), 500);
});

test('known answer: three separated blobs', () => {
  const rows = [[0, 1], [0, -1], [1, 0], [-1, 0], [10, 11], [10, 9], [11, 10], [9, 10], [20, 1], [20, -1], [21, 0], [19, 0]];
  const r = kmeans(rows, { k: 3, seed: 5 });
  assert.equal(r.inertia, 12);
  assert.deepEqual(r.sizes, [4, 4, 4]);
  for (let b = 0; b < 3; ++b) for (let i = 1; i < 4; ++i) assert.equal(r.assignments[b * 4 + i], r.assignments[b * 4]);
  const choice = chooseK(rows, { kMin: 2, kMax: 5, seed: 5 });
  assert.equal(choice.best, 3);
  assert.equal(choice.candidates.length, 4);
  const s = silhouette(rows, r.assignments, { k: 3 });
  assert.ok(s > 0.8 && s <= 1);
});

test('bad input is a coded SelfCrmError with a path, and nothing leaks', () => {
  const start = runtimeStats();
  const coded = (fn, code, path) =>
    assert.throws(fn, (e) => e instanceof SelfCrmError && e.code === code && e.path === path);
  coded(() => kmeans([[1, 2], [3, Number.NaN]], { k: 1 }), 'E_RANGE', '/1/1');
  coded(() => kmeans([[1, 2], [3]], { k: 1 }), 'E_SCHEMA', '/1');
  coded(() => kmeans([[1, 2], [3, '4']], { k: 1 }), 'E_SCHEMA', '/1/1');
  coded(() => kmeans([[1], [2]], { k: 3 }), 'E_RANGE', '/k');
  coded(() => kmeans([], { k: 1 }), 'E_EMPTY', '');
  coded(() => kmeans(new Float64Array(6), { k: 1 }), 'E_SCHEMA', '/dimensions');
  coded(() => kmeans(new Float64Array(7), { k: 1, dimensions: 2 }), 'E_SCHEMA', '');
  coded(() => kmeans([[1], [2]], { k: 1, seed: -1 }), 'E_RANGE', '/seed');
  coded(() => kmeans([[1], [2]], { k: 2, init: [[1]] }), 'E_SCHEMA', '/init');
  coded(() => chooseK([[1], [2]], { kMin: 1, kMax: 2 }), 'E_RANGE', '/kMin');
  const end = runtimeStats();
  assert.equal(end.heapBytesInUse, start.heapBytesInUse);
  assert.equal(end.stackPointer, start.stackPointer);
});

test('featureRows reads dotted fields of facts documents into a flat row block', () => {
  const docs = [
    { scores: { clv: { value: 100 }, nps: { value: 9 } }, cues: { churnThreat: false } },
    { scores: { clv: { value: 250.5 }, nps: { value: 3 } }, cues: { churnThreat: true } },
    { scores: { clv: { value: 40 } } },
  ];
  const rows = featureRows(docs, ['scores.clv.value', 'scores.nps.value', 'cues.churnThreat'], { missing: -1 });
  assert.deepEqual(Array.from(rows), [100, 9, 0, 250.5, 3, 1, 40, -1, -1]);
  const r = kmeans(rows, { k: 2, dimensions: 3, standardize: true, seed: 2 });
  assert.equal(r.assignments.length, 3);
  const coded = (fn, code, path) => assert.throws(fn, (e) => e instanceof SelfCrmError && e.code === code && e.path === path);
  coded(() => featureRows(docs, ['scores.nps.value']), 'E_SCHEMA', '/2/scores/nps/value');
  coded(() => featureRows([{ a: 'x' }], ['a']), 'E_SCHEMA', '/0/a');
  coded(() => featureRows(docs, []), 'E_EMPTY', '/fields');
  coded(() => featureRows(docs, ['scores..value']), 'E_SCHEMA', '/fields/0');
});

test('issue 23 item 19: every row shape goes into the engine in one copy, with no n×d staging array', () => {
  const rows = blobs(2000, 4, 3, 6, 11);
  const n = rows.length;
  const d = 4;
  const block = Float64Array.from(rows.flat());
  const shapes = {
    'number[][]': rows,
    'Float64Array[]': rows.map((r) => Float64Array.from(r)),
    'flat Float64Array': Float64Array.from(rows.flat()),
    'views of one buffer': Array.from({ length: n }, (_, i) => block.subarray(i * d, i * d + d)),
    'Float32Array[] of exact values': rows.map((r) => Float32Array.from(r.map((v) => Math.fround(v)))),
  };
  const expected = kmeans(shapes['flat Float64Array'], { k: 3, seed: 5, dimensions: d });
  const Original = globalThis.Float64Array;
  let staged = 0;
  // Counts every Float64Array made while k-means runs; a copy of the whole input would be n × d.
  globalThis.Float64Array = new Proxy(Original, {
    construct(target, args, newTarget) {
      const made = Reflect.construct(target, args, newTarget === globalThis.Float64Array ? target : newTarget);
      if (!(args[0] instanceof ArrayBuffer) && made.length >= n * d) ++staged; // a view is no copy
      return made;
    },
  });
  try {
    for (const [name, input] of Object.entries(shapes)) {
      staged = 0;
      const r = kmeans(input, { k: 3, seed: 5, dimensions: d });
      assert.equal(staged, 0, `${name}: staged a copy of the rows`);
      if (!name.startsWith('Float32Array')) assert.deepEqual(r.assignments, expected.assignments, name);
    }
  } finally {
    globalThis.Float64Array = Original;
  }
  // Rows of mixed kinds take the checked path; a non-number is still refused with its place.
  const mixed = rows.slice(0, 10).map((r, i) => (i % 2 ? Float64Array.from(r) : r));
  assert.equal(kmeans(mixed, { k: 2, seed: 1 }).assignments.length, 10);
  mixed[3] = [1, 2, '3', 4];
  assert.throws(() => kmeans(mixed, { k: 2 }), (e) => e instanceof SelfCrmError && e.code === 'E_SCHEMA' && e.path === '/3/2');
  assert.throws(() => kmeans([Float64Array.of(1, 2), Float64Array.of(1)], { k: 1 }), (e) => e.code === 'E_SCHEMA' && e.path === '/1');
});
