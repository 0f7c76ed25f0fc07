// What a worker can run: the package's pure functions (plain data in, plain data out).
import { Insights, type AnalyzeLinesOptions, type InsightsOptions } from '../insights/insights.js';
import { checkOptions } from '../runtime/options.js';
import { classifyNps, classifyNpsLines, nps } from '../scores/nps.js';
import { kmeans } from '../segments/kmeans.js';
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
