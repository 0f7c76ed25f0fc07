// The Emscripten module as the bindings in wasm/ define it. Internal: the public API wraps it.

/** One record of a batch that could not be used. */
export interface RawLineReject {
  line: number;
  code: string;
  path: string;
  message: string;
}

/** Mergeable aggregates (wasm/bind_aggregates.cpp): every method returns an envelope. */
/** The identity vault (wasm/bind_vault.cpp): every method returns an envelope. */
export interface VaultHandleRaw {
  reset(id: string): string;
  load(text: number, bytes: number): string;
  toText(): string;
  profile(): string;
  journal(): string;
  addIdentity(identity: string, now: number): string;
  updateIdentity(patch: string, now: number): string;
  removeIdentity(key: string, now: number): string;
  setAttribute(category: string, name: string, value: string, now: number): string;
  removeAttribute(category: string, name: string, now: number): string;
  addRecord(type: string, record: string, now: number): string;
  importHistory(text: number, bytes: number, firstLine: number, now: number): string;
  applyImport(text: number, bytes: number, now: number): string;
  decideIdentities(request: string, now: number): string;
  merge(other: VaultHandleRaw, now: number): string;
  delete(): void;
}

export interface ScoresModelHandle {
  load(text: number, bytes: number): string;
  toJson(): string;
  predict(summaries: number, rows: number, t: number, out: number): string;
  intervals(summaries: number, rows: number, t: number): string;
  delete(): void;
}

// Segments, personas, k-means (wasm/bind_segments.cpp)
export interface SegmentPackHandle {
  load(text: number, bytes: number): string;
  loadDefault(): string;
  evaluate(text: number, bytes: number, asOf: number): string;
  delete(): void;
}

export interface PersonaPackHandle {
  load(text: number, bytes: number): string;
  loadDefault(): string;
  assign(text: number, bytes: number, asOf: number): string;
  delete(): void;
}

/** Scores, feedback, segments and persona of profiles (wasm/bind_insights.cpp). */
export interface InsightsEngineHandle {
  configure(model: string, segments: string, personas: string): string;
  analyze(text: number, bytes: number, asOf: number): string;
  analyzeNdjson(text: number, bytes: number, firstLine: number, asOf: number, parts: number): string;
  analyzeNdjsonKept(text: number, bytes: number, firstLine: number, asOf: number, parts: number): string;
  releaseLines(): void;
  delete(): void;
}

/** What both modules have: their own heap and leak counters (wasm/bind_runtime.cpp). */
export interface HeapModule {
  HEAPU8: Uint8Array;
  HEAPF64: Float64Array;
  HEAP32: Int32Array;
  HEAPU32: Uint32Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;

  stackPointer(): number;
  heapBytesInUse(): number;
  liveObjects(): number;
}

export interface SelfCrmModule extends HeapModule {

  npsClassify(score: number): string;
  npsSummary(scores: number, count: number): string;
  npsClassifyNdjson(text: number, bytes: number, firstLine: number): string;
  InsightsEngine: new () => InsightsEngineHandle;
  insightsFeedback(text: number, bytes: number): string;
  insightsFacts(text: number, bytes: number, scores: string, asOf: number): string;

  VaultHandle: new () => VaultHandleRaw;
  // Identity matching (wasm/bind_identity_match.cpp): JSON request → envelope.
  identityOwnRecords(text: number, bytes: number): string;
  identityProposeMerges(text: number, bytes: number): string;
  ScoresModel: new () => ScoresModelHandle;
  // Text (wasm/bind_text.cpp): texts as one UTF-8 buffer + Uint32 offsets (count + 1).
  /** kMaxTextBytes: the most UTF-8 bytes one text may have. */
  textMaxBytes: number;
  textAnalyze(bytes: number, length: number): string;
  /** The lines of an NDJSON buffer the core's JSON reader refuses, as LineRejects. */
  jsonLineRejects(text: number, bytes: number, firstLine: number): string;
  textAnalyzeBatch(bytes: number, length: number, offsets: number, count: number, compound: number, labels: number, cues: number): string;
  textExplainBatch(bytes: number, length: number, offsets: number, count: number): string;
  textAddLexicon(bytes: number, length: number, offsets: number, valences: number, count: number): string;
  textClearLexicon(): string;
  textClassifyInteractions(bytes: number, length: number, offsets: number, fields: number, count: number): string;
  // Segments, personas
  SegmentPack: new () => SegmentPackHandle;
  PersonaPack: new () => PersonaPackHandle;
  segmentNdjson(segments: SegmentPackHandle, personas: PersonaPackHandle, text: number, bytes: number, firstLine: number, asOf: number, explain: boolean): string;
  // Local differential privacy (wasm/bind_privacy.cpp)
  ldpMechanism(k: number, epsilon: number): string;
  ldpRandomize(truths: number, uniforms: number, count: number, k: number, epsilon: number): string;
  ldpEstimate(counts: number, k: number, epsilon: number): string;
  ldpEstimateNps(counts: number, epsilon: number): string;
  ldpUnaryMechanism(k: number, epsilon: number): string;
  ldpUnaryRandomize(truths: number, uniforms: number, count: number, k: number, epsilon: number): string;
  ldpUnaryEstimate(bits: number, count: number, k: number, epsilon: number): string;
  ldpUnaryEstimateNps(bits: number, count: number, epsilon: number): string;
}

export interface ModuleOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
  printErr?: (text: string) => void;
  instantiateWasm?: (
    imports: WebAssembly.Imports,
    receive: (instance: WebAssembly.Instance, module?: WebAssembly.Module) => void,
  ) => WebAssembly.Exports | false | Record<string, never>;
}

declare const createSelfCrmModule: (options?: ModuleOptions) => Promise<SelfCrmModule>;
export default createSelfCrmModule;
