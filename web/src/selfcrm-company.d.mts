// The company-side Emscripten module (wasm/company/*.cpp): fitting and batch reports that a
// customer's page never loads. Internal: the public API wraps it.
import type { HeapModule, ModuleOptions } from './selfcrm.mjs';

export interface SelfCrmCompanyModule extends HeapModule {
  // Fitting (wasm/company/bind_fit.cpp). `base` is a model document's JSON text ("" = default).
  fitTransactions(base: string, text: number, bytes: number, asOf: string, repeatModel: string, holdoutFrom: string, compare: boolean): string;
  fitProfiles(base: string, text: number, bytes: number, firstLine: number, asOf: string, repeatModel: string, holdoutFrom: string, compare: boolean): string;
  jsonLineRejects(text: number, bytes: number, firstLine: number): string;
  // Transaction exports and populations (wasm/company/bind_transactions.cpp).
  transactionSummaries(base: string, text: number, bytes: number, asOf: string): string;
  rfmSummary(text: number, bytes: number, asOf: string, monetary: string): string;
  transactionProfiles(text: number, bytes: number, firstLine: number): string;
  npsAdvocacy(rows: number, count: number): string;
  // Customer-base models without transaction lines: JSON request → envelope.
  sbgReport(text: number, bytes: number): string;
  bgbbReport(text: number, bytes: number): string;
}

declare const createSelfCrmCompanyModule: (options?: ModuleOptions) => Promise<SelfCrmCompanyModule>;
export default createSelfCrmCompanyModule;
