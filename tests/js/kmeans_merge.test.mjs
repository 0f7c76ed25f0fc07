// Issue 21, k-means on a split input: a bottom-m hash sample starts it, Lloyd steps merge exact
// per-cluster sums. Split 1, 3 and 7 ways, the parts merged in different orders (and as a tree),
// every iteration's centroids are the same bytes, and the end is byte-identical to the one-process
// `cluster --init sample`. Bad parts are refused naming the file and line; --assign is a per-line
// filter; the driver scripts/cluster/kmeans.py reaches the same bytes on GNU parallel and on Dask
// with a worker killed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';

import { KMeansSample, KMeansStep, kmeansBySample, ready, SelfCrmError } from 'selfcrm';

const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'dist/cli/main.js');
const columns = ['a', 'b', 'c'];
const identity = { engine: 'test-1' };

before(() => ready());

function run(args, expected = 0, input) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', input, maxBuffer: 1 << 26 });
  if (expected !== null) assert.equal(r.status, expected, `selfcrm ${args.join(' ')}: ${r.stderr}`);
  return r;
}

/** Rows around four centres with noise from a seeded generator; every 7th row repeats an earlier one. */
function blobRows(n, seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const centres = [[0, 0, 0], [10, 10, 1], [20, 0, -3], [5, 25, 7]];
  const rows = [];
  for (let i = 0; i < n; ++i) {
    if (i % 7 === 6) rows.push(rows[Math.floor(next() * i)]);
    else rows.push(centres[Math.floor(next() * 4)].map((c) => c + (next() - 0.5) * 6));
  }
  return rows;
}

const cuts = (n, k, skew) => [0, ...Array.from({ length: k - 1 }, (_, i) => Math.floor(((i + 1) / k) ** skew * n)), n];
const orders = [(p) => p, (p) => [...p].reverse(), (p) => [...p.slice(1), p[0]]];

/** The distributed run through the JS API: parts summarised alone, merged in `order`. */
function distributed(rows, bounds, order, options) {
  const parts = bounds.slice(0, -1).map((from, p) => Float64Array.from(rows.slice(from, bounds[p + 1]).flat()));
  const merged = (make, finish) => {
    const texts = parts.map((part) => {
      const a = make();
      try {
        if (part.length) a.addRows(part);
        return a.partial();
      } finally {
        a.dispose();
      }
    });
    const m = make();
    try {
      for (const t of order(texts)) m.merge(t);
      return finish(m);
    } finally {
      m.dispose();
    }
  };
  let doc = merged(() => new KMeansSample(identity, { columns, sampleSize: options.sampleSize }), (m) => m.initialText(options));
  for (let i = 0; i < 100 && !JSON.parse(doc).converged; ++i) {
    const current = doc;
    doc = merged(() => new KMeansStep(identity, current), (m) => m.nextText(options.tolerance));
  }
  return doc;
}

test('k-means split 1, 3 and 7 ways, merged in any order: the same centroids bytes as one process', () => {
  const rows = blobRows(2000, 21);
  const options = { columns, k: 4, seed: 5, sampleSize: 150, tolerance: 1e-9 };
  const one = kmeansBySample(Float64Array.from(rows.flat()), options);
  const doc = JSON.parse(one.centroids);
  assert.equal(doc.converged, true);
  assert.equal(doc.sizes.reduce((a, b) => a + b), 2000);
  assert.ok(doc.iteration > 1, 'Lloyd steps ran after the sample');
  for (const k of [1, 3, 7]) {
    for (const [o, order] of orders.entries()) {
      assert.equal(distributed(rows, cuts(2000, k, o + 1), order, options), one.centroids, `${k} parts, order ${o}`);
    }
  }
  // The rows in another order: the same sample, the same sums.
  assert.equal(kmeansBySample(Float64Array.from([...rows].reverse().flat()), options).centroids, one.centroids);
});

