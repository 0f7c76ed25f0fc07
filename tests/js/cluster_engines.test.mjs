// Issue 21: `score` over generated profiles gives the same bytes on one process, on GNU parallel
// (--pipepart, 4 splits) and on Dask distributed (a LocalCluster of 2 worker processes, 7
// partitions), also when a Dask worker is killed mid-run; every Dask part has a true manifest. The
// population report merged from per-partition partial summaries (report --partial on Dask and on
// GNU parallel, then report --merge) is byte-identical to the single-process report.
// The runs go at once (one Dask cluster for its three), so the wall time is about the busiest run's.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'dist/cli/main.js');
const python = '/usr/bin/python3'; // Debian's, with python3-dask (a pyenv python3 on PATH lacks it)
// The 200,000 by default (SELFCRM_CLUSTER_PROFILES sets another size).
const count = Number(process.env.SELFCRM_CLUSTER_PROFILES ?? 200_000);
const score = ['score', '--as-of', '2026-11-01T00:00:00Z', '--rejects', 'inline', '-j', '1'];
const report = ['report', '--as-of', '2026-11-01T00:00:00Z', '-j', '1', '--rejects', '/dev/null'];

function sh(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.error ?? ''}${r.stderr}`);
  return r;
}
/** sh() that runs alongside others: resolves to stdout (or writes it to `outFile`). */
function shAsync(cmd, args, outFile) {
  return new Promise((resolve, reject) => {
    const out = outFile ? openSync(outFile, 'w') : 'pipe';
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', out, 'pipe'] });
    if (outFile) closeSync(out);
    const stdout = [];
    const stderr = [];
    child.stdout?.on('data', (d) => stdout.push(d));
    child.stderr.on('data', (d) => stderr.push(d));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status === 0) resolve(Buffer.concat(stdout).toString());
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${status}: ${Buffer.concat(stderr).toString().slice(-4000)}`));
    });
  });
}
const sha256 = (files) => {
  const h = createHash('sha256');
  for (const f of files) h.update(readFileSync(f));
  return h.digest('hex');
};
const parts = (dir) => readdirSync(dir).filter((f) => /^part-\d+\.ndjson$/.test(f)).sort().map((f) => join(dir, f));
const rejectCount = (file) => readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('{"error":')).length;

test('the engines are installed (scripts/bootstrap.sh installs parallel, python3-dask, python3-distributed)', () => {
  assert.ok(existsSync('/usr/bin/parallel'), 'GNU parallel is missing: run scripts/bootstrap.sh as root');
  sh(python, ['-c', 'import dask.bag, distributed']);
});

test(`score over ${count} profiles: one process = GNU parallel 4 splits = Dask 7 partitions = Dask with a killed worker; the merged report = the single report`, { timeout: 30 * 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-cluster-'));
  try {
    const input = join(dir, 'profiles.ndjson');
    sh(process.execPath, ['scripts/cluster/make-profiles.mjs', String(count), input, '--bad-every', '9973']);
    // make-profiles.mjs: the k-th bad line is broken JSON, a schema error or blank, by k % 3.
    const bad = Array.from({ length: Math.floor(count / 9973) }, (_, i) => (i + 1) % 3);

    // Everything runs at once: the single runs use one core each, the engines share the rest, and
    // one Dask cluster serves the plain, the killed-worker and the report run (run_dask.py --plan).
    const single = join(dir, 'single.ndjson');
    const par = join(dir, 'parallel.ndjson');
    const joblog = join(dir, 'joblog');
    const parReport = join(dir, 'parallel-report.ndjson');
    const plain = join(dir, 'dask');
    const killed = join(dir, 'dask-killed');
    const marker = join(dir, 'killed-once');
    const daskReport = join(dir, 'dask-report');
    const plan = join(dir, 'plan.json');
    writeFileSync(plan, JSON.stringify([
      { out: plain, args: score },
      { out: killed, args: score, killWorkerOnce: marker },
      { out: daskReport, args: [...report, '--partial'], summaries: true },
    ]));
    const parallel = ['/usr/bin/parallel', '--pipepart', '-a', input, '--block', '-2', '-j2'];
    const [,, singleReport] = await Promise.all([
      shAsync(process.execPath, [cli, ...score, '-i', input, '-o', single]),
      shAsync(python, ['scripts/cluster/run_dask.py', '-i', input, '--partitions', '7', '--workers', '2', '--plan', plan]),
      shAsync(process.execPath, [cli, ...report, '-i', input]),
      shAsync(parallel[0], [...parallel.slice(1), '--keep-order', '--joblog', joblog, process.execPath, cli, ...score], par),
      shAsync(parallel[0], [...parallel.slice(1), process.execPath, cli, ...report, '--partial'], parReport),
    ]);

    const expected = sha256([single]);
    const rejects = rejectCount(single);
    assert.equal(rejects, bad.filter((kind) => kind !== 2).length, 'bad lines but not the blank ones are rejects');
    assert.equal(readFileSync(single, 'utf8').split('\n').length - 1, count, 'one output line per input line');

    assert.equal(readFileSync(joblog, 'utf8').trim().split('\n').length - 1, 4, 'GNU parallel ran 4 splits');
    assert.equal(sha256([par]), expected, 'GNU parallel');

    const files = parts(plain);
    assert.equal(files.length, 7);
    assert.equal(sha256(files), expected, 'Dask, 7 partitions');
    let linesIn = 0;
    let partRejects = 0;
    for (const f of files) {
      const m = JSON.parse(readFileSync(f.replace(/\.ndjson$/, '.manifest.json'), 'utf8'));
      assert.equal(m.sha256, sha256([f]));
      assert.equal(m.linesIn, m.linesOut);
      assert.equal(m.linesIn, m.results + m.rejects + m.blank);
      linesIn += m.linesIn;
      partRejects += m.rejects;
    }
    assert.equal(linesIn, count);
    assert.equal(partRejects, rejects, 'the parts reject the lines a single run rejects');

    assert.ok(existsSync(marker), 'a worker was killed');
    assert.equal(sha256(parts(killed)), expected, 'Dask after a worker was killed mid-run');

    // Item 2: one partial summary per partition, merged = the report of one process over it all.
    assert.equal(JSON.parse(singleReport).profiles + JSON.parse(singleReport).rejected, count - bad.filter((kind) => kind === 2).length);
    assert.equal(parts(daskReport).length, 7);
    assert.equal(sh(process.execPath, [cli, 'report', '--merge', ...parts(daskReport)]).stdout, singleReport, 'Dask: the merged report');
    assert.equal(readFileSync(parReport, 'utf8').split('\n').length - 1, 4, 'GNU parallel wrote 4 partial summaries');
    assert.equal(sh(process.execPath, [cli, 'report', '--merge', parReport]).stdout, singleReport, 'GNU parallel: the merged report');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
