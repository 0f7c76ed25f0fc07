// 100,000 mixed API calls, failing ones included, must leave the wasm heap, the count of live C++
// objects and the stack pointer exactly where they started. Each capability adds its calls here.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { readFileSync } from 'node:fs';

import * as selfcrm from 'selfcrm';

const venter = readFileSync(new URL('../../demo/data/customers/venter.json', import.meta.url), 'utf8');
let engine;
let segments;

const { ready, runtimeStats } = selfcrm;

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
];

before(async () => {
  await ready();
  engine = selfcrm.Insights.create();
  segments = selfcrm.Segments.default();
});

test('100,000 mixed calls leave heap, live objects and stack where they started', () => {
  // Warm-up over the largest inputs of the run: scratch buffers that grow to a high-water mark
  // and lazily created runtime state are not leaks.
  for (let i = 99_000; i < 100_000; ++i) {
    try {
      ops[i % ops.length](i);
    } catch {
      // expected errors
    }
  }
  const start = runtimeStats();
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
  assert.deepEqual(runtimeStats(), start);
});
