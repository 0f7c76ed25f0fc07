// `npm start`: the main job on bundled sample data — a population report of 300 sample customers
// computed by the CLI (as a company's Node batch script would) — then the demo as two sites until
// Ctrl-C: the customer's vault app and the Northwind shop, on two origins.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { startSites } from '../demo/sites.mjs';

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
let sites;
try {
  sites = await startSites({ vaultPort: wanted, shopPort: wanted + 1 });
} catch {
  sites = await startSites(); // the usual ports are taken: any free ones will do
}
console.log(`\nVault app (the customer's site): ${sites.vaultUrl}`);
console.log(`Northwind shop (a company's site): ${sites.shopOrigin}/`);
console.log('Open the shop and click "Share with SelfCRM". (Ctrl-C to stop)');
