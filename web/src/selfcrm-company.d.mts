// The company-side Emscripten module (wasm/company/*.cpp): fitting and batch reports that a
// customer's page never loads. Internal: the public API wraps it.
import type { HeapModule, ModuleOptions } from './selfcrm.mjs';

/** The conversation plan and the support queue (wasm/company/bind_conversations.cpp). */
export interface RankedStreamHandle {
  start(budget: number, params: string): string;
  addNdjson(text: number, bytes: number, firstLine: number): string;
  output(): string;
  delete(): void;
}

/** What every mergeable aggregate has (wasm/company/bind_aggregates.cpp's AggregateHandle). */
export interface AggregateHandle {
  countLines(lines: number, unread: number): void;
  merge(text: number, bytes: number): string;
  totals(): string;
  partial(): string;
  delete(): void;
}

export interface ReportAggregateHandle extends AggregateHandle {
  addLines(text: number, bytes: number, firstLine: number): string;
  report(): string;
}

export interface NpsAggregateHandle extends AggregateHandle {
  addNdjson(text: number, bytes: number, firstLine: number): string;
  summary(): string;
}

export interface FitAggregateHandle extends AggregateHandle {
  addTransactions(text: number, bytes: number): string;
  fit(repeatModel: string): string;
}

export interface LdpAggregateHandle extends AggregateHandle {
  addNdjson(text: number, bytes: number, firstLine: number): string;
}

/** A distributed k-means part (bind_clusters.cpp): begin() first, then rows or merges. */
interface KMeansPartHandle {
  addRows(rows: number, n: number): string;
  countLines(lines: number, rejected: number): void;
  merge(text: number, bytes: number): string;
  totals(): string;
  partial(): string;
  delete(): void;
}

export interface KMeansSampleHandle extends KMeansPartHandle {
  begin(engine: string, columns: string, sampleSize: number): string;
  initial(k: number, seed: number, maxIterations: number, tolerance: number): string;
}

export interface KMeansStepHandle extends KMeansPartHandle {
  begin(engine: string, centroids: string): string;
  next(tolerance: number): string;
}

export interface SelfCrmCompanyModule extends HeapModule {
  ConversationPlanStream: new () => RankedStreamHandle;
  SupportQueueStream: new () => RankedStreamHandle;
  // Fitting (wasm/company/bind_fit.cpp). `base` is a model document's JSON text ("" = default).
  fitTransactions(base: string, text: number, bytes: number, asOf: string, repeatModel: string, holdoutFrom: string, compare: boolean): string;
  fitProfiles(base: string, text: number, bytes: number, firstLine: number, asOf: string, repeatModel: string, holdoutFrom: string, compare: boolean): string;
  jsonLineRejects(text: number, bytes: number, firstLine: number): string;
  // Transaction exports and populations (wasm/company/bind_transactions.cpp).
  transactionSummaries(base: string, text: number, bytes: number, asOf: string): string;
  rfmSummary(text: number, bytes: number, asOf: string, monetary: string): string;
  transactionProfiles(text: number, bytes: number, firstLine: number): string;
  npsAdvocacy(rows: number, count: number): string;
  // k-means over feature rows (wasm/company/bind_clusters.cpp).
  kmeansRun(rows: number, n: number, d: number, k: number, seed: number, maxIterations: number, tolerance: number, standardize: boolean, init: number, assignmentsOut: number): string;
  kmeansChooseK(rows: number, n: number, d: number, kMin: number, kMax: number, seed: number, maxIterations: number, tolerance: number, standardize: boolean, sampleSize: number): string;
  kmeansSilhouette(rows: number, n: number, d: number, assignments: number, k: number, sampleSize: number, seed: number): string;
  kmeansAssign(centroids: string, rows: number, n: number, assignmentsOut: number): string;
  kmeansBySample(rows: number, n: number, columns: string, k: number, seed: number, sampleSize: number, maxIterations: number, tolerance: number, assignmentsOut: number): string;
  KMeansSample: new () => KMeansSampleHandle;
  KMeansStep: new () => KMeansStepHandle;
  // Customer-base models without transaction lines: JSON request → envelope.
  sbgReport(text: number, bytes: number): string;
  // Sentiment over NDJSON lines, with this module's own lexicon (wasm/company/bind_text_lines.cpp).
  textSentimentNdjson(text: number, bytes: number, firstLine: number, explain: boolean): string;
  textAddLexicon(bytes: number, length: number, offsets: number, valences: number, count: number): string;
  textClearLexicon(): string;
  bgbbReport(text: number, bytes: number): string;
  ReportAggregate: new (engine: string, rulesHash: string, asOf: string) => ReportAggregateHandle;
  NpsAggregate: new (engine: string) => NpsAggregateHandle;
  FitAggregate: new (engine: string, rulesHash: string, asOf: string, base: string) => FitAggregateHandle;
  fitAggregateBase(base: string): string;
  LdpAggregate: new (engine: string, rulesHash: string, categories: string) => LdpAggregateHandle;
  ldpAggregateCategories(categories: string): string;
  // Intake reports (wasm/company/bind_intake_reports.cpp): rows {"claims"} → {"stage","leadScore"} lines;
  // rows → the store report's counts, with `grantCounts` (JSON array) as shares.
  crmRateRows(text: number, bytes: number, firstLine: number): string;
  sharedClaimCounts(text: number, bytes: number, grantCounts: string): string;
}

declare const createSelfCrmCompanyModule: (options?: ModuleOptions) => Promise<SelfCrmCompanyModule>;
export default createSelfCrmCompanyModule;
