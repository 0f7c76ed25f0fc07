// 100,000 mixed API calls, failing ones included, must leave the wasm heap, the count of live C++
// objects and the stack pointer exactly where they started. Each capability adds its calls here.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import * as selfcrm from 'selfcrm';

const { ready, runtimeStats } = selfcrm;

/** Each op is called with the iteration number; throwing SelfCrmError is an expected outcome. */
const ops = [
  (i) => selfcrm.nps([i % 11, 10, 0]),
  (i) => selfcrm.nps([i % 11, 12]),
  (i) => selfcrm.classifyNps(i % 13),
  (i) => selfcrm.classifyNpsLines(`{"id":${i},"score":${i % 12}}\nbad\n`, i),
  (i) => {
    const s = new selfcrm.NpsStream();
    try {
      s.addNdjson(`{"score":${i % 11}}\n{"score":"x"}\n`, 1);
      return s.summary();
    } finally {
      s.dispose();
    }
  },
  () => {
    const s = new selfcrm.NpsStream();
    try {
      return s.summary(); // E_EMPTY
    } finally {
      s.dispose();
    }
  },
];

before(() => ready());

test('100,000 mixed calls leave heap, live objects and stack where they started', () => {
  // One warm-up round: lazily created runtime state is not a leak.
  ops.forEach((op, i) => { try { op(i); } catch { /* expected errors */ } });
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
