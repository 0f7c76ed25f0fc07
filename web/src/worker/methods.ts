// What a worker can run: the package's pure functions (plain data in, plain data out).
import { Insights, type InsightsOptions } from '../insights/insights.js';
import { classifyNps, classifyNpsLines, nps } from '../scores/nps.js';
import { kmeans } from '../segments/kmeans.js';
import { estimateFromRandomized, randomizedResponses } from '../share/ldp.js';
import { analyzeTexts } from '../text/text.js';
import type { BatchChunkResult } from '../scores/nps.js';
import type { EvaluateOptions } from '../segments/types.js';

/** Insights of many profiles (NDJSON, one per line) with a company's rules, in one call. */
function analyzeProfiles(
  ndjson: string | Uint8Array,
  options: EvaluateOptions & InsightsOptions & { scoresOnly?: boolean } = {},
): BatchChunkResult {
  const { asOf, scoresOnly, ...rules } = options;
  const engine = Insights.create(rules);
  try {
    return engine.analyzeLines(ndjson, 1, { ...(asOf === undefined ? {} : { asOf }), scoresOnly: Boolean(scoresOnly) });
  } finally {
    engine.dispose();
  }
}

export const workerMethods = {
  analyzeProfiles,
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
