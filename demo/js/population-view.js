// The company's aggregate from randomized (local differential privacy) reports versus the truth,
// computed in a worker so the page stays responsive.
import { barChart } from './charts.js';
import { byTestId, fmt, say } from './dom.js';

const categories = ['detractor', 'passive', 'promoter'];

export async function runPopulation(selfcrm, worker, epsilon, asOf) {
  const status = byTestId('population-result');
  say(status, 'Scoring 300 customers and randomizing their answers in a worker…');
  const terms = selfcrm.privacyTerms({ categories, epsilon });
  byTestId('privacy-terms').textContent = terms.explanation;

  const text = await (await fetch('./data/profiles.ndjson')).text();
  const analysed = await worker.analyzeLines(text, { asOf, scoresOnly: true });
  const truth = analysed.ndjson.trimEnd().split('\n').map((l) => JSON.parse(l).scores.nps.category).filter(Boolean);
  const counts = Object.fromEntries(categories.map((c) => [c, truth.filter((t) => t === c).length]));
  const trueNps = ((counts.promoter - counts.detractor) / truth.length) * 100;

  // Each customer's device randomizes its own answer; the company only ever sees `reports`.
  const reports = (await worker.randomizedResponses(truth, { categories, epsilon })).map((r) => r.report);
  const estimate = await worker.estimateFromRandomized(reports, { categories, epsilon });
  const est = estimate.nps;
  barChart(byTestId('population-chart'), [
    { label: 'True NPS', value: trueNps + 100, max: 200, note: fmt(trueNps), color: '#2a9d8f' },
    { label: 'Estimated NPS', value: est.nps + 100, max: 200, note: `${fmt(est.nps)} [${fmt(est.ci95[0])}, ${fmt(est.ci95[1])}]`, color: '#f4a261' },
  ], { labelWidth: 100 });
  const inside = trueNps >= est.ci95[0] && trueNps <= est.ci95[1];
  say(status, `${truth.length} answers. True NPS ${fmt(trueNps)}; the company's estimate from randomized reports is ` +
    `${fmt(est.nps)} with 95% interval [${fmt(est.ci95[0])}, ${fmt(est.ci95[1])}] (${inside ? 'contains' : 'misses'} the truth). ` +
    `Privacy widens the interval: ±${fmt(1.96 * est.standardError)} points at ε = ${epsilon}.`);
  byTestId('population-result').dataset.trueNps = String(trueNps);
  byTestId('population-result').dataset.estimate = String(est.nps);
}
