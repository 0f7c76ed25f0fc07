// `npm start`: the main job on bundled sample data — a population report of 300 sample customers
// computed by the CLI (as a company's Node batch script would), then the shop's received answers
// taken in by `selfcrm intake` — then the demo as two sites until Ctrl-C: the customer's vault app
// and the Northwind shop, on two origins (the shop keeps what it receives for the next intake).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { shopResponses } from '../demo/responses.mjs';
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

// The company's side of the loop: what the shop received, into its store on the customers' terms.
const asOf = new Date('2026-11-01T00:00:00Z');
const responses = `${outDir}/responses.ndjson`;
const store = `${outDir}/intake.sqlite`;
rmSync(store, { force: true });
const profiles = readFileSync(`${root}demo/data/profiles.ndjson`, 'utf8').split('\n').filter(Boolean);
writeFileSync(responses, `${(await shopResponses(profiles, { asOf })).join('\n')}\n`);
console.log('\nIntake: selfcrm intake --store test-output/start/intake.sqlite test-output/start/responses.ndjson');
const intake = spawnSync(process.execPath, [cli, 'intake', '--store', store, '--now', asOf.toISOString(), responses], { encoding: 'utf8' });
if (intake.status !== 0) {
  process.stderr.write(intake.stderr);
  process.exit(intake.status ?? 1);
}
const taken = intake.stdout.trim().split('\n').map((l) => JSON.parse(l));
const refused = intake.stderr.split('\n').filter((l) => l.startsWith('line '));
const answers = taken.filter((t) => t.kind === 'presentation');
const count = (key) => answers.reduce((n, t) => n + t[key].length, 0);
console.log(`  ${answers.length} answers verified and taken in, ${taken.length - answers.length} revocations, ${refused.length} refused`);
for (const line of refused) console.log(`    ${line.length > 110 ? `${line.slice(0, 107)}...` : line}`);
console.log(`  ${count('stored')} copied claims written; ${count('borrowed')} borrowed claims usable in this run only, never written`);
console.log(`  ${taken.reduce((n, t) => n + t.revoked.length, 0)} claims withdrawn by revocations (selfcrm intake purge deletes them)`);
const crm = spawnSync(process.execPath, [cli, 'export', 'crm', '--store', store, '--purpose', 'dpv:ServicePersonalisation', '--now', asOf.toISOString(), '-o', `${outDir}/crm.csv`], { encoding: 'utf8' });
if (crm.status === 0) console.log(`  CRM import file: test-output/start/crm.csv (${crm.stderr.trim()})`);
const shared = spawnSync(process.execPath, [cli, 'report', '--store', store, '--as-of', asOf.toISOString(), '--html', `${outDir}/shared.html`], { encoding: 'utf8' });
if (shared.status === 0) {
  const r = JSON.parse(shared.stdout);
  const levels = r.grants.reduce((m, g) => ({ ...m, [g.level]: (m[g.level] ?? 0) + g.share }), {});
  console.log(`  what was shared: ${r.customers} customers; claims granted ${Object.entries(levels).map(([l, x]) => `${(x * 100).toFixed(0)}% ${l}`).join(', ')}; segments: ${top(r.segments) || 'none'} (test-output/start/shared.html)`);
}
// The conversations worth having: this run's customer rows (borrowed claims included, verified
// again) through selfcrm rank.
const rows = spawnSync(process.execPath, [cli, 'intake', '--store', store, '--now', asOf.toISOString(), '--emit', 'rows', responses], { encoding: 'utf8', maxBuffer: 1 << 28 });
const plan = rows.status === 0 ? spawnSync(process.execPath, [cli, 'rank', '--budget', '5'], { input: rows.stdout, encoding: 'utf8' }) : rows;
if (plan.status === 0) {
  console.log('\nConversations worth having: selfcrm intake --emit rows … | selfcrm rank --budget 5');
  for (const c of plan.stdout.trim().split('\n').map((l) => JSON.parse(l))) console.log(`  ${c.rank}. …${c.subject.slice(-12)}  ${c.value} via ${c.channel}: ${c.reason}`);
  console.log(`  ${plan.stderr.split('\n').find((l) => l.startsWith('rank:'))}`);
} else {
  process.stderr.write(plan.stderr);
}

const wanted = Number(process.env.PORT ?? 8080);
let sites;
try {
  sites = await startSites({ vaultPort: wanted, shopPort: wanted + 1, responsesFile: responses });
} catch {
  sites = await startSites({ responsesFile: responses }); // the usual ports are taken: any free ones will do
}
console.log(`\nVault app (the customer's site): ${sites.vaultUrl}`);
console.log(`Northwind shop (a company's site): ${sites.shopOrigin}/`);
console.log('Open the shop and click "Share with SelfCRM". (Ctrl-C to stop)');
console.log('What the shop receives is added to test-output/start/responses.ndjson: run the intake line above again to take it in.');
