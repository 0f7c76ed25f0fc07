import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

import { customerSummaries, fitModel, Model, ready, rfmSummary, runtimeStats, SelfCrmError } from 'selfcrm';

await ready();

const lines = [
  '{"customerId":"a","at":"2024-03-01","amount":40}',
  '{"customerId":"b","at":"2024-03-10","amount":5.5}',
  'nope',
  '',
  '{"customerId":"a","at":"2024-03-21T10:00:00Z","amount":60,"margin":6}',
  '{"customerId":"a","at":"2024-04-02","amount":1}',
].join('\n');

test('rfmSummary gives R, F, M per customer as typed arrays and reports bad lines', () => {
  const s = rfmSummary(lines, { asOf: '2024-03-31' });
  assert.deepEqual(s.customerIds, ['a', 'b']);
  assert.deepEqual([...s.recencyDays], [10, 21]);
  assert.deepEqual([...s.frequency], [2, 1]);
  assert.deepEqual([...s.monetary], [50, 5.5]);
  assert.ok(s.monetary instanceof Float64Array);
  assert.deepEqual(s.rejects.map((r) => [r.line, r.code, r.path]), [[3, 'E_PARSE', ''], [6, 'E_RANGE', '/at']]);
  const total = rfmSummary(new TextEncoder().encode(lines), { asOf: new Date('2024-03-31T00:00:00Z'), monetary: 'total' });
  assert.deepEqual([...total.monetary], [100, 5.5]);
  assert.throws(() => rfmSummary(lines, {}), (e) => e instanceof SelfCrmError && e.code === 'E_SCHEMA' && e.path === '/asOf');
  assert.throws(() => rfmSummary(lines, { asOf: '2024-13-01' }), (e) => e.code === 'E_RANGE' && e.path === '/asOf');
  assert.throws(() => rfmSummary(42, { asOf: '2024-03-31' }), (e) => e.code === 'E_SCHEMA');
});

test('Model: default, fromJSON strict with paths, toJSON round trip, dispose', () => {
  const m = Model.default();
  try {
    const doc = m.toJSON();
    assert.equal(doc.schemaVersion, 1);
    assert.deepEqual(doc.rfm.recencyDays, [30, 90, 180, 365]);
    assert.equal(doc.bgnbd, null);
    const again = Model.fromJSON(doc);
    try {
      assert.deepEqual(again.toJSON(), doc);
    } finally {
      again.dispose();
    }
  } finally {
    m.dispose();
  }
  assert.throws(() => m.toJSON(), (e) => e.code === 'E_DISPOSED');
  assert.throws(() => Model.fromJSON('{"schemaVersion":2}'), (e) => e.code === 'E_VERSION' && e.path === '/schemaVersion');
  assert.throws(() => Model.fromJSON({ schemaVersion: 1, clv: { marginRate: 2 } }), (e) => e.code === 'E_RANGE' && e.path === '/clv/marginRate');
  assert.throws(() => Model.fromJSON('{'), (e) => e.code === 'E_PARSE');
  assert.equal(runtimeStats().liveObjects, 0);
});

test('predictions match the BG/NBD paper and reject impossible summaries by path', () => {
  const m = Model.fromJSON({
    schemaVersion: 1,
    bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
  });
  try {
    const p = m.predict([{ frequency: 2, recency: 30.43, age: 38.86, monetary: 20 }, { frequency: 0, recency: 0, age: 10, monetary: 0 }], { t: 39 });
    assert.ok(Math.abs(p.expectedPurchases[0] - 1.226) < 0.0005); // FHL 2005, section 5
    assert.equal(p.probabilityAlive[1], 1);
    // E[M] = (γ + x m̄) p / (p x + q − 1) = 55.44 · 6.25 / 15.24
    assert.ok(Math.abs(p.expectedSpend[0] - (55.44 * 6.25) / 15.24) < 1e-12);
    assert.ok(p.clv[0] > 0);
    assert.throws(() => m.predict([{ frequency: 1, recency: 5, age: 4, monetary: 1 }], { t: 1 }),
      (e) => e.code === 'E_RANGE' && e.path === '/0/recency');
    assert.throws(() => m.predict([{ frequency: 1 }], { t: 1 }), (e) => e.code === 'E_SCHEMA' && e.path === '/0/recency');
  } finally {
    m.dispose();
  }
  const plain = Model.default();
  try {
    assert.throws(() => plain.predict([], { t: 1 }), (e) => e.code === 'E_NOT_FOUND' && e.path === '/bgnbd');
  } finally {
    plain.dispose();
  }
});

