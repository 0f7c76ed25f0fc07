// The boundary convention: no exception crosses into JS, so failing calls leave no trace on the
// wasm stack or heap, and every object JS owns is counted until it is disposed.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { classifyNps, nps, ready, runtimeStats, SelfCrmError, Vault } from 'selfcrm';

before(() => ready());

test('100,000 failing calls leave the stack pointer and the heap where they started', () => {
  // Warm up once so lazily allocated runtime state is not counted as a leak.
  assert.throws(() => nps([1, 99]));
  assert.throws(() => classifyNps(-1));
  const start = runtimeStats();
  let failures = 0;
  for (let i = 0; i < 100_000; ++i) {
    try {
      if (i % 2) nps([1, 2, 11]);
      else classifyNps(12);
    } catch (e) {
      if (e instanceof SelfCrmError && e.code === 'E_RANGE') ++failures;
    }
  }
  assert.equal(failures, 100_000);
  const end = runtimeStats();
  assert.equal(end.stackPointer, start.stackPointer);
  assert.equal(end.heapBytesInUse, start.heapBytesInUse);
  assert.equal(end.liveObjects, start.liveObjects);
});

test('successful calls leave the heap where it started', () => {
  nps([1, 9]);
  const start = runtimeStats();
  for (let i = 0; i < 10_000; ++i) nps([10, 9, 8, i % 11]);
  assert.equal(runtimeStats().heapBytesInUse, start.heapBytesInUse);
});

test('objects are counted until disposed, by dispose() or Symbol.dispose', () => {
  const start = runtimeStats().liveObjects;
  const a = Vault.create('a');
  const b = Vault.create('b');
  assert.equal(runtimeStats().liveObjects, start + 2);
  a.dispose();
  const c = Vault.create('c');
  c.setAttribute('personal', 'name', 'Ada');
  assert.equal(runtimeStats().liveObjects, start + 2);
  c[Symbol.dispose]();
  b[Symbol.dispose]();
  assert.equal(runtimeStats().liveObjects, start);
});
