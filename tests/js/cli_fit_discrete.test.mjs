// `selfcrm fit --model sbg|bgbb`: tenures and opportunity summaries, one record per line (NDJSON or
// CSV); a refused record is a reject of its line and the fit runs on the rest, with the count line,
// the exit status and the same report as the API.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

import { fitBgBb, fitRetention } from 'selfcrm';

const cli = (args, input) =>
  spawnSync(process.execPath, [new URL('../../dist/cli/main.js', import.meta.url).pathname, 'fit', ...args], { input, encoding: 'utf8' });

// Fader & Hardie (2007), "regular" customers: survivors 1000, 631, 468, 382, 326, 289, 262, 241.
const survivors = [1000, 631, 468, 382, 326, 289, 262, 241];
const tenures = survivors.slice(1).map((s, t) => ({ periods: t + 1, churned: true, count: survivors[t] - s }));
tenures.push({ periods: 7, churned: false, count: 241 });

test('sBG from tenure lines equals the API fit from survivor counts; bad lines are rejects', () => {
  const lines = tenures.map((t, i) => JSON.stringify({ customerId: `cohort-${i}`, ...t }));
  lines.splice(2, 0, 'not json', '{"periods": 0, "churned": true}', '{"periods": 2}', '{"periods": 2, "churned": true, "plan": "x"}');
  const r = cli(['--model', 'sbg', '--horizon', '10', '--renewals', '0,3'], `${lines.join('\n')}\n`);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  const api = fitRetention({ survivors }, { horizon: 10, renewals: [0, 3] });
  for (const k of ['alpha', 'beta']) assert.ok(Math.abs(report.fit.params[k] / api.fit.params[k] - 1) < 1e-6, k);
  assert.equal(report.survival.length, 10);
  assert.deepEqual(report.derl.map((d) => d.renewals), [0, 3]);
  assert.ok(Math.abs(report.derl[1].value / api.derl[1].value - 1) < 1e-6);
  assert.equal(report.fit.observations, 1000);
  assert.match(r.stderr, /line 3: E_PARSE/);
  assert.match(r.stderr, /line 4: E_RANGE at \/periods/);
  assert.match(r.stderr, /line 5: E_SCHEMA at \/churned/);
  assert.match(r.stderr, /line 6: E_SCHEMA at \/plan/);
  assert.match(r.stderr, /12 lines = 8 results \+ 4 rejects\n$/);
});

test('sBG reads CSV, and a run where no line is usable writes nothing and exits 1', () => {
  const csv = `periods,churned,count\n${tenures.map((t) => `${t.periods},${t.churned},${t.count}`).join('\n')}\n`;
  const r = cli(['--model', 'sbg', '--csv'], csv);
  assert.equal(r.status, 0, r.stderr);
  const api = fitRetention({ survivors });
  assert.ok(Math.abs(JSON.parse(r.stdout).fit.params.alpha / api.fit.params.alpha - 1) < 1e-6);
  const none = cli(['--model', 'sbg'], '{"periods": -1, "churned": true}\nnope\n');
  assert.equal(none.status, 1);
  assert.equal(none.stdout, '');
  assert.match(none.stderr, /no line gave a result\n2 lines = 0 results \+ 2 rejects\n$/);
  const usage = cli(['--model', 'sbg', '--future', '3'], '');
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--future does not apply to --model sbg/);
});

test('BG/BB from opportunity lines equals the API fit, with customer ids in order', () => {
  const customers = [];
  for (let i = 0; i < 60; ++i) {
    const x = i % 7;
    customers.push({ frequency: x, recency: x === 0 ? 0 : Math.min(6, x + (i % 2)), opportunities: 6 });
  }
  const lines = customers.map((c, i) => JSON.stringify({ customerId: `d${i}`, ...c }));
  lines.push('{"customerId": "bad", "frequency": 3, "recency": 1, "opportunities": 6}');
  const r = cli(['--model', 'bgbb', '--future', '5'], `${lines.join('\n')}\n`);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  const api = fitBgBb(customers, { future: 5 });
  assert.deepEqual(report.customerIds, customers.map((_, i) => `d${i}`));
  assert.deepEqual(report.probabilityAlive, api.probabilityAlive);
  assert.deepEqual(report.expectedPurchases, api.expectedPurchases);
  assert.match(r.stderr, /line 61: E_RANGE at \/recency/);
  assert.match(r.stderr, /61 lines = 60 results \+ 1 rejects\n$/);
});
