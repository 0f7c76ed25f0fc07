import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

import { fitBgBb, fitModel, fitRetention, Insights, Model, ready, SelfCrmError } from 'selfcrm';

await ready();

/** Transaction lines of `n` customers buying at varied rates over 2023–2024 (seeded LCG). */
function transactions(n) {
  let s = 7;
  const u = () => ((s = (s * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  const out = [];
  const start = Date.UTC(2023, 0, 1);
  for (let c = 0; c < n; ++c) {
    const gap = 5 + 120 * u();
    for (let t = 400 * u(); t < 720; t += gap * (0.5 + u())) {
      out.push(JSON.stringify({ customerId: `c${c}`, at: new Date(start + Math.floor(t) * 864e5).toISOString(), amount: 10 + 50 * u(), margin: 4 }));
      if (u() < 0.12) break;
    }
  }
  return `${out.join('\n')}\n`;
}

const data = transactions(200);

test('fitModel fits the chosen repeat model, compares all three, and scores from it with intervals', () => {
  const { model } = fitModel(data, { asOf: '2025-01-01', model: 'pareto-nbd', holdoutFrom: '2024-07-01' });
  assert.equal(model.repeatModel, 'pareto-nbd');
  assert.equal(model.bgnbd, null);
  for (const k of ['r', 'alpha', 's', 'beta']) assert.ok(model.paretoNbd[k] > 0, k);
  const fit = model.fit;
  assert.deepEqual(fit.comparison.map((r) => r.model), ['bgnbd', 'modified-bgnbd', 'pareto-nbd']);
  for (const row of fit.comparison) {
    assert.ok(Number.isFinite(row.logLikelihood) && Math.abs(row.aic - (8 - 2 * row.logLikelihood)) < 1e-6);
    assert.ok(row.holdout.actual > 0 && row.holdout.predicted > 0, JSON.stringify(row.holdout));
  }
  assert.ok(fit.holdout.customers > 0 && fit.holdout.customers <= 200);
  assert.ok(Object.values(fit.paretoNbd.standardErrors).every((se) => se === null || se > 0));
  const m = Model.fromJSON(model);
  try {
    const p = m.predict([{ frequency: 3, recency: 40, age: 60, monetary: 30 }], { t: 52 });
    assert.ok(p.probabilityAlive[0] > 0 && p.probabilityAlive[0] < 1 && p.clv[0] > 0);
    assert.equal(p.intervals, undefined);
    const two = [{ frequency: 3, recency: 40, age: 60, monetary: 30 }, { frequency: 0, recency: 0, age: 60, monetary: 0 }];
    if (fit.paretoNbd.covarianceLog.length === 0) {
      // A singular observed information (flagged as flat-likelihood) has no intervals to give.
      assert.ok(fit.diagnostics.some((d) => d.model === 'pareto-nbd' && d.code === 'flat-likelihood'));
      assert.throws(() => m.predict(two, { t: 52, intervals: true }), (e) => e.code === 'E_NOT_FOUND' && e.path === '/fit/paretoNbd/covarianceLog');
    } else {
      const withIntervals = m.predict(two, { t: 52, intervals: true });
      withIntervals.intervals.clv.forEach(([lo, hi], i) => assert.ok(lo <= withIntervals.clv[i] && withIntervals.clv[i] <= hi));
      withIntervals.intervals.probabilityAlive.forEach(([lo, hi], i) => assert.ok(lo <= withIntervals.probabilityAlive[i] && withIntervals.probabilityAlive[i] <= hi && hi <= 1));
    }
    const engine = Insights.create({ model: m });
    try {
      const profile = {
        id: 'p', history: { transactions: [0, 40, 80, 120].map((d) => ({ id: `t${d}`, at: new Date(Date.UTC(2024, 0, 1) + d * 864e5).toISOString(), amount: 30, margin: 9, currency: 'EUR' })) },
      };
      const clv = engine.analyze(profile, { asOf: '2025-01-01' }).scores.clv;
      assert.equal(clv.method, 'pareto-nbd');
      const why = clv.explain.bgnbd;
      assert.equal(why.model, 'pareto-nbd');
      if (why.intervals) {
        const [lo, hi] = why.intervals.probabilityAlive;
        assert.ok(lo <= clv.probabilityAlive && clv.probabilityAlive <= hi);
        assert.ok(why.intervals.clv[0] <= clv.value && clv.value <= why.intervals.clv[1]);
      } else {
        assert.ok(why.diagnostics.some((d) => d.code === 'flat-likelihood'));
      }
    } finally {
      engine.dispose();
    }
  } finally {
    m.dispose();
  }
  assert.throws(() => fitModel(data, { model: 'nbd' }), (e) => e instanceof SelfCrmError && e.code === 'E_SCHEMA' && e.path === '/model');
  assert.throws(() => fitModel(data, { holdoutFrom: '2030-01-01' }), (e) => e.code === 'E_RANGE' && e.path === '/holdoutFrom');
});

// Issue 23 item 9: a degenerate fit is never written silently.
const one = [
  '{"customerId":"a","at":"2024-01-01","amount":10}',
  '{"customerId":"a","at":"2024-02-01","amount":20}',
  '{"customerId":"a","at":"2024-03-01","amount":30}',
].join('\n');

test('a fit on one customer records its diagnostics in the model, and scores name them', () => {
  const { model } = fitModel(one, { asOf: '2024-04-01' });
  const codes = model.fit.diagnostics.map((d) => `${d.model}:${d.code}`);
  assert.ok(codes.includes('bgnbd:few-repeat-buyers'), codes.join());
  for (const d of model.fit.diagnostics) assert.ok(d.message && d.meaning && d.action);
  assert.ok(model.bgnbd && model.gammaGamma, 'the parameters are kept, with their diagnostics');
  const m = Model.fromJSON(model);
  const engine = Insights.create({ model: m });
  try {
    const profile = { id: 'a', history: { transactions: [{ id: 't', at: '2024-01-01T00:00:00Z', amount: 10, margin: 3, currency: 'EUR' }, { id: 'u', at: '2024-02-01T00:00:00Z', amount: 10, margin: 3, currency: 'EUR' }] } };
    const clv = engine.analyze(profile, { asOf: '2024-04-01' }).scores.clv;
    assert.ok(clv.explain.bgnbd.diagnostics.some((d) => d.code === 'few-repeat-buyers' && d.model === 'bgnbd' && d.meaning));
  } finally {
    engine.dispose();
    m.dispose();
  }
});

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
test('selfcrm fit prints the comparison and every diagnostic on stderr', () => {
  const r = spawnSync(process.execPath, [cli, 'fit', '--as-of', '2024-04-01'], { input: one, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /fit: warning: bgnbd few-repeat-buyers: only 1 customers made a repeat purchase\n {2}what it means: .+\n {2}what to do: .+/);
  assert.match(r.stderr, /fit: \* bgnbd +log-likelihood/);
  assert.deepEqual(r.stderr.trim().split('\n').slice(-2), ['fit: 1 customers from 3 transactions', '3 lines = 3 results + 0 rejects']);
  const p = spawnSync(process.execPath, [cli, 'fit', '--as-of', '2025-01-01', '--model', 'modified-bgnbd', '--holdout-from', '2024-07-01'], { input: data, encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
  assert.equal(JSON.parse(p.stdout).repeatModel, 'modified-bgnbd');
  assert.match(p.stderr, /holdout from 2024-07-01T00:00:00Z/);
  assert.match(p.stderr, /fit: \* modified-bgnbd +log-likelihood -?\d+\.\d +AIC \d+\.\d +holdout: predicted/);
  assert.equal(spawnSync(process.execPath, [cli, 'fit', '--model', 'nbd'], { input: one, encoding: 'utf8' }).status, 2);
  // Profiles hold purchases, not tenures: refused, never silently ignored.
  const prof = spawnSync(process.execPath, [cli, 'fit', '--profiles', '--model', 'sbg'], { input: '{"id":"p"}\n', encoding: 'utf8' });
  assert.equal(prof.status, 2);
  assert.match(prof.stderr, /--profiles does not apply to --model sbg/);
});

test('fitRetention reproduces Fader & Hardie 2007 and projects retention with DERL intervals', () => {
  const r = fitRetention({ survivors: [1000, 631, 468, 382, 326, 289, 262, 241] }, { horizon: 12, discountRate: 0.1 });
  assert.ok(Math.abs(r.fit.params.alpha - 0.704) < 0.0015 && Math.abs(r.fit.params.beta - 1.182) < 0.0015, JSON.stringify(r.fit.params));
  assert.equal(r.survival.length, 12);
  assert.ok(Math.abs(1000 * r.survival[11] - 173) < 15);
  for (const d of r.derl) assert.ok(d.interval[0] < d.value && d.value < d.interval[1]);
  assert.ok(r.fit.standardErrors.alpha > 0);
  const byTenure = fitRetention({ tenures: [{ periods: 1, churned: true, count: 369 }, { periods: 7, churned: false, count: 241 }, { periods: 3, churned: true, count: 390 }] });
  assert.ok(byTenure.fit.params.alpha > 0);
  assert.throws(() => fitRetention({ survivors: [10, 12] }), (e) => e.code === 'E_RANGE' && e.path === '/survivors/1');
  assert.throws(() => fitRetention({ tenures: [{ periods: 0, churned: true }] }), (e) => e.code === 'E_RANGE' && e.path === '/tenures/0/periods');
  assert.throws(() => fitRetention({ survivors: [10, 5], horizon: 2.5 }), (e) => e.code === 'E_RANGE' && e.path === '/horizon');
});

test('fitBgBb gives P(alive) and expected transactions with intervals, and rejects impossible summaries', () => {
  const customers = [];
  for (let i = 0; i < 60; ++i) {
    const x = i % 7;
    customers.push({ frequency: x, recency: x === 0 ? 0 : Math.min(6, x + (i % 2)), opportunities: 6 });
  }
  const r = fitBgBb(customers, { future: 5 });
  assert.equal(r.probabilityAlive.length, 60);
  r.expectedPurchases.forEach((e, i) => {
    const [lo, hi] = r.intervals.expectedPurchases[i];
    assert.ok(e > 0 && e < 5 && lo <= e && e <= hi);
  });
  assert.throws(() => fitBgBb([{ frequency: 2, recency: 1, opportunities: 6 }]), (e) => e.code === 'E_RANGE' && e.path === '/customers/0/recency');
  assert.throws(() => fitBgBb([{ frequency: 1, recency: 1, opportunities: 6, extra: 1 }]), (e) => e.code === 'E_SCHEMA' && e.path === '/customers/0/extra');
});
