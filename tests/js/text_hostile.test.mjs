// Issue 24 items 9 and 10: what one text may cost is capped (a longer one is E_RANGE before it is
// copied in), and running out of engine memory is E_MEMORY for that call only: every later call
// works. Linearity in each token class is shown by bench/text_scaling.mjs (doubling sizes).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { analyzeText, analyzeTexts, classifyInteractions, ready, runtimeStats, Segments, SelfCrmError, textLimits } from 'selfcrm';
import { wasm } from '../../dist/runtime/loader.js';

before(() => ready());

function coded(fn, code, path) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof SelfCrmError, String(e));
    assert.equal(e.code, code, e.message);
    assert.equal(e.path, path);
    return true;
  });
}

test('one text is at most maxTextBytes of UTF-8: longer is E_RANGE at its index, at the limit it is scored', () => {
  const { maxTextBytes } = textLimits();
  assert.equal(maxTextBytes, 1 << 20);
  // 262,144 emoji fill the limit exactly (4 bytes each): the case that used to take minutes.
  const emoji = '\u{1F600}'.repeat(maxTextBytes / 4);
  const at = analyzeTexts([emoji]);
  assert.equal(at.label[0], 2);
  coded(() => analyzeTexts(['fine', `${emoji}!`]), 'E_RANGE', '/1');
  coded(() => analyzeText(`${emoji}!`), 'E_RANGE', '');
  // Counted in UTF-8 bytes, not characters: the engine checks what was copied.
  const accents = 'é'.repeat(maxTextBytes / 2 + 1);
  coded(() => analyzeTexts([accents]), 'E_RANGE', '/0');
  coded(() => classifyInteractions([{ at: '2024-01-01T00:00:00Z', direction: 'customer-to-business', text: accents }]), 'E_RANGE', '/0/text');
});

test('out of engine memory is E_MEMORY for that call only; later calls work and nothing leaks', () => {
  const mod = wasm();
  const baseline = analyzeTexts(['not bad at all :)', 'terrible 😡 service']);
  const segments = Segments.default();
  const asOf = '2024-06-01T00:00:00Z';
  const segmented = JSON.stringify(segments.evaluate({ attributes: {} }, { asOf }));
  const start = runtimeStats();
  // Take nearly all the memory the module can ever have, leaving a few MiB.
  const held = [];
  for (let size = 256 << 20; size >= 1 << 20; size >>= 1) {
    for (let p = mod._malloc(size); p !== 0; p = mod._malloc(size)) held.push(p);
  }
  try {
    const { maxTextBytes } = textLimits();
    const words = 'so good '.repeat(maxTextBytes / 8);
    // Copying in, working memory inside the engine, and the explanation's result string all fail.
    // A facts document as text: before the fix its bytes were written through the 0 that
    // _malloc returned, over the module's own data ("memory access out of bounds" ever after).
    const facts = JSON.stringify({ attributes: { personal: { bio: 'x'.repeat(4 << 20) } } });
    for (const call of [() => segments.evaluate(facts, { asOf }), () => analyzeTexts(Array(64).fill(words)), () => analyzeText(words), () => analyzeTexts([words], { details: true })]) {
      assert.throws(call, (e) => e instanceof SelfCrmError && e.code === 'E_MEMORY', 'E_MEMORY');
    }
  } finally {
    for (const p of held) mod._free(p);
  }
  const after = analyzeTexts(['not bad at all :)', 'terrible 😡 service']);
  assert.deepEqual([...after.compound], [...baseline.compound]);
  assert.equal(analyzeText('so good').label, 'positive');
  assert.equal(JSON.stringify(segments.evaluate({ attributes: {} }, { asOf })), segmented);
  const end = runtimeStats();
  assert.equal(end.stackPointer, start.stackPointer);
  assert.equal(end.liveObjects, start.liveObjects);
  segments.dispose();
});
