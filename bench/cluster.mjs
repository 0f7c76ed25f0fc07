// Issue 21: `selfcrm score` throughput on Dask distributed with 1 and 2 local worker processes
// (7 partitions each) against one process, on the same generated profiles; the outputs must be
// byte-identical. Start-up (the cluster, then Node and the engine once per partition) is reported
// apart from the run. Usage: node bench/cluster.mjs [profiles=200000]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const count = Number(process.argv[2] ?? 200_000);
const score = ['score', '--as-of', '2026-11-01T00:00:00Z', '--rejects', 'inline', '-j', '1'];
const dir = mkdtempSync(join(tmpdir(), 'selfcrm-bench-cluster-'));
const sh = (cmd, args) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, stderr: r.stderr };
};
const sha = (files) => {
  const h = createHash('sha256');
  for (const f of files) h.update(readFileSync(f));
  return h.digest('hex');
};
try {
  const input = join(dir, 'in.ndjson');
  sh(process.execPath, ['scripts/cluster/make-profiles.mjs', String(count), input]);
  const single = join(dir, 'single.ndjson');
  const one = sh(process.execPath, ['dist/cli/main.js', ...score, '-i', input, '-o', single]);
  const expected = sha([single]);
  const rows = [['one process, --jobs 1', one.seconds, count / one.seconds, '—', 'reference']];
  for (const workers of [1, 2]) {
    const out = join(dir, `dask${workers}`);
    const r = sh('/usr/bin/python3', ['scripts/cluster/run_dask.py', '-i', input, '-o', out, '--partitions', '7', '--workers', String(workers), '--', ...score]);
    const m = r.stderr.match(/cluster ready in ([\d.]+) s, run ([\d.]+) s/);
    const parts = readdirSync(out).filter((f) => f.endsWith('.ndjson')).sort().map((f) => join(out, f));
    const same = sha(parts) === expected ? 'identical' : 'DIFFERENT';
    rows.push([`Dask, ${workers} worker${workers > 1 ? 's' : ''}, 7 partitions`, r.seconds, count / Number(m[2]), `${m[1]} s`, same]);
  }
  console.log(`\n## selfcrm score on Dask distributed (${count.toLocaleString('en')} profiles)\n`);
  console.log('Reproduce: `node bench/cluster.mjs`\n');
  console.log('| run | wall time | profiles/s (run, cluster start-up excluded) | cluster start-up | output vs one process |');
  console.log('|---|---|---|---|---|');
  for (const [name, wall, rate, startup, same] of rows) console.log(`| ${name} | ${wall.toFixed(1)} s | ${Math.round(rate).toLocaleString('en')} | ${startup} | ${same} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
