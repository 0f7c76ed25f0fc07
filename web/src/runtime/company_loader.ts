// The company module (selfcrm-company.wasm): fitting and batch reports, kept out of the module a
// customer's page downloads. Node loads it synchronously on first use (the fitting API stays
// synchronous, and commands that never fit never read it); browsers call `readyCompany()` first,
// which fetches the glue with a dynamic import, so bundlers put it in a chunk of its own.
import type { SelfCrmCompanyModule } from '../selfcrm-company.mjs';
import type { ModuleOptions } from '../selfcrm.mjs';
import { SelfCrmError } from './errors.js';
import type { LoadOptions, RuntimeStats } from './loader.js';

type Factory = (options?: ModuleOptions) => Promise<SelfCrmCompanyModule>;

let syncSource: { factory: Factory; binary: () => Uint8Array<ArrayBuffer> } | undefined;
let pending: Promise<void> | undefined;
let loaded: SelfCrmCompanyModule | undefined;

/** Node: the glue and a synchronous reader of the `.wasm` bytes. @internal */
export function setCompanySource(factory: Factory, binary: () => Uint8Array<ArrayBuffer>): void {
  syncSource = { factory, binary };
}

function loadError(cause: unknown, log: string[]): SelfCrmError {
  const reason = log[0] ?? (cause instanceof Error ? cause.message : String(cause));
  return new SelfCrmError('E_LOAD', `could not load selfcrm-company.wasm: ${reason}`);
}

/**
 * Loads the company module (fitting models, sBG and BG/BB reports) once; later calls return the
 * same promise. Needed before fitting in a browser; Node loads the module by itself on first use.
 * Options are those of `ready()` and apply to `selfcrm-company.wasm`. Rejects with `E_LOAD`.
 */
export function readyCompany(options: LoadOptions = {}): Promise<void> {
  if (loaded) return Promise.resolve();
  if (!pending) {
    const log: string[] = [];
    pending = (async () => {
      const factory = syncSource?.factory ?? ((await import('../selfcrm-company.mjs')).default as Factory);
      const moduleOptions: ModuleOptions = { ...options, printErr: (text: string) => (loaded ? console.warn(text) : log.push(text)) };
      if (!options.wasmBinary && !options.locateFile && !options.instantiateWasm && syncSource) {
        moduleOptions.wasmBinary = syncSource.binary();
      }
      loaded = await factory(moduleOptions);
    })().catch((cause: unknown) => {
      pending = undefined;
      throw loadError(cause, log);
    });
  }
  return pending;
}

/**
 * The company module. In Node it is compiled and instantiated here, synchronously, the first time
 * (Emscripten's glue runs to completion inside the factory when instantiation is synchronous, and
 * fills in the options object it was given). @internal
 * @throws SelfCrmError E_NOT_READY in a browser before `await readyCompany()`; E_LOAD.
 */
export function companyWasm(): SelfCrmCompanyModule {
  if (loaded) return loaded;
  if (!syncSource) {
    throw new SelfCrmError('E_NOT_READY', 'fitting runs in the company module: call `await readyCompany()` before fitting');
  }
  const { factory, binary } = syncSource;
  const log: string[] = [];
  const target: ModuleOptions & Partial<SelfCrmCompanyModule> = {
    printErr: (text: string) => (loaded ? console.warn(text) : log.push(text)),
    instantiateWasm: (imports, receive) => {
      const module = new WebAssembly.Module(binary());
      receive(new WebAssembly.Instance(module, imports), module);
      return {};
    },
  };
  try {
    factory(target).catch(() => undefined);
  } catch (cause) {
    throw loadError(cause, log);
  }
  if (typeof target.fitTransactions !== 'function') throw loadError(new Error('instantiation did not complete'), log);
  loaded = target as SelfCrmCompanyModule;
  return loaded;
}

/**
 * runtimeStats() for the company module: its own heap, live C++ objects (plans, queues,
 * aggregates) and stack pointer; null until the module is loaded.
 */
export function companyRuntimeStats(): RuntimeStats | null {
  if (!loaded) return null;
  return { heapBytesInUse: loaded.heapBytesInUse(), liveObjects: loaded.liveObjects(), stackPointer: loaded.stackPointer() };
}
