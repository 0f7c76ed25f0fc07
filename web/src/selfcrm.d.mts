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
  merge(other: VaultHandleRaw, now: number): string;
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

  VaultHandle: new () => VaultHandleRaw;
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
