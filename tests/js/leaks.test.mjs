// 100,000 mixed API calls, failing ones included, must leave the wasm heap, the count of live C++
// objects and the stack pointer exactly where they started, in both modules: the customer's
// (selfcrm.wasm) and the company's (selfcrm-company.wasm: plans, queues, aggregates, k-means, the
// intake reports). Each capability adds its calls here.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { readFileSync } from 'node:fs';

import * as selfcrm from 'selfcrm';
import { countSharedClaims, crmContact } from 'selfcrm/company';

const venter = readFileSync(new URL('../../demo/data/customers/venter.json', import.meta.url), 'utf8');
let engine;
let segments;

const { companyRuntimeStats, ready, runtimeStats } = selfcrm;
const stats = () => ({ customer: runtimeStats(), company: companyRuntimeStats() });
const dispose = (...objects) => objects.forEach((o) => o.dispose());

/** Each op is called with the iteration number; throwing SelfCrmError is an expected outcome. */
const ops = [
  (i) => selfcrm.nps([i % 11, 10, 0]),
  (i) => selfcrm.nps([i % 11, 12]),
  (i) => selfcrm.classifyNps(i % 13),
  (i) => selfcrm.classifyNpsLines(`{"id":${i},"score":${i % 12}}\nbad\n`, { firstLine: i + 1 }),
  (i) => {
    const s = new selfcrm.NpsAggregate({ engine: 'leaks' });
    try {
      s.addLines(`{"score":${i % 11}}\n{"score":"x"}\n`, { firstLine: 1 });
      return s.summary();
    } finally {
      s.dispose();
    }
  },
  (i) => {
    const plan = new selfcrm.ConversationPlan({ budget: i % 3 });
    try {
      plan.addLines(`{"subject":"s${i}","claims":{"band:clv":${i},"band:alive":0.5}}\n{"subject":"s${i}","claims":{}}\nbad\n`);
      return plan.conversations();
    } finally {
      plan.dispose();
    }
  },
  (i) => new selfcrm.SupportQueue({ budget: i % 2 ? -1 : 0, params: { saveRate: 2 } }), // E_RANGE, disposed inside
  () => {
    const s = new selfcrm.NpsAggregate({ engine: 'leaks' });
    try {
      return s.summary(); // E_EMPTY
    } finally {
      s.dispose();
    }
  },
  (i) => {
    const v = selfcrm.Vault.fromJSON(venter);
    try {
      v.addIdentity({ kind: 'email', value: `x${i % 7}@example.com` });
      if (i % 3 === 0) v.addTransaction({ at: 'not a date', amount: 1 }); // E_RANGE
      return engine.analyze(v, { asOf: i % 5 === 0 ? '2000-01-01' : '2026-11-01' }); // E_RANGE every fifth
    } finally {
      v.dispose();
    }
  },
  (i) => selfcrm.Vault.fromJSON(i % 2 ? '{"schemaVersion": 99}' : '{"schemaVersion": 1, "id": "v", "oops": 1}'),
  (i) => selfcrm.analyzeTexts([`not bad at all ${i}`, 'terrible!!', ''], { details: i % 2 === 0 }),
  (i) => segments.evaluate({ id: 'f', scores: { clv: { value: i } } }, { asOf: '2026-01-01' }),
  (i) => selfcrm.kmeans(Float64Array.from({ length: 40 }, (_, k) => (k * 7 + i) % 13), { k: 3, seed: i, dimensions: 2 }),
  // The company module's objects and calls, failing ones included.
  (i) => {
    const a = new selfcrm.NpsAggregate({ engine: 'leak' });
    const b = new selfcrm.NpsAggregate({ engine: i % 3 ? 'leak' : 'other' });
    try {
      a.addLines(`{"id":${i},"score":${i % 11}}\nbad\n`);
      a.countLines(2, 1);
      b.merge(a.partial()); // E_CONFLICT every third
      return b.summary();
    } finally {
      dispose(a, b);
    }
  },
  (i) => {
    const r = new selfcrm.ReportAggregate({ engine: 'leak', rulesHash: 'r', asOf: '2026-01-01T00:00:00Z' });
    try {
      if (i % 2) r.addLines('not a result\n'); // E_SCHEMA
      return r.report(); // E_EMPTY
    } finally {
      r.dispose();
    }
  },
  (i) => {
    const f = new selfcrm.FitAggregate({ engine: 'leak', asOf: '2026-01-01T00:00:00Z' });
    try {
      f.addTransactions(`{"customerId":"c${i % 5}","at":"2025-0${1 + (i % 9)}-01T00:00:00Z","amount":${i % 50}}\n{"customerId":1}\n`);
      f.merge(i % 2 ? '{"format":"selfcrm.fit.partial"}' : f.partial()); // bad part, or a customer counted twice
      return f.totals();
    } finally {
      f.dispose();
    }
  },
  (i) => {
    const l = new selfcrm.LdpAggregate({ engine: 'leak' }, { categories: ['a', 'b', 'c'], epsilon: 1 });
    try {
      l.addLines(`{"report":"${'abcd'[i % 4]}"}\nx\n`);
      return l.totals();
    } finally {
      l.dispose();
    }
  },
  (i) => new selfcrm.FitAggregate({ engine: 'leak' }, i % 2 ? '{"bad model"' : '[]'), // refused before construction
  (i) => crmContact(`s${i}`, [{ claim: 'band:clv', value: ['low', 'medium', 'high'][i % 3], expiresAt: null }, { claim: 'segment:evangelist', value: i % 2 === 0, expiresAt: null }], 'dpv:Marketing'),
  (i) => countSharedClaims(`{"subject":"s","claims":{"persona":"p${i % 3}","nps:category":"promoter"}}\n${i % 2 ? 'bad\n' : ''}`, [i % 4, 1]),
  (i) => selfcrm.populationAdvocacy([{ latestScore: i % 11, referrals: i % 3, convertedReferrals: i % 2 ? 0 : -1 }]), // E_RANGE every other
];

before(async () => {
  await ready();
  engine = selfcrm.Insights.create();
  segments = selfcrm.Segments.default();
});

test('100,000 mixed calls leave heap, live objects and stack where they started, in both modules', () => {
  // Warm-up over the largest inputs of the run: scratch buffers that grow to a high-water mark
  // and lazily created runtime state are not leaks.
  for (let i = 99_000; i < 100_000; ++i) {
    try {
      ops[i % ops.length](i);
    } catch {
      // expected errors
    }
  }
  const start = stats();
  assert.notEqual(start.company, null, 'the company module was exercised');
  let failures = 0;
  for (let i = 0; i < 100_000; ++i) {
    try {
      ops[i % ops.length](i);
    } catch (e) {
      if (!(e instanceof selfcrm.SelfCrmError)) throw e;
      ++failures;
    }
  }
  assert.ok(failures > 10_000, `failing calls were exercised (${failures})`);
  assert.deepEqual(stats(), start);
});
