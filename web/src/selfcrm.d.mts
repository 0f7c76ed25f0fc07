// The Emscripten module as the bindings in wasm/ define it. Internal: the public API wraps it.

/** One record of a batch that could not be used. */
export interface RawLineReject {
  line: number;
  code: string;
  path: string;
  message: string;
}

export interface NpsStreamHandle {
  addNdjson(text: number, bytes: number, firstLine: number): string;
  summary(): string;
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

export interface SelfCrmModule {
  HEAPU8: Uint8Array;
  HEAPF64: Float64Array;
  HEAP32: Int32Array;
  HEAPU32: Uint32Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;

  stackPointer(): number;
  heapBytesInUse(): number;
  liveObjects(): number;

  npsClassify(score: number): string;
  npsSummary(scores: number, count: number): string;
  NpsStream: new () => NpsStreamHandle;

  // Segments, personas, k-means
  SegmentPack: new () => SegmentPackHandle;
  PersonaPack: new () => PersonaPackHandle;
  segmentNdjson(segments: SegmentPackHandle, personas: PersonaPackHandle, text: number, bytes: number, firstLine: number, asOf: number, explain: boolean): string;
  kmeansRun(rows: number, n: number, d: number, k: number, seed: number, maxIterations: number, tolerance: number, standardize: boolean, init: number, assignmentsOut: number): string;
  kmeansChooseK(rows: number, n: number, d: number, kMin: number, kMax: number, seed: number, maxIterations: number, tolerance: number, standardize: boolean, sampleSize: number): string;
  kmeansSilhouette(rows: number, n: number, d: number, assignments: number, k: number, sampleSize: number, seed: number): string;
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
