// One profile through every engine, from a real Vault: scores, feedback, segments and persona, and
// the single-purpose engines fed the same facts agree with Insights.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';

import * as selfcrm from 'selfcrm';

const { Insights, Personas, Segments, Vault, classifyInteractions, factsOf, ready, runtimeStats, SelfCrmError } = selfcrm;
const sample = (name) => readFileSync(new URL(`../../demo/data/customers/${name}.json`, import.meta.url), 'utf8');
const asOf = '2026-11-01T00:00:00Z';

before(() => ready());

function withAll(fn) {
  const vault = Vault.fromJSON(sample('venter'));
  const engine = Insights.create();
  try {
    return fn(vault, engine);
  } finally {
    vault.dispose();
    engine.dispose();
  }
}

test('a venter is a detractor at risk, with reasons, and the venter persona', () => withAll((vault, engine) => {
  const r = engine.analyze(vault, { asOf });
  assert.equal(r.scores.nps.category, 'detractor');
  assert.ok(r.segments.segments.some((m) => m.name === 'at-risk' && m.because.length > 0));
  assert.ok(r.feedback.sentiment.texts > 0);
  assert.ok(r.persona.persona, 'a persona is assigned');
  assert.ok(r.persona.matches.length >= 1);
  for (const key of ['rfm', 'clv', 'nps', 'crv', 'influence', 'engagement']) assert.ok('explain' in r.scores[key], key);
}));

test('the segment, persona and degree engines fed the vault\'s facts agree with Insights', () => withAll((vault, engine) => {
  const all = engine.analyze(vault, { asOf });
  const segments = Segments.default();
  const personas = Personas.default();
  try {
    const facts = factsOf(vault, all.scores, { asOf });
    assert.deepEqual(facts.scores, all.scores);
    assert.deepEqual(segments.evaluate(facts, { asOf }).segments, all.segments.segments);
    assert.deepEqual(personas.assign(facts, { asOf }), all.persona);
    assert.deepEqual(classifyInteractions(vault.profileJSON().history.interactions), all.feedback.degrees);
  } finally {
    segments.dispose();
    personas.dispose();
  }
}));

test('changing an attribute or adding history moves the results', () => withAll((vault, engine) => {
  const before = engine.analyze(vault, { asOf });
  vault.addTransaction({ id: 'big', at: '2026-10-30T12:00:00Z', amount: 900, margin: 300 });
  const after = engine.analyze(vault, { asOf });
  assert.notDeepEqual(after.scores.rfm, before.scores.rfm);
  assert.ok(after.scores.clv.value > before.scores.clv.value);
}));

test('records after asOf are left out and counted in the explanations, as segments treat them', () => withAll((vault, engine) => {
  const doc = JSON.parse(sample('venter'));
  const asOfEarly = '2026-01-01';
  const later = (list) => (doc.history[list] ?? []).filter((r) => r.at > asOfEarly).length;
  const r = engine.analyze(vault, { asOf: asOfEarly });
  const past = Vault.fromJSON(JSON.stringify({
    ...doc,
    history: Object.fromEntries(Object.entries(doc.history).map(([k, list]) => [k, list.filter((x) => x.at <= asOfEarly)])),
  }));
  try {
    const expected = engine.analyze(past, { asOf: asOfEarly });
    assert.ok(later('transactions') + later('interactions') + later('surveys') > 0, 'the sample has later records');
    for (const name of ['rfm', 'clv', 'nps', 'crv', 'influence', 'engagement']) {
      assert.deepEqual(r.scores[name].value, expected.scores[name].value, name);
    }
    assert.deepEqual(r.feedback, expected.feedback);
    assert.deepEqual(r.segments.segments.map((m) => m.name), expected.segments.segments.map((m) => m.name));
    if (later('transactions')) assert.equal(r.scores.rfm.explain.leftOutAfterAsOf.transactions, later('transactions'));
    if (later('interactions')) assert.equal(r.scores.engagement.explain.leftOutAfterAsOf.interactions, later('interactions'));
    assert.equal(expected.scores.rfm.explain.leftOutAfterAsOf, undefined);
  } finally {
    past.dispose();
  }
  // The same rule in the batch path the CLI uses.
  const lines = engine.analyzeLines(sample('venter').replace(/\n\s*/g, ''), { asOf: asOfEarly });
  assert.equal(lines.results, 1);
}));

test('an asOf that is no date (2026-02-30) is refused as it is in data; bad packs fail with their path', () => withAll((vault, engine) => {
  assert.throws(() => engine.analyze(vault, { asOf: '2026-02-30' }), (e) => e instanceof SelfCrmError && e.code === 'E_RANGE' && e.path === '/asOf');
  assert.throws(() => Insights.create({ segments: { segments: [{ name: 'x', condition: { field: 'a', op: 'nope', value: 1 } }] } }),
    (e) => e instanceof SelfCrmError && e.path.length > 0);
  assert.throws(() => Insights.create({ model: '{"schemaVersion": 1, "clv": {"horizonPeriods": -3}}' }),
    (e) => e instanceof SelfCrmError && e.code === 'E_RANGE');
}));

test('a population in one call: one line per profile, bad lines rejected, nothing leaked', () => {
  const lines = readFileSync(new URL('../../demo/data/profiles.ndjson', import.meta.url), 'utf8').trimEnd().split('\n');
  const text = [...lines.slice(0, 50), 'not json', '{"id": 3}'].join('\n');
  const start = runtimeStats();
  const engine = Insights.create();
  try {
    const r = engine.analyzeLines(text, { asOf });
    assert.equal(r.results, 50);
    assert.deepEqual(r.rejects.map((x) => [x.line, x.code, x.path]), [[51, 'E_PARSE', ''], [52, 'E_SCHEMA', '/id']]);
    const ids = r.ndjson.trimEnd().split('\n').map((l) => JSON.parse(l).id);
    assert.deepEqual(ids, lines.slice(0, 50).map((l) => JSON.parse(l).id));
    // The same lines as UTF-8 bytes, the engine's copy released once they are out.
    const heapBefore = runtimeStats().heapBytesInUse;
    for (const scoresOnly of [false, true]) {
      const b = engine.analyzeLinesBytes(text, { asOf, scoresOnly });
      assert.equal(new TextDecoder().decode(b.bytes), engine.analyzeLines(text, { asOf, scoresOnly }).ndjson);
      assert.deepEqual([b.results, b.rejects], [r.results, r.rejects]);
    }
    assert.equal(runtimeStats().heapBytesInUse, heapBefore);
    // Into arrays the caller gives (recycled buffers), exactly the size asked for.
    const pool = new ArrayBuffer(1 << 22);
    const into = engine.analyzeLinesBytes(text, { asOf, allocate: (size) => new Uint8Array(pool, 0, size) });
    assert.equal(into.bytes.buffer, pool);
    assert.equal(new TextDecoder().decode(into.bytes), r.ndjson);
    assert.throws(() => engine.analyzeLinesBytes(text, { asOf, allocate: () => new Uint8Array(3) }), RangeError);
    assert.equal(runtimeStats().heapBytesInUse, heapBefore);
  } finally {
    engine.dispose();
  }
  assert.equal(runtimeStats().liveObjects, start.liveObjects);
});
