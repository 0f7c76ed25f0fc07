// `npm start`: the main job on bundled sample data — a population report of 300 sample customers
// computed by the CLI (as a company's Node batch script would), then the demo page served on
// 127.0.0.1 until Ctrl-C.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { serve } from './serve.mjs';

const root = new URL('..', import.meta.url).pathname;
const cli = `${root}dist/cli/main.js`;
const outDir = `${root}test-output/start`;
mkdirSync(outDir, { recursive: true });

console.log('Batch: selfcrm report --input demo/data/profiles.ndjson --html test-output/start/report.html');
const run = spawnSync(process.execPath, [cli, 'report', '--input', `${root}demo/data/profiles.ndjson`,
  '--as-of', '2026-11-01T00:00:00Z', '--html', `${outDir}/report.html`], { encoding: 'utf8' });
if (run.status !== 0) {
  process.stderr.write(run.stderr);
  process.exit(run.status ?? 1);
}
const report = JSON.parse(run.stdout);
const top = (counts) => Object.entries(counts).slice(0, 6).map(([k, v]) => `${k} ${v}`).join(', ');
console.log(`  ${report.profiles} profiles, ${report.rejected} rejected lines`);
if (report.nps) console.log(`  NPS ${report.nps.nps.toFixed(1)} (95% CI ${report.nps.ci95[0].toFixed(1)} to ${report.nps.ci95[1].toFixed(1)}, n=${report.nps.n})`);
console.log(`  personas: ${top(report.personas)}`);
console.log(`  segments: ${top(report.segments)}`);
console.log(`  median CLV ${report.scores.clv.p50.toFixed(0)}, median influence ${report.scores.influence.p50.toFixed(1)}`);
console.log(`  full report: test-output/start/report.html`);

const wanted = Number(process.env.PORT ?? 8080);
let server;
try {
  server = await serve({ port: wanted });
} catch {
  server = await serve({ port: 0 }); // the usual port is taken: any free one will do
}
const { port } = server.address();
console.log(`\nDemo: http://127.0.0.1:${port}/demo/  (Ctrl-C to stop)`);
