// The accuracy floor on the three labelled sets shipped with sentiment@5.0.2 (score ≥ 0 →
// positive): at least the best of vader-sentiment, wink-sentiment and sentiment on each set, as
// bench/sentiment.mjs measures them (amazon 77.5, imdb 76.7, yelp 72.2).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { before, test } from 'node:test';

import { analyzeTexts, ready } from 'selfcrm';

before(() => ready());
const require = createRequire(import.meta.url);
const floors = { amazon: 77.5, imdb: 76.7, yelp: 72.2 };

for (const [set, floor] of Object.entries(floors)) {
  test(`accuracy on ${set} is at least ${floor}%`, () => {
    const file = require.resolve(`sentiment/test/fixtures/${set}.json`);
    const records = JSON.parse(readFileSync(file, 'utf8')).filter((r) => r.class !== null && r.text !== '');
    assert.equal(records.length, 1000);
    const { compound } = analyzeTexts(records.map((r) => r.text));
    let right = 0;
    records.forEach((r, i) => { right += (compound[i] >= 0 ? 1 : 0) === r.class ? 1 : 0; });
    const accuracy = (100 * right) / records.length;
    assert.ok(accuracy >= floor, `${set}: ${accuracy}% < ${floor}%`);
  });
}
