// Issue 24 item 11: a company's segment pack runs on the customer's device, so what it may cost is
// bounded: operand lengths, list and node counts at load time, a step budget per evaluation, a
// linear `contains`, and chooseK's kMax relative to the rows. Refusals carry the JSON path.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { chooseK, ready, Segments, SelfCrmError } from 'selfcrm';

before(() => ready());
const asOf = '2024-06-01T00:00:00Z';

function coded(fn, code, path) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof SelfCrmError, String(e));
    assert.equal(e.code, code, e.message);
    if (typeof path === 'string') assert.equal(e.path, path);
    else assert.match(e.path, path);
    return true;
  });
}
const pack = (condition) => ({ segments: [{ name: 's', condition }] });
const bio = 'attributes.personal.bio';

test('load time: a long operand, a long in-list and too many nodes are refused with their path', () => {
  coded(() => Segments.fromJSON(pack({ field: bio, op: 'contains', value: 'x'.repeat(4097) })), 'E_RANGE', '/segments/0/condition/value');
  Segments.fromJSON(pack({ field: bio, op: 'contains', value: 'x'.repeat(4096) })).dispose();
  const values = Array.from({ length: 4097 }, (_, i) => `v${i}`);
  coded(() => Segments.fromJSON(pack({ field: bio, op: 'in', value: values })), 'E_RANGE', '/segments/0/condition/value');
  const leaves = Array.from({ length: 4096 }, () => ({ field: bio, op: 'exists' }));
  coded(() => Segments.fromJSON(pack({ or: leaves })), 'E_RANGE', '/segments/0/condition/or/4095');
  Segments.fromJSON(pack({ or: leaves.slice(1) })).dispose();
});

test('contains is a linear search with the same answers as a substring test', () => {
  const needle = `${'a'.repeat(4095)}b`;
  const segments = Segments.fromJSON({
    segments: [
      { name: 'worst-case', condition: { field: bio, op: 'contains', value: needle } },
      { name: 'found', condition: { field: bio, op: 'contains', value: 'aab' } },
    ],
  });
  try {
    // 1 MB of "a…ab": a naive search compares ~4,000 bytes at each of a million places.
    const facts = { attributes: { personal: { bio: `${'a'.repeat(1 << 20)}b` } } };
    assert.deepEqual(segments.evaluate(facts, { asOf }).segments.map((s) => s.name), ['worst-case', 'found']);
    facts.attributes.personal.bio = 'a'.repeat(1 << 20);
    assert.deepEqual(segments.evaluate(facts, { asOf }).segments, []);
  } finally {
    segments.dispose();
  }
  // Against String.includes on small strings over two letters (borders are where KMP can go wrong).
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const word = (n) => Array.from({ length: n }, () => (next() < 0.5 ? 'a' : 'b')).join('');
  for (let i = 0; i < 200; ++i) {
    const n = word(1 + Math.floor(next() * 6));
    const h = word(Math.floor(next() * 20));
    const s = Segments.fromJSON(pack({ field: bio, op: 'contains', value: n }));
    try {
      const got = s.evaluate({ attributes: { personal: { bio: h } } }, { asOf }).segments.length === 1;
      assert.equal(got, h.includes(n), `${JSON.stringify(n)} in ${JSON.stringify(h)}`);
    } finally {
      s.dispose();
    }
  }
});

test('an evaluation beyond the step budget stops with E_RANGE at the condition', () => {
  // 3,000 records × a 4,000-leaf where that never holds: 12 million steps, over the 10 million budget.
  const where = { or: Array.from({ length: 4000 }, (_, i) => ({ field: 'amount', op: 'eq', value: -1 - i })) };
  const segments = Segments.fromJSON(pack({ history: 'transactions', where }));
  try {
    const transactions = Array.from({ length: 3000 }, (_, i) => ({ at: '2024-01-01T00:00:00Z', amount: i }));
    coded(() => segments.evaluate({ history: { transactions } }, { asOf }), 'E_RANGE', /^\/segments\/0\/condition(\/|$)/);
    // The same pack on a smaller history is within budget.
    assert.deepEqual(segments.evaluate({ history: { transactions: transactions.slice(0, 100) } }, { asOf }).segments, []);
  } finally {
    segments.dispose();
  }
});

test('chooseK refuses a kMax beyond max(10, √rows) (at most 100) and an oversized silhouette sample', () => {
  let seed = 3;
  const rows = Array.from({ length: 5000 }, () => [(seed = (seed * 69069 + 1) % 4294967296) / 4294967296, (seed % 1000) / 1000]);
  coded(() => chooseK(rows, { kMin: 2, kMax: 4000 }), 'E_RANGE', '/kMax');
  coded(() => chooseK(rows, { kMin: 2, kMax: 71 }), 'E_RANGE', '/kMax');
  coded(() => chooseK(rows.slice(0, 30), { kMin: 2, kMax: 11 }), 'E_RANGE', '/kMax');
  coded(() => chooseK(rows.slice(0, 30), { kMin: 2, kMax: 3, sampleSize: 20001 }), 'E_RANGE', '/sampleSize');
  assert.equal(chooseK(rows.slice(0, 30), { kMin: 2, kMax: 10, seed: 1 }).candidates.length, 9);
});
