import createSelfCrmModule, { type ModuleOptions, type SelfCrmModule } from '../selfcrm.mjs';
import { SelfCrmError } from './errors.js';

/** Overrides for how the `.wasm` file is found and instantiated. */
export interface LoadOptions {
  /** The module's bytes, already loaded (skips every lookup). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Maps the file name `selfcrm.wasm` to the URL to load it from. */
  locateFile?: (path: string, prefix: string) => string;
  /** Full control over instantiation (Emscripten's `instantiateWasm` hook). */
  instantiateWasm?: ModuleOptions['instantiateWasm'];
}

type BinarySource = () => Promise<Uint8Array>;

let defaultBinary: BinarySource | undefined;
let pending: Promise<SelfCrmModule> | undefined;
let loaded: SelfCrmModule | undefined;

/** Sets where the bytes come from when the caller gives none (Node reads the file). @internal */
export function setDefaultBinarySource(source: BinarySource): void {
  defaultBinary = source;
}

async function instantiate(options: LoadOptions, log: string[]): Promise<SelfCrmModule> {
  // The glue reports load failures on stderr; they are kept for the E_LOAD message instead.
  const moduleOptions: ModuleOptions = {
    ...options,
    printErr: (text: string) => (loaded ? console.warn(text) : log.push(text)),
  };
  if (!options.wasmBinary && !options.locateFile && !options.instantiateWasm && defaultBinary) {
    moduleOptions.wasmBinary = await defaultBinary();
  }
  return createSelfCrmModule(moduleOptions);
}

/**
 * Loads the WebAssembly module once; later calls return the same promise, so it is safe to call
 * before every use. Options are honoured by the first call only. In Node the `.wasm` file is read
 * from the package (no fetch); in browsers and bundlers it is resolved next to the glue with
 * `new URL(..., import.meta.url)`. Rejects with `SelfCrmError` code `E_LOAD`, after which a new
 * call tries again.
 */
export function ready(options: LoadOptions = {}): Promise<void> {
  if (!pending) {
    const log: string[] = [];
    pending = instantiate(options, log).then(
      (mod) => {
        loaded = mod;
        return mod;
      },
      (cause: unknown) => {
        pending = undefined;
        const reason = log[0] ?? (cause instanceof Error ? cause.message : String(cause));
        throw new SelfCrmError('E_LOAD', `could not load selfcrm.wasm: ${reason}`);
      },
    );
  }
  return pending.then(() => undefined);
}

/** The loaded module; throws `E_NOT_READY` before `await ready()`. @internal */
export function wasm(): SelfCrmModule {
  if (!loaded) throw new SelfCrmError('E_NOT_READY', 'call `await ready()` before using SelfCRM');
  return loaded;
}

/** Counters that tests and leak checks read: they return to their start when nothing leaks. */
export interface RuntimeStats {
  /** Bytes the module's allocator has handed out and not taken back. */
  heapBytesInUse: number;
  /** C++ objects owned by JS handles that have not been disposed. */
  liveObjects: number;
  /** The wasm stack pointer (it must not drift across calls, including failing ones). */
  stackPointer: number;
}

/** Reads the module's leak counters. */
export function runtimeStats(): RuntimeStats {
  const mod = wasm();
  return {
    heapBytesInUse: mod.heapBytesInUse(),
    liveObjects: mod.liveObjects(),
    stackPointer: mod.stackPointer(),
  };
}
