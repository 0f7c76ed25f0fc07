import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';

import { Personas, ready, runtimeStats, Segments, SelfCrmError } from 'selfcrm';

before(() => ready());

const [ann, venter, empty] = readFileSync(new URL('../data/segments/facts.ndjson', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const asOf = '2024-06-01T00:00:00Z';

function coded(fn, code, path) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof SelfCrmError, String(e));
    assert.equal(e.code, code);
    assert.equal(e.path, path);
    return true;
  });
}

test('the default segment pack explains each membership', () => {
  const segments = Segments.default();
  try {
    assert.ok(segments.names.includes('evangelist'));
    const r = segments.evaluate(ann, { asOf });
    assert.deepEqual(r.segments.map((s) => s.name), ['value-mid', 'evangelist', 'channel-email', 'channel-forum']);
    assert.deepEqual(r.segments[1].because[0], { at: '/segments/3/condition/and/0', condition: 'scores.nps.category eq "promoter"' });
    assert.equal(r.plans[0].name, 'engagement-points');
    assert.equal(r.plans[0].rules.length, 5);
    const v = segments.evaluate(venter, { asOf: new Date(asOf) });
    assert.deepEqual(v.segments.map((s) => s.name), ['value-high', 'connector', 'at-risk']);
    // asOf moves history windows: a year later nothing is recent and Ann has lapsed.
    const later = segments.evaluate(ann, { asOf: Date.parse('2025-06-01') });
    assert.ok(later.segments.some((s) => s.name === 'at-risk'));
  } finally {
    segments.dispose();
  }
});

test('company packs from JSON; personas pick the highest priority', () => {
  const segments = Segments.fromJSON({
    segments: [{ name: 'big-spender', condition: { history: 'transactions', where: { field: 'amount', op: 'gte', value: 100 } } }],
  });
  const personas = Personas.fromJSON(JSON.stringify({
    personas: [
      { name: 'buyer', tier: 'bronze', priority: 1, condition: { history: 'transactions' } },
      { name: 'fan', useCase: 'reward', priority: 5, condition: { field: 'scores.nps.category', op: 'eq', value: 'promoter' } },
    ],
  }));
  try {
    assert.deepEqual(segments.evaluate(ann, { asOf }).segments, [
      { name: 'big-spender', because: [{ at: '/segments/0/condition', condition: 'at least 1 transactions where amount gte 100.0' }] },
    ]);
    const a = personas.assign(ann, { asOf });
    assert.equal(a.persona.name, 'fan');
    assert.equal(a.persona.useCase, 'reward');
    assert.deepEqual(a.matches.map((m) => m.name), ['fan', 'buyer']);
    assert.equal(personas.assign(empty, { asOf }).persona, null);
  } finally {
    segments.dispose();
    personas.dispose();
  }
});

test('default personas', () => {
  const personas = Personas.default();
  try {
    assert.equal(personas.assign(ann, { asOf }).persona.name, 'evangelist');
    assert.equal(personas.assign(venter, { asOf }).persona.name, 'venter-at-risk');
    assert.equal(personas.assign(empty, { asOf }).persona.name, 'prospect');
  } finally {
    personas.dispose();
  }
});

test('malformed packs and inputs are coded errors with paths; nothing leaks', () => {
  const start = runtimeStats();
  coded(() => Segments.fromJSON({ segments: [{ name: 'x', condition: { field: 'scores.clv.value', op: 'gt', value: 'a lot' } }] }), 'E_SCHEMA', '/segments/0/condition/value');
  coded(() => Segments.fromJSON({ segments: [{ name: 'x', condition: { field: 'wishes', op: 'exists' } }] }), 'E_SCHEMA', '/segments/0/condition/field');
  coded(() => Segments.fromJSON('{'), 'E_PARSE', '');
  coded(() => Segments.fromJSON('{"segments": [], "x": 1e999}'), 'E_RANGE', '/x'); // too large for a double
  coded(() => Segments.fromJSON('{"segments": [], "segments": []}'), 'E_SCHEMA', '/segments');
  // Under scores and cues every member is known: a misspelling is refused with its path (item 14).
  coded(() => Segments.fromJSON({ segments: [{ name: 'x', condition: { field: 'scores.clv.vlaue', op: 'gt', value: 1 } }] }), 'E_SCHEMA', '/segments/0/condition/field');
  coded(() => Segments.fromJSON({ segments: [{ name: 'x', condition: { field: 'cues.intents.complain', op: 'exists' } }] }), 'E_SCHEMA', '/segments/0/condition/field');
  coded(() => Segments.fromJSON(42), 'E_SCHEMA', '');
  coded(() => Personas.fromJSON({ personas: [] }), 'E_EMPTY', '/personas');
  coded(() => Personas.fromJSON({ version: 3, personas: [] }), 'E_VERSION', '/version');
  const segments = Segments.default();
  try {
    coded(() => segments.evaluate([1, 2], { asOf }), 'E_SCHEMA', '');
    coded(() => segments.evaluate('{"id": "a", "n": 1e999}', { asOf }), 'E_RANGE', '/n');
    coded(() => segments.evaluate(ann, { asOf: '2026-02-30' }), 'E_RANGE', '/asOf');
    coded(() => segments.evaluate(ann, { asOf: 'someday' }), 'E_RANGE', '/asOf');
    coded(() => segments.evaluate(ann, { asOf: {} }), 'E_SCHEMA', '/asOf');
    coded(() => segments.evaluate({ history: { transactions: [{ at: 'soon' }] } }, { asOf }), 'E_RANGE', '/history/transactions/0/at');
  } finally {
    segments.dispose();
  }
  coded(() => segments.evaluate(ann, { asOf }), 'E_DISPOSED', '');
  const end = runtimeStats();
  assert.equal(end.liveObjects, start.liveObjects);
  assert.equal(end.heapBytesInUse, start.heapBytesInUse);
  assert.equal(end.stackPointer, start.stackPointer);
});

test('NDJSON batches: lines in = results + rejects', () => {
  const segments = Segments.default();
  const personas = Personas.default();
  try {
    const text = `${JSON.stringify(ann)}\nnot json\n\n${JSON.stringify(venter)}\n[]\n`;
    const lines = (batch) => batch.ndjson.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const explained = segments.evaluateLines(text, { personas, asOf, firstLine: 5, explain: true });
    const { rejects } = explained;
    const results = lines(explained);
    assert.equal(explained.results, results.length);
    assert.deepEqual(results.map((r) => [r.line, r.id, r.persona.name]), [[5, 'cust-1', 'evangelist'], [8, 'c2', 'venter-at-risk']]);
    assert.equal(results[0].persona.because.length, 2);
    const compact = segments.evaluateLines(text, { personas, asOf, firstLine: 5 });
    assert.deepEqual(lines(compact)[1].segments, ['value-high', 'connector', 'at-risk']);
    assert.equal(lines(compact)[1].persona, 'venter-at-risk');
    // Without personas the built-in pack assigns them.
    assert.equal(segments.evaluateLines(text, { asOf, firstLine: 5 }).ndjson, compact.ndjson);
    assert.deepEqual(compact.rejects, rejects);
    assert.deepEqual(rejects.map((r) => [r.line, r.code]), [[6, 'E_PARSE'], [9, 'E_SCHEMA']]);
    assert.deepEqual(results[1].personas, ['venter-at-risk', 'social-connector']);
    assert.equal(typeof results[0].plans['engagement-points'], 'number');
    personas.dispose();
    coded(() => segments.evaluateLines(text, { personas, asOf }), 'E_DISPOSED', '');
  } finally {
    segments.dispose();
    personas.dispose();
  }
});
