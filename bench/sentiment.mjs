// Sentiment throughput and accuracy, SelfCRM's batch API side by side with the npm peers, in one
// process on the same 3,000 texts (sentiment@5.0.2's amazon/imdb/yelp fixtures). Needs a build.
//   node bench/sentiment.mjs [rounds]
// Throughput: median over rounds of the time to score all 3,000 texts once. Accuracy: score ≥ 0 →
// positive (the rule sentiment's own validation uses).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

import { analyzeTexts, ready } from 'selfcrm';

const require = createRequire(import.meta.url);
const Sentiment = require('sentiment');
const wink = require('wink-sentiment');
const vader = require('vader-sentiment');

const rounds = Number(process.argv[2] ?? 15);
const sets = ['amazon', 'imdb', 'yelp'].map((name) => {
  const records = JSON.parse(readFileSync(require.resolve(`sentiment/test/fixtures/${name}.json`), 'utf8'))
    .filter((r) => r.class !== null && r.text !== '');
  return { name, texts: records.map((r) => r.text), classes: records.map((r) => r.class) };
});
const all = sets.flatMap((s) => s.texts);

await ready();
const sentiment = new Sentiment();
/** Each contender scores an array of texts and returns one number per text. */
const contenders = {
  // Everything by default: compound, label and intent cues of every text.
  'selfcrm analyzeTexts': (texts) => analyzeTexts(texts).compound,
  // What the peers compute: one score per text (compound and label, no cues).
  'selfcrm, cues: false': (texts) => analyzeTexts(texts, { cues: false }).compound,
  'sentiment@5.0.2': (texts) => texts.map((t) => sentiment.analyze(t).comparative),
  'wink-sentiment@5.0.2': (texts) => texts.map((t) => wink(t).normalizedScore),
  'vader-sentiment@1.1.3': (texts) => texts.map((t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound),
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Rounds are interleaved (each round times every contender once), so a change in machine load
// during the run weighs on all of them alike and the ratios stay fair. Whoever runs right after
// a slow contender pays for what it leaves (garbage to collect, caches and branch predictors
// filled with its own work): right after vader-sentiment the engine takes ~0.5 ms more. A plain
// rotation keeps who follows whom fixed, so one contender would pay in every round. Instead
// round r runs the contenders with stride s (k·s mod n, s cycling through the strides coprime
// to n): with n prime (five here), over n − 1 rounds each contender runs right after each other
// one once, so it pays in few rounds, which the median ignores.
for (const score of Object.values(contenders)) score(all); // warm up
const entries = Object.entries(contenders);
const times = Object.fromEntries(entries.map(([name]) => [name, []]));
const n = entries.length;
const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));
const strides = [...Array(n).keys()].filter((s) => s > 0 && gcd(s, n) === 1);
for (let r = 0; r < rounds; ++r) {
  const stride = strides[r % strides.length];
  const start = Math.floor(r / strides.length) % n;
  for (let k = 0; k < n; ++k) {
    const [name, score] = entries[(start + k * stride) % n];
    const t0 = performance.now();
    score(all);
    times[name].push(performance.now() - t0);
  }
}
const rows = [];
for (const [name, score] of Object.entries(contenders)) {
  const ms = median(times[name]);
  const accuracy = sets.map((s) => {
    const scores = score(s.texts);
    let right = 0;
    s.classes.forEach((c, i) => { right += (scores[i] >= 0 ? 1 : 0) === c ? 1 : 0; });
    return ((100 * right) / s.texts.length).toFixed(1);
  });
  rows.push({ name, ms, perSecond: (all.length / ms) * 1000, accuracy });
}

const base = rows.find((r) => r.name.startsWith('sentiment@')).perSecond;
console.log(`${all.length} texts, median of ${rounds} rounds, Node ${process.version}\n`);
console.log(`${'contender'.padEnd(24)} ${'ms/3000'.padStart(9)} ${'texts/s'.padStart(10)} ${'vs sentiment'.padStart(13)}   accuracy amazon / imdb / yelp`);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(24)} ${r.ms.toFixed(2).padStart(9)} ${Math.round(r.perSecond).toString().padStart(10)} ${`${(r.perSecond / base).toFixed(2)}×`.padStart(13)}   ${r.accuracy.join(' / ')}`,
  );
}
console.log(
  '\nselfcrm analyzeTexts computes compound, label and intent cues of every text; with { cues: false },\n' +
    'compound and label only (what the peers compute: one score per text). Timed wall-clock, rounds\n' +
    'interleaved, each contender after each other one equally often. Accuracy is the same for both: cues do not change scores.',
);