test('k-means partials of another run are refused with a coded error, changing nothing', () => {
  const rows = Float64Array.from(blobRows(300, 4).flat());
  const sample = new KMeansSample(identity, { columns, sampleSize: 50 });
  sample.addRows(rows);
  const part = sample.partial();
  const other = new KMeansSample(identity, { columns, sampleSize: 60 });
  const code = (fn) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof SelfCrmError);
      return `${e.code} ${e.path}`;
    }
    assert.fail('expected an error');
  };
  assert.equal(code(() => other.merge(part)), 'E_CONFLICT /sampleSize');
  assert.equal(code(() => other.merge(part.replace('"version":1', '"version":2'))), 'E_VERSION /version');
  assert.equal(code(() => other.merge(part.replace('selfcrm.kmeans.sample.partial', 'selfcrm.nps.partial'))), 'E_SCHEMA /format');
  assert.deepEqual(other.totals(), { lines: 0, rejected: 0, rows: 0, sampled: 0 });
  const start = sample.initialText({ k: 3, seed: 1 });
  const step = new KMeansStep(identity, start);
  step.addRows(rows);
  const moved = JSON.parse(start);
  moved.centroids[0][0] += 1;
  const elsewhere = new KMeansStep(identity, JSON.stringify(moved));
  assert.equal(code(() => elsewhere.merge(step.partial())), 'E_CONFLICT /centroids');
  assert.equal(code(() => new KMeansStep(identity, '{"format":"selfcrm.kmeans.centroids","version":1}')), 'E_SCHEMA /columns');
  for (const a of [sample, other, step, elsewhere]) a.dispose();
});

