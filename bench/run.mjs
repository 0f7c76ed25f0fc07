// `npm run bench`: runs every bench/*.mjs in its own process, then writes bench/RESULTS.md
// and bench/results.json with the machine, the versions and every figure side by side with its peer.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const here = new URL('./', import.meta.url);
const root = new URL('../', import.meta.url).pathname;
const only = process.argv.slice(2);
// Every script here is a benchmark; those that end with a JSON report line become tables, the
// others' printed tables are kept as they are.
const files = readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o))).sort();

const version = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0].trim();
  } catch {
    return 'unknown';
  }
};
const pkgVersion = (name) => {
  try {
    return JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, 'utf8')).version;
  } catch {
    return 'not installed';
  }
};
const machine = {
  date: new Date().toISOString(),
  cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
  memory: `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  node: process.version,
  emscripten: version('em++', ['--version']),
  gxx: version('g++', ['--version']),
  chromium: version('/usr/bin/chromium', ['--version']),
  peers: Object.fromEntries(['sentiment', 'wink-sentiment', 'vader-sentiment', 'ml-kmeans', 'skmeans']
    .map((p) => [p, pkgVersion(p)])),
};

const sections = [];
let failed = 0;
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const r = spawnSync(process.execPath, [`${here.pathname}${file}`],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0) {
    failed += 1;
    sections.push({ file, section: file, error: `exit ${r.status}`, rows: [], notes: [] });
  } else if (last.startsWith('{"section"')) {
    sections.push({ file, ...JSON.parse(last) });
  } else {
    sections.push({ file, section: file.replace(/\.m?js$/, ''), text: r.stdout.trimEnd(), rows: [], notes: [] });
  }
}

const fmtRatio = (r) => (typeof r === 'number' ? `${r.toFixed(2)}×` : '');
let md = `# SelfCRM benchmarks\n\nProduced by \`npm run bench\` (${machine.date}). Every figure below was measured in
the same run, SelfCRM and its peer in the same process on the same data, as the median of
several repetitions; each benchmark checks its answers against the peer's before it reports a
speed. Machines here are shared and noisy: read the ratios, not the absolute numbers.\n\n`;
md += `| machine | |\n|---|---|\n${Object.entries(machine).filter(([k]) => k !== 'peers')
  .map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n| peers | ${Object.entries(machine.peers)
  .map(([k, v]) => `${k}@${v}`).join(', ')} |\n`;
for (const s of sections) {
  md += `\n## ${s.section}\n\nReproduce: \`node bench/${s.file}\`\n\n`;
  if (s.error) {
    md += `**Failed** (${s.error}).\n`;
    continue;
  }
  if (s.text !== undefined) {
    md += `\`\`\`\n${s.text}\n\`\`\`\n`;
    continue;
  }
  md += '| figure | SelfCRM | peer | ratio | goal |\n|---|---|---|---|---|\n';
  for (const r of s.rows) {
    const goal = r.goal ? `${r.goal} ${r.met === undefined ? '' : r.met ? '✓' : '✗ not met'}` : '';
    md += `| ${r.figure} | ${r.selfcrm ?? ''} | ${r.peer ?? ''} | ${fmtRatio(r.ratio)}${r.ratioMeaning ? ` (${r.ratioMeaning})` : ''} | ${goal} |\n`;
  }
  for (const n of s.notes ?? []) md += `\n${n}\n`;
}
writeFileSync(new URL('RESULTS.md', here), md);
writeFileSync(new URL('results.json', here), `${JSON.stringify({ machine, sections }, null, 2)}\n`);
process.stderr.write(`bench: wrote bench/RESULTS.md${failed ? ` (${failed} benchmark(s) failed)` : ''}\n`);
process.exitCode = failed ? 1 : 0;
