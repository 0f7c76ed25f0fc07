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

export interface ReportAggregateHandle {
  addLines(text: number, bytes: number, firstLine: number): string;
  countLines(lines: number, rejected: number): void;
  merge(text: number, bytes: number): string;
  partial(): string;
  report(): string;
  delete(): void;
}

export interface NpsAggregateHandle {
  addNdjson(text: number, bytes: number, firstLine: number): string;
  countLines(lines: number, rejected: number): void;
  merge(text: number, bytes: number): string;
  totals(): string;
  partial(): string;
  summary(): string;
  delete(): void;
}

export interface FitAggregateHandle {
  addTransactions(text: number, bytes: number): string;
  countLines(lines: number, unread: number): void;
  merge(text: number, bytes: number): string;
  totals(): string;
  partial(): string;
  fit(repeatModel: string): string;
  delete(): void;
}

export interface LdpAggregateHandle {
  addNdjson(text: number, bytes: number, firstLine: number): string;
  countLines(lines: number, unread: number): void;
  merge(text: number, bytes: number): string;
  totals(): string;
  partial(): string;
  delete(): void;
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
}

declare const createSelfCrmCompanyModule: (options?: ModuleOptions) => Promise<SelfCrmCompanyModule>;
export default createSelfCrmCompanyModule;
