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

export interface ScoresModelHandle {
  load(text: number, bytes: number): string;
  toJson(): string;
  predict(summaries: number, rows: number, t: number, out: number): string;
  fit(text: number, bytes: number, asOf: string): string;
  rfmSummary(text: number, bytes: number, asOf: string): string;
  summaries(text: number, bytes: number, asOf: string): string;
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

  ScoresModel: new () => ScoresModelHandle;
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
