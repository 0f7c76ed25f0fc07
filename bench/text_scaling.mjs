// Every text function is linear in its input (issue 24 item 9): for each token class, the text
// doubles in size and the time per unit must stay flat (a quadratic step would double it each row).
//   node bench/text_scaling.mjs [rounds]      (median of rounds per size; default 5)
import { performance } from 'node:perf_hooks';

import { analyzeText, analyzeTexts, ready } from 'selfcrm';

const rounds = Number(process.argv[2] ?? 5);
// One unit of each class; a sentiment-bearing token sits in every unit that can carry one, so
// each unit's look-back ("the three words before") runs.
const classes = {
  words: 'good ',
  emoji: '\u{1F600} ',
  emoticons: ':) ',
  punctuation: 'good - " ',
  negators: 'not good ',
  intensifiers: 'very good ',
  but: 'good but ',
  'emoji, no spaces': '\u{1F600}',
};
const sizes = [8192, 16384, 32768, 65536];

await ready();
// Warm up: compile tiers and grow the engine's memory to the largest size once.
for (const unit of Object.values(classes)) analyzeTexts([unit.repeat(sizes.at(-1))]);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

console.log(`Time per unit as each text doubles (median of ${rounds}); "×" is the time ratio to the row above (2.0 = linear).\n`);
console.log('class             units   bytes    analyzeTexts  ns/unit    ×     analyzeText (explained)  ns/unit    ×');
for (const [name, unit] of Object.entries(classes)) {
  let previous;
  for (const n of sizes) {
    const text = unit.repeat(n);
    const batch = median(Array.from({ length: rounds }, () => time(() => analyzeTexts([text]))));
    const explained = median(Array.from({ length: Math.max(1, rounds >> 1) }, () => time(() => analyzeText(text))));
    const ratio = (a, b) => (b ? (a / b).toFixed(2) : '');
    console.log(
      `${name.padEnd(16)} ${String(n).padStart(6)} ${String(Buffer.byteLength(text)).padStart(8)}   ${batch.toFixed(2).padStart(8)} ms ${(batch * 1e6 / n).toFixed(0).padStart(8)} ${ratio(batch, previous?.batch).padStart(5)}   ${explained.toFixed(1).padStart(14)} ms ${(explained * 1e6 / n).toFixed(0).padStart(16)} ${ratio(explained, previous?.explained).padStart(5)}`,
    );
    previous = { batch, explained };
  }
}
