/**
 * SelfCRM for browsers and bundlers: the glue finds `selfcrm.wasm` next to itself with
 * `new URL(..., import.meta.url)`, which bundlers such as Vite follow without configuration.
 * @packageDocumentation
 */
export * from './api.js';
