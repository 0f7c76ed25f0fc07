// k-means speed against ml-kmeans and skmeans in one Node process, same data, same initial
// centroids (n=100k, d=8, k=5 by default), medians of several runs; then the condition-evaluation
// rate of the default segment and persona packs on 100k facts documents.
// Run after a build: node bench/kmeans.mjs [runs]
import { kmeans as mlKmeans } from 'ml-kmeans';
import skmeans from 'skmeans';
import { kmeans, Personas, ready, Segments } from 'selfcrm';

await ready();
const runs = Number(process.argv[2] ?? 5);
const n = 100_000;
const d = 8;
const k = 5;

let s = 12345;
const rand = () => {
  s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
  return s / 4294967296;
};
const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => rand() * 10));
const rows = Array.from({ length: n }, (_, i) => centres[i % k].map((v) => v + (rand() - 0.5) * 12));
const flat = Float64Array.from(rows.flat());
const init = rows.slice(0, k).map((r) => r.slice());

function median(fn) {
  const times = [];
  let last = fn(); // warm-up: JIT and heap growth are not what is measured
  for (let r = 0; r < runs; ++r) {
    const t0 = performance.now();
    last = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], last };
}

const opts = { maxIterations: 100, tolerance: 1e-6 };
const ours = median(() => kmeans(rows, { k, init, ...opts }));
const oursFlat = median(() => kmeans(flat, { k, dimensions: d, init: Float64Array.from(init.flat()), ...opts }));
const ml = median(() => mlKmeans(rows, k, { initialization: init.map((r) => r.slice()), ...opts }));
const sk = median(() => skmeans(rows, k, init.map((r) => r.slice()), 100));
const same = ours.last.assignments.every((c, i) => c === ml.last.clusters[i]);

console.log(`k-means, n=${n}, d=${d}, k=${k}, same initial centroids, median of ${runs} runs`);
console.log('library                         ms   iterations');
const line = (name, r, it) => console.log(`${name.padEnd(28)} ${r.ms.toFixed(1).padStart(7)}   ${it}`);
line('selfcrm (nested arrays in)', ours, ours.last.iterations);
line('selfcrm (Float64Array in)', oursFlat, oursFlat.last.iterations);
line('ml-kmeans 7.0.1', ml, ml.last.iterations);
line('skmeans', sk, sk.last.it);
console.log(`speed-up vs ml-kmeans: ${(ml.ms / ours.ms).toFixed(1)}× (nested), ${(ml.ms / oursFlat.ms).toFixed(1)}× (flat); assignments identical to ml-kmeans: ${same}`);

// Condition evaluation: 100k facts documents through the default packs.
const asOf = '2024-06-01T00:00:00Z';
const channels = ['email', 'twitter', 'forum', 'phone', 'chat'];
const categories = ['promoter', 'passive', 'detractor'];
const day = (back) => new Date(Date.parse(asOf) - back * 86400_000).toISOString();
const docs = [];
for (let i = 0; i < n; ++i) {
  const interactions = Array.from({ length: 1 + (i % 6) }, (_, j) => ({
    at: day((i * 7 + j * 31) % 400), channel: channels[(i + j) % 5], isPublic: (i + j) % 3 === 0,
    direction: j % 2 ? 'businessToCustomer' : 'customerToBusiness', participants: 2 + ((i + j) % 5),
  }));
  const transactions = Array.from({ length: i % 5 }, (_, j) => ({ at: day((i * 13 + j * 47) % 500), amount: 10 + ((i * j) % 300) }));
  docs.push(JSON.stringify({
    id: `c${i}`,
    attributes: { preferential: { channels: [channels[i % 5]] } },
    history: { transactions, interactions, referrals: i % 7 ? [] : [{ at: day(i % 300), converted: i % 2 === 0 }], surveys: [{ at: day(i % 200), score: i % 11 }] },
    scores: { clv: { value: (i * 37) % 2000 }, crv: { value: (i * 11) % 800 }, influence: { value: i % 100 }, nps: { category: categories[i % 3] } },
    cues: { sentiment: { trend: ((i % 9) - 4) / 10 } },
  }));
}
const ndjson = `${docs.join('\n')}\n`;
const bytes = new TextEncoder().encode(ndjson);
const segments = Segments.default();
const personas = Personas.default();
const batch = median(() => {
  // 1 MiB chunks, as the CLI feeds them.
  let results = 0;
  let line = 1;
  for (let start = 0; start < bytes.length;) {
    let end = Math.min(bytes.length, start + (1 << 20));
    while (end < bytes.length && bytes[end - 1] !== 10) ++end;
    const chunk = bytes.subarray(start, end);
    const r = segments.evaluateLines(chunk, { personas, asOf, firstLine: line });
    results += r.results;
    line += r.results + r.rejects.length;
    start = end;
  }
  return results;
});
const objects = docs.slice(0, 20_000).map((t) => JSON.parse(t));
const single = median(() => {
  let members = 0;
  for (const f of objects) members += segments.evaluate(f, { asOf }).segments.length;
  return members;
});
console.log(`\nconditions: default segment pack (10 segments, 1 plan) + default personas (7), ${n} facts documents (${(bytes.length / 1e6).toFixed(1)} MB NDJSON)`);
console.log(`NDJSON batches (parse + segments + plan + personas + result JSON): ${batch.ms.toFixed(0)} ms = ${Math.round(n / (batch.ms / 1000)).toLocaleString('en')} documents/s (${batch.last} results)`);
console.log(`segments.evaluate(object) one call per document: ${Math.round(objects.length / (single.ms / 1000)).toLocaleString('en')} documents/s`);
segments.dispose();
personas.dispose();
