import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  addLexiconEntries, analyzeText, analyzeTexts, classifyInteractions, clearLexiconEntries, Cues, ready,
  runtimeStats, SelfCrmError, sentimentLabels,
} from 'selfcrm';

before(() => ready());

const norm = (x) => x / Math.sqrt(x * x + 15);

function assertCoded(fn, code, path) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof SelfCrmError, `expected SelfCrmError, got ${e}`);
    assert.equal(e.code, code);
    assert.equal(e.path, path);
    return true;
  });
}

test('analyzeText explains a score with its drivers, cues and tokens', () => {
  const r = analyzeText('The food was not bad, but the service was TERRIBLE! Never again.');
  assert.equal(r.label, 'negative');
  assert.deepEqual(r.drivers.map((d) => [d.token, d.rules]), [
    ['bad', ['negated', 'beforeContrast']],
    ['TERRIBLE', ['caps', 'afterContrast']],
    ['Never again', ['idiom']],
  ]);
  const sum = 0.5 * (-0.74 * -2.5) + 1.5 * (-2.1 - 0.733) - 2.0 - 0.292;
  assert.ok(Math.abs(r.compound - norm(sum)) < 1e-12);
  assert.deepEqual(r.cues, ['complaint', 'churnThreat']);
  assert.deepEqual(r.tokens.slice(0, 2), [{ text: 'The', kind: 'word' }, { text: 'food', kind: 'word' }]);
});

test('analyzeTexts returns typed arrays matching analyzeText, non-ASCII included', () => {
  const texts = ['No problem at all 😍', 'Where is my order?', '', 'Ça ne marche pas… terrible', 'dying to eat there'];
  const batch = analyzeTexts(texts);
  assert.ok(batch.compound instanceof Float64Array);
  assert.ok(batch.label instanceof Uint8Array);
  assert.ok(batch.cues instanceof Uint32Array);
  assert.equal(batch.compound.length, texts.length);
  texts.forEach((t, i) => {
    const one = analyzeText(t);
    assert.equal(batch.compound[i], one.compound);
    assert.equal(sentimentLabels[batch.label[i]], one.label);
    assert.equal(batch.cues[i], one.cueMask);
  });
  assert.equal(batch.cues[1], Cues.question);
  assert.ok(batch.compound[0] > 0 && batch.compound[4] > 0);
  assert.equal(batch.details, undefined);
  const detailed = analyzeTexts(texts, { details: true });
  assert.equal(detailed.details.length, texts.length);
  assert.equal(detailed.details[4].drivers[0].token, 'dying to');
  assert.equal(analyzeTexts([]).compound.length, 0);
});

test('analyzeTexts with { cues: false } gives the same scores and leaves the cues 0', () => {
  const texts = ['How much is it?', 'I will cancel my account', 'Great, thank you!'];
  const full = analyzeTexts(texts);
  const scores = analyzeTexts(texts, { cues: false });
  assert.deepEqual(scores.compound, full.compound);
  assert.deepEqual(scores.label, full.label);
  assert.deepEqual(scores.cues, new Uint32Array(texts.length));
  assert.ok(full.cues.every((c) => c !== 0), 'each text has a cue when cues are asked for');
});

test('argument types are checked before the engine is called', () => {
  assertCoded(() => analyzeText(42), 'E_SCHEMA', '');
  assertCoded(() => analyzeTexts(['ok', 7]), 'E_SCHEMA', '/1');
  assertCoded(() => analyzeTexts('ok'), 'E_SCHEMA', '');
});

test('host lexicon entries change later scores, all or nothing', () => {
  try {
    assert.equal(analyzeText('blorb').compound, 0);
    assert.equal(addLexiconEntries({ blorb: -1.5 }), 1);
    assert.ok(Math.abs(analyzeText('blorb').compound - norm(-1.5)) < 1e-12);
    assert.deepEqual(analyzeText('blorb').drivers[0].rules, ['custom']);
    assertCoded(() => addLexiconEntries([['zork', 1], ['bad', 9]]), 'E_RANGE', '/1/valence');
    assertCoded(() => addLexiconEntries([['zork', '1']]), 'E_SCHEMA', '/0/valence');
    assert.equal(analyzeText('zork').compound, 0);
  } finally {
    clearLexiconEntries();
  }
  assert.equal(analyzeText('blorb').compound, 0);
});

test('classifyInteractions places each record on the six degrees', () => {
  const p = classifyInteractions([
    { direction: 'customer-to-business', text: 'Please update my address.', at: '2024-01-01T00:00:00Z' },
    { direction: 'customer-to-business', isPublic: true, replyExpected: true, text: 'Where is my refund?' },
    { direction: 'customer-to-business', isPublic: true, participants: 6, threadId: 'x', text: 'Agreed!' },
    { direction: 'business-to-customer', isPublic: true, text: 'Summer sale now on.' },
  ]);
  assert.deepEqual(p.interactions.map((d) => [d.side, d.degree]), [
    ['customer', 1], ['customer', 4], ['customer', 6], ['business', 1],
  ]);
  assert.deepEqual(p.customer.counts, [1, 0, 0, 1, 0, 1]);
  assert.ok(Math.abs(p.sociability - ((1 + 4 + 6) / 3 - 1) / 5) < 1e-15);
  assert.equal(classifyInteractions([]).sociability, null);
  assertCoded(() => classifyInteractions([{ direction: 'in' }]), 'E_SCHEMA', '/0/direction');
  assertCoded(() => classifyInteractions([{ direction: 'customer-to-business', participants: 0 }]), 'E_RANGE',
    '/0/participants');
  assertCoded(() => classifyInteractions([{ direction: 'customer-to-business', isPublic: 'yes' }]), 'E_SCHEMA',
    '/0/isPublic');
});

test('text calls leave no heap behind', () => {
  analyzeTexts(['warm up']);
  const start = runtimeStats();
  for (let i = 0; i < 50; ++i) {
    analyzeTexts(['good', 'bad', 'Where is it?'], { details: i % 2 === 0 });
    analyzeText('fine');
    try { analyzeTexts(['ok', 1]); } catch { /* expected */ }
  }
  const end = runtimeStats();
  assert.equal(end.heapBytesInUse, start.heapBytesInUse);
  assert.equal(end.liveObjects, start.liveObjects);
});