test('cluster --partial / --merge on the CLI: bad parts named by file and line; --assign is a per-line filter', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-kmeans-'));
  try {
    const rows = blobRows(600, 9);
    const lines = rows.map((r, i) => JSON.stringify({ id: `c${i}`, a: r[0], b: r[1], c: r[2] }));
    lines.splice(100, 0, '{"id":"bad","a":1,"b":"x","c":2}', '', 'not json');
    const input = join(dir, 'rows.ndjson');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const cols = ['--columns', 'a,b,c'];
    const oneOut = join(dir, 'one.json');
    const one = JSON.parse(run(['cluster', '--init', 'sample', '-k', '4', '--seed', '2', '--sample-size', '100', ...cols, '-i', input, '--centroids-out', oneOut]).stdout);
    assert.equal(one.init, 'sample');
    assert.equal(one.rejected, 2);

    const half = Math.floor(lines.length / 2);
    const partA = join(dir, 'a.ndjson');
    const partB = join(dir, 'b.ndjson');
    writeFileSync(partA, `${lines.slice(0, half).join('\n')}\n`);
    writeFileSync(partB, `${lines.slice(half).join('\n')}\n`);
    const samples = join(dir, 'samples.ndjson');
    writeFileSync(samples, [partB, partA].map((f) => run(['cluster', '--init', 'sample', '--partial', '--sample-size', '100', ...cols, '-i', f]).stdout).join(''));
    let current = join(dir, 'c0.json');
    run(['cluster', '--merge', samples, '-k', '4', '--seed', '2', '-o', current]);
    for (let i = 1; !JSON.parse(readFileSync(current, 'utf8')).converged; ++i) {
      assert.ok(i <= 100);
      const steps = join(dir, `steps-${i}.ndjson`);
      writeFileSync(steps, [partA, partB].map((f) => run(['cluster', '--centroids', current, '--partial', '-i', f]).stdout).join(''));
      current = join(dir, `c${i}.json`);
      run(['cluster', '--merge', steps, '-o', current]);
    }
    assert.equal(readFileSync(current, 'utf8'), readFileSync(oneOut, 'utf8'), 'the merged centroids are the one-process bytes');

    // A bad part: named by file and line, nothing written.
    const bad = join(dir, 'bad.ndjson');
    const good = readFileSync(samples, 'utf8').split('\n')[0];
    writeFileSync(bad, `${good}\n${good.replace('"version":1', '"version":7')}\n`);
    let r = run(['cluster', '--merge', bad, '-k', '4'], 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`E_VERSION: part ${bad} line 2 at /version`));
    writeFileSync(bad, `${good.replace('"sampleSize":100', '"sampleSize":99')}\n`);
    r = run(['cluster', '--merge', samples, bad, '-k', '4'], 1);
    assert.match(r.stderr, new RegExp(`E_CONFLICT: part ${bad} at /sampleSize`));
    writeFileSync(bad, `${readFileSync(join(dir, 'steps-1.ndjson'), 'utf8').split('\n')[0].replace('"counts":[', '"counts":["x",')}\n`);
    r = run(['cluster', '--merge', join(dir, 'steps-1.ndjson'), bad], 1);
    assert.match(r.stderr, new RegExp(`E_(SCHEMA|CONFLICT): part ${bad} at /`));
    assert.match(run(['cluster', '--partial', '-i', input], 2).stderr, /--init sample .* or --centroids/);
    assert.match(run(['cluster', '--init', 'sample', '--partial', '-i', input], 2).stderr, /needs --columns/);

    // --assign: one line per input line, in order, the same clusters as the one-process run.
    r = run(['cluster', '--centroids', current, '--assign'], 0, readFileSync(input));
    const out = r.stdout.split('\n');
    assert.equal(out.length - 1, lines.length);
    assert.equal(out[101], '');
    assert.match(out[100], /^\{"error":\{"code":"E_SCHEMA","path":"\/b"/);
    assert.match(out[102], /^\{"error":\{"code":"E_PARSE"/);
    const byId = new Map(one.assignments.map((a) => [a.id, a.cluster]));
    for (const line of out.filter((l) => l.startsWith('{"id"'))) {
      const { id, cluster } = JSON.parse(line);
      assert.equal(cluster, byId.get(id), id);
    }
    assert.match(r.stderr, /603 lines = 600 results \+ 2 rejects \+ 1 blank/);

    // The driver on GNU parallel (4 splits): the same bytes again.
    const driven = join(dir, 'driven');
    const d = spawnSync('/usr/bin/python3', ['scripts/cluster/kmeans.py', '--engine', 'parallel', '-i', input, '-o', driven, '-k', '4', '--seed', '2',
      '--sample-size', '100', '--columns', 'a,b,c', '--partitions', '4', '--workers', '2', '--assign'], { cwd: root, encoding: 'utf8' });
    assert.equal(d.status, 0, d.stderr);
    assert.equal(readFileSync(join(driven, 'centroids.json'), 'utf8'), readFileSync(oneOut, 'utf8'), 'GNU parallel driver');
    assert.equal(readFileSync(join(driven, 'assign', 'part-00000.ndjson'), 'utf8'), r.stdout, 'the driver\'s --assign = one process\'s');

    // On Dask (2 workers, 5 partitions), a worker killed in the first step: the same bytes again.
    const dask = join(dir, 'dask');
    const marker = join(dir, 'killed-once');
    const k = spawnSync('/usr/bin/python3', ['scripts/cluster/kmeans.py', '-i', input, '-o', dask, '-k', '4', '--seed', '2', '--sample-size', '100',
      '--columns', 'a,b,c', '--partitions', '5', '--workers', '2', '--assign', '--kill-worker-once', marker], { cwd: root, encoding: 'utf8' });
    assert.equal(k.status, 0, k.stderr);
    assert.ok(existsSync(marker), 'a worker was killed');
    assert.equal(readFileSync(join(dask, 'centroids.json'), 'utf8'), readFileSync(oneOut, 'utf8'), 'Dask driver');
    const assigned = readdirSync(join(dask, 'assign')).filter((f) => f.endsWith('.ndjson')).sort().map((f) => readFileSync(join(dask, 'assign', f), 'utf8'));
    assert.equal(assigned.join(''), r.stdout, 'Dask --assign parts concatenate to one process\'s');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
