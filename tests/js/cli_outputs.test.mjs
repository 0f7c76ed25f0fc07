// What the CLI gives a company to work with (issue 23): transaction exports in, flat CSV and report
// formats out, facts documents that segment reads the way analyze does, one meaning per short
// option, and --version.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const data = (name) => readFileSync(new URL(`../../demo/data/${name}`, import.meta.url), 'utf8');
const profiles = data('profiles.ndjson').trimEnd().split('\n');
const transactions = data('transactions.ndjson').trimEnd().split('\n');
const run = (args, input = '') => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
const asOf = ['--as-of', '2026-11-01T00:00:00Z'];
const lines = (text) => text.trimEnd().split('\n').filter(Boolean);

/** RFC 4180 rows (no newlines inside cells in these outputs). */
function csvRows(text) {
  return lines(text).map((line) => {
    const cells = [];
    for (let i = 0; i <= line.length;) {
      if (line[i] === '"') {
        let cell = '';
        for (++i; i < line.length; ++i) {
          if (line[i] === '"' && line[i + 1] === '"') (cell += '"'), ++i;
          else if (line[i] === '"') break;
          else cell += line[i];
        }
        cells.push(cell);
        i += 2;
      } else {
        const end = line.indexOf(',', i) === -1 ? line.length : line.indexOf(',', i);
        cells.push(line.slice(i, end));
        i = end + 1;
      }
    }
    return cells;
  });
}

test('issue 23 item 18: score and report take a transaction export and give one result per customer', () => {
  const byCustomer = new Map();
  for (const l of transactions) {
    const t = JSON.parse(l);
    if (!byCustomer.has(t.customerId)) byCustomer.set(t.customerId, []);
    byCustomer.get(t.customerId).push({ id: `t${byCustomer.get(t.customerId).length}`, at: t.at, amount: t.amount, margin: t.margin });
  }
  const r = run(['score', ...asOf, '-j', '1'], transactions.join('\n'));
  assert.equal(r.status, 0, r.stderr);
  const out = lines(r.stdout).map((l) => JSON.parse(l));
  assert.deepEqual(out.map((o) => o.id), [...byCustomer.keys()]);
  assert.match(r.stderr, new RegExp(`transactions: ${transactions.length} lines = ${transactions.length} used \\+ 0 rejected, ${byCustomer.size} customers`));
  // The same purchases as hand-made profiles score the same.
  const handMade = [...byCustomer].map(([id, txs]) => JSON.stringify({ id, history: { transactions: txs } }));
  const expected = lines(run(['score', ...asOf, '-j', '1', '--input-kind', 'profiles'], handMade.join('\n')).stdout).map((l) => JSON.parse(l));
  assert.deepEqual(out.map((o) => [o.scores.rfm.value, o.scores.clv.value]), expected.map((o) => [o.scores.rfm.value, o.scores.clv.value]));
  // Explicit kind, CSV input with numeric-looking ids, and the report.
  const explicit = run(['score', ...asOf, '-j', '2', '--input-kind', 'transactions'], transactions.join('\n'));
  assert.equal(explicit.stdout, r.stdout);
  const csv = `customerId,at,amount,margin\n${transactions.slice(0, 30).map((l) => {
    const t = JSON.parse(l);
    return `${t.customerId.replace('c', '10')},${t.at},${t.amount},${t.margin}`;
  }).join('\n')}\n`;
  const fromCsv = run(['score', ...asOf, '--csv', '-j', '1'], csv);
  assert.equal(fromCsv.status, 0, fromCsv.stderr);
  assert.ok(lines(fromCsv.stdout).every((l) => /^\d+$/.test(JSON.parse(l).id)));
  const report = JSON.parse(run(['report', ...asOf, '-j', '1'], transactions.join('\n')).stdout);
  assert.equal(report.profiles, byCustomer.size);
});

test('issue 23 item 18: a bad transaction line is reported with its own line number; the others are scored', () => {
  const input = [transactions[0], transactions[1], '{"customerId":"c0000","at":"2025-02-30","amount":3}', transactions[2], '{"customerId":["x"],"at":"2025-01-02","amount":3}'].join('\n');
  const r = run(['analyze', ...asOf, '-j', '1', '--input-kind', 'transactions'], input);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^line 3: E_RANGE at \/at: /m);
  assert.match(r.stderr, /^line 5: E_SCHEMA at \/customerId: /m);
  assert.match(r.stderr, /transactions: 5 lines = 3 used \+ 2 rejected, 1 customers/);
  assert.equal(lines(r.stdout).length, 1);
  assert.equal(run(['score', '--input-kind', 'orders'], '').status, 2);
});

