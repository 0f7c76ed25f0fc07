// What a worker can run: the package's pure functions (plain data in, plain data out).
import { Insights, type AnalyzeLinesOptions, type InsightsOptions } from '../insights/insights.js';
import { checkOptions } from '../runtime/options.js';
import { classifyNps, classifyNpsLines, nps } from '../scores/nps.js';
import { readyCompany } from '../runtime/company_loader.js';
import { kmeans as kmeansNow, type FeatureRows, type KMeansOptions, type KMeansResult } from '../segments/kmeans.js';
import { estimateFromRandomized, randomizedResponses } from '../share/ldp.js';
import { analyzeTexts } from '../text/text.js';
import type { BatchChunkResult } from '../runtime/batch.js';

/** Insights of many profiles (NDJSON, one per line) with a company's rules, in one call. */
function analyzeLines(
  ndjson: string | Uint8Array,
  options: AnalyzeLinesOptions & InsightsOptions = {},
): BatchChunkResult {
  const { asOf, scoresOnly, firstLine, model, segments, personas } = checkOptions(options);
  const engine = Insights.create({ model, segments, personas });
  try {
    return engine.analyzeLines(ndjson, { asOf, scoresOnly, firstLine });
  } finally {
    engine.dispose();
  }
}

/** k-means runs in the company module, which the worker loads on its first clustering. */
async function kmeans(rows: FeatureRows, options: KMeansOptions): Promise<KMeansResult> {
  await readyCompany();
  return kmeansNow(rows, options);
}

export const workerMethods = {
  analyzeLines,
  analyzeTexts,
  classifyNps,
  classifyNpsLines,
  estimateFromRandomized,
  kmeans,
  nps,
  randomizedResponses,
};

export type WorkerMethods = typeof workerMethods;
export type WorkerMethodName = keyof WorkerMethods;
