// RFM summary of ≥1M NDJSON transaction lines: the engine (one buffer, one call) against a plain-JS
// Map implementation in the same process, on the same text. Both answers are compared first;
// then medians of several runs are printed side by side. Also: fitModel (BG/NBD + Gamma-Gamma)
// on 10k customers. Run after `bash scripts/build.sh`:  node bench/scores_rfm.mjs [lines]
import { fitModel, ready, rfmSummary } from 'selfcrm';

const LINES = Number(process.argv[2] ?? 1_200_000);
const RUNS = 5;

/** Deterministic transactions: `customers` ids, purchases spread over 2023–2024. */
function generate(lines, customers, seed) {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const start = Date.UTC(2023, 0, 1) / 1000;
  const out = new Array(lines);
  for (let i = 0; i < lines; ++i) {
    const at = new Date((start + Math.floor(rand() * 730 * 86400)) * 1000).toISOString().replace('.000Z', 'Z');
    const amount = Math.round(500 + rand() * 20000) / 100;
    out[i] = `{"customerId":"c${Math.floor(rand() * customers)}","at":"${at}","amount":${amount},"margin":${Math.round(amount * 30) / 100}}`;
  }
  return `${out.join('\n')}\n`;
}

/** The plain-JS reference: JSON.parse per line, a Map per customer. */
function rfmPlainJs(text, asOf) {
  const today = Math.floor(Date.parse(asOf) / 86400000);
  const map = new Map();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line);
    const at = Date.parse(r.at);
    const c = map.get(r.customerId);
    if (c) {
      if (at > c.last) c.last = at;
      c.count += 1;
      c.sum += r.amount;
    } else {
      map.set(r.customerId, { last: at, count: 1, sum: r.amount });
    }
  }
  const ids = [...map.keys()];
  const recencyDays = new Float64Array(ids.length);
  const frequency = new Float64Array(ids.length);
  const monetary = new Float64Array(ids.length);
  ids.forEach((id, i) => {
    const c = map.get(id);
    recencyDays[i] = today - Math.floor(c.last / 86400000);
    frequency[i] = c.count;
    monetary[i] = c.sum / c.count;
  });
  return { customerIds: ids, recencyDays, frequency, monetary };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn, runs = RUNS) {
  const times = [];
  let result;
  for (let i = 0; i < runs; ++i) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}

await ready();
const asOf = '2025-01-01';
const text = generate(LINES, 50_000, 42);
console.log(`RFM summary: ${LINES.toLocaleString('en')} lines, ${(text.length / 1e6).toFixed(1)} MB, 50,000 customer ids, ${RUNS} runs each`);

const engine = rfmSummary(text, { asOf });
const plain = rfmPlainJs(text, asOf);
const same =
  engine.linesUsed === LINES && engine.rejects.length === 0 &&
  JSON.stringify(engine.customerIds) === JSON.stringify(plain.customerIds) &&
  ['recencyDays', 'frequency', 'monetary'].every((k) => engine[k].every((v, i) => Object.is(v, plain[k][i])));
if (!same) {
  console.error('the two implementations disagree: no timing');
  process.exit(1);
}
console.log('answers identical (ids, recency, frequency, monetary bit for bit)');

const a = time(() => rfmSummary(text, { asOf }));
const b = time(() => rfmPlainJs(text, asOf));
console.log(`  selfcrm rfmSummary (wasm)   median ${a.ms.toFixed(0).padStart(6)} ms`);
console.log(`  plain JS Map + JSON.parse   median ${b.ms.toFixed(0).padStart(6)} ms`);
console.log(`  ratio (plain / selfcrm)     ${(b.ms / a.ms).toFixed(2)}x   (goal >= 3x)`);

// BG/NBD + Gamma-Gamma fit on 10k customers (summaries built from their transaction lines), and
// the default fit, which also fits modified BG/NBD and Pareto/NBD to compare them (model.fit.comparison).
const fitText = generate(200_000, 10_000, 7);
const fit = time(() => fitModel(fitText, { asOf, compare: false }));
const report = fit.result.model.fit;
console.log(`fitModel, BG/NBD + Gamma-Gamma (compare: false): 10,000 customers, 200,000 lines: median ${fit.ms.toFixed(0)} ms ` +
  `(BG/NBD ${report.bgnbd.optimizer?.evaluations ?? '-'} evaluations, converged ${report.bgnbd.optimizer?.converged}; ` +
  `Gamma-Gamma converged ${report.gammaGamma.optimizer?.converged})`);
const compared = time(() => fitModel(fitText, { asOf }), 3);
console.log(`fitModel, default (also modified BG/NBD and Pareto/NBD, compared): median of 3 ${compared.ms.toFixed(0)} ms ` +
  `(${(compared.ms / fit.ms).toFixed(1)}× the single fit)`);