test('issue 23 item 18: analyze --facts feeds segment, and both find the same segments and persona', () => {
  const input = profiles.slice(0, 120).join('\n');
  const analyzed = run(['analyze', ...asOf, '-j', '1'], input);
  const facts = run(['analyze', ...asOf, '-j', '2', '--facts'], input);
  assert.equal(facts.status, 0, facts.stderr);
  const factLines = lines(facts.stdout);
  assert.equal(factLines.length, 120);
  assert.ok(factLines.every((l) => { const f = JSON.parse(l); return f.scores && f.cues && f.history; }));
  const segmented = run(['segment', ...asOf, '-j', '1'], facts.stdout);
  assert.equal(segmented.status, 0, segmented.stderr);
  const fromAnalyze = lines(analyzed.stdout).map((l) => JSON.parse(l)).map((o) => [o.id, o.segments.segments.map((s) => s.name), o.persona.persona?.name ?? null]);
  const fromSegment = lines(segmented.stdout).map((l) => JSON.parse(l)).map((o) => [o.id, o.segments, o.persona]);
  assert.deepEqual(fromSegment, fromAnalyze);
  assert.equal(run(['score', '--facts'], '').status, 2, 'score has no --facts');
});

test('issue 23 item 17: --format csv flattens results into columns, one per segment', () => {
  const r = run(['analyze', ...asOf, '-j', '1', '-f', 'csv'], profiles.slice(0, 50).join('\n'));
  assert.equal(r.status, 0, r.stderr);
  const [header, ...rows] = csvRows(r.stdout);
  for (const c of ['id', 'rfm.recencyDays', 'rfm.segment', 'clv.value', 'nps.category', 'feedback.sentiment.mean', 'intents.complaint', 'persona', 'segment:evangelist', 'segment:at-risk', 'plan:engagement-points']) {
    assert.ok(header.includes(c), `column ${c} in ${header.join(',')}`);
  }
  assert.ok(!header.some((c) => /explain|because/.test(c)));
  assert.equal(rows.length, 50);
  assert.ok(rows.every((row) => row.length === header.length && row.every((cell) => !cell.startsWith('{'))));
  const json = lines(run(['analyze', ...asOf, '-j', '1'], profiles.slice(0, 50).join('\n')).stdout).map((l) => JSON.parse(l));
  const col = (name) => header.indexOf(name);
  rows.forEach((row, i) => {
    assert.equal(row[col('id')], json[i].id);
    assert.equal(Number(row[col('clv.value')]), json[i].scores.clv.value);
    assert.equal(row[col('persona')], json[i].persona.persona?.name ?? '');
    assert.equal(row[col('segment:at-risk')], String(json[i].segments.segments.some((s) => s.name === 'at-risk')));
  });
  const score = csvRows(run(['score', ...asOf, '-j', '1', '-f', 'csv'], profiles.slice(0, 5).join('\n')).stdout);
  assert.ok(score[0].includes('rfm.recencyDays') && score[0].includes('engagement.value'));
  const seg = csvRows(run(['segment', ...asOf, '-j', '1', '-f', 'csv'], run(['analyze', ...asOf, '--facts', '-j', '1'], profiles.slice(0, 5).join('\n')).stdout).stdout);
  assert.ok(seg[0].includes('segment:evangelist') && seg[0].includes('persona'));
});

test('issue 23 item 17: report honours --format', () => {
  const input = profiles.slice(0, 60).join('\n');
  const pretty = run(['report', ...asOf, '-j', '1'], input);
  const report = JSON.parse(pretty.stdout);
  assert.ok(pretty.stdout.includes('\n  "profiles"'), 'indented JSON by default');
  const one = run(['report', ...asOf, '-j', '1', '--format', 'ndjson'], input);
  assert.equal(lines(one.stdout).length, 1);
  assert.deepEqual(JSON.parse(one.stdout), report);
  const rows = csvRows(run(['report', ...asOf, '-j', '1', '-f', 'csv'], input).stdout);
  assert.deepEqual(rows[0], ['metric', 'value']);
  const metrics = new Map(rows.slice(1).map(([m, v]) => [m, v]));
  assert.equal(Number(metrics.get('profiles')), report.profiles);
  assert.equal(Number(metrics.get('scores.clv.p50')), report.scores.clv.p50);
  assert.equal(Number(metrics.get('nps.nps')), report.nps.nps);
});

test('issue 23 item 17: a short option means one thing in every command; --version', () => {
  const commands = ['score', 'analyze', 'report', 'nps', 'fit', 'sentiment', 'segment', 'cluster', 'verify', 'vault', 'intake', 'export', 'rank'];
  const meaning = new Map();
  for (const name of commands) {
    const help = run([name, '--help']).stdout;
    assert.ok(help.startsWith('Usage'), name);
    for (const [, short, long] of help.matchAll(/^\s+-(\w), --([\w-]+)/gm)) {
      const seen = meaning.get(short);
      assert.ok(!seen || seen.long === long, `-${short} is --${long} in ${name} but --${seen?.long} in ${seen?.name}`);
      meaning.set(short, seen ?? { long, name });
    }
  }
  assert.equal(meaning.get('f').long, 'format');
  assert.equal(meaning.get('s').long, 'segments');
  // --format is the output format everywhere: cluster reads its input format from --input-format.
  assert.equal(run(['cluster', '--k', '1', '--format', 'ndjson'], 'x\n1\n').status, 2);
  const version = run(['--version']);
  assert.equal(version.status, 0);
  assert.equal(version.stdout, `selfcrm ${JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version}\n`);
});