test('fitModel returns a model document that Model.fromJSON accepts', () => {
  const r = fitModel(lines, { asOf: '2024-03-31' });
  assert.equal(r.linesUsed, 3);
  assert.equal(r.customers, 2);
  assert.deepEqual(r.rejects.map((x) => x.line), [3, 6]);
  assert.deepEqual(r.model.rfm.frequency, [1, 1, 2, 2]);
  const m = Model.fromJSON(r.model);
  m.dispose();
  assert.throws(() => fitModel('nope\n'), (e) => e.code === 'E_EMPTY');
  assert.equal(runtimeStats().liveObjects, 0);
});

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
test('selfcrm fit: model on stdout, bad lines and counts on stderr, exit codes', () => {
  const r = spawnSync(process.execPath, [cli, 'fit', '--as-of', '2024-03-31'], { input: lines, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const model = JSON.parse(r.stdout);
  assert.equal(model.schemaVersion, 1);
  // Rejects first, then the model comparison and diagnostics (one repeat buyer: never silent),
  // then the counts.
  const stderr = r.stderr.trim().split('\n');
  assert.deepEqual(stderr.slice(0, 2), ['line 3: E_PARSE: the line is not valid JSON', 'line 6: E_RANGE at /at: transaction dated after asOf']);
  assert.ok(stderr.some((l) => l.startsWith('fit: warning: bgnbd few-repeat-buyers')));
  assert.deepEqual(stderr.slice(-2), ['fit: 2 customers from 3 transactions', '6 lines = 3 results + 2 rejects + 1 blank']);
  assert.equal(spawnSync(process.execPath, [cli, 'fit'], { input: 'nope\n', encoding: 'utf8' }).status, 1);
  assert.equal(spawnSync(process.execPath, [cli, 'fit', '--bogus'], { input: '', encoding: 'utf8' }).status, 2);
  assert.match(spawnSync(process.execPath, [cli, 'fit', '--help'], { encoding: 'utf8' }).stdout, /Usage: selfcrm fit/);
});

test('customerSummaries feed predict as columns', () => {
  const s = customerSummaries(lines, { asOf: '2024-03-31' });
  // a: purchase days 2024-03-01 and 03-21 → x = 1, t_x = 20/7, T = 30/7 weeks, repeat spend 60.
  assert.deepEqual(s.customerIds, ['a', 'b']);
  assert.equal(s.asOf, '2024-03-31T00:00:00Z');
  assert.deepEqual([...s.frequency], [1, 0]);
  assert.deepEqual([...s.recency], [20 / 7, 0]);
  assert.deepEqual([...s.age], [30 / 7, 21 / 7]);
  assert.deepEqual([...s.monetary], [60, 0]);
  assert.equal(s.rejects.length, 2);
  const m = Model.fromJSON({
    schemaVersion: 1,
    bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
  });
  try {
    const byColumns = m.predict(s, { t: 52 });
    const byRows = m.predict([0, 1].map((i) => ({ frequency: s.frequency[i], recency: s.recency[i], age: s.age[i], monetary: s.monetary[i] })), { t: 52 });
    assert.deepEqual(byColumns, byRows);
    assert.equal(byColumns.probabilityAlive[1], 1);
    assert.throws(() => m.predict({ frequency: [1], recency: [], age: [1], monetary: [1] }, { t: 1 }),
      (e) => e.code === 'E_SCHEMA' && e.path === '/recency');
  } finally {
    m.dispose();
  }
  assert.equal(runtimeStats().liveObjects, 0);
});
