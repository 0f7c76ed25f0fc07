// Vault import/export with 100,000 history records, and the wasm heap it takes, side by side with
// a plain-JS peer on the same data in the same process (JSON.parse/stringify, and Ajv validating
// against the shipped schema). Medians of 5 runs.
// Run: bash scripts/build.sh && node bench/vault.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { ready, runtimeStats, Vault } from 'selfcrm';

import { history } from './lib/history.mjs';

const RECORDS = 100_000;
const RUNS = 5;
await ready();

function median(fn) {
  const times = [];
  let result;
  for (let i = 0; i < RUNS; ++i) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
    if (result && typeof result.dispose === 'function' && i < RUNS - 1) result.dispose();
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)], result };
}

const ndjson = history(RECORDS);
const heapBefore = runtimeStats().heapBytesInUse;

const imp = median(() => {
  const v = Vault.create('bench', { clock: () => Date.UTC(2024, 0, 1) });
  const report = v.importHistory(ndjson);
  if (report.added !== RECORDS) throw new Error(`imported ${report.added}`);
  return v;
});
const vault = imp.result;
const heapWithVault = runtimeStats().heapBytesInUse;
const toJSON = median(() => vault.toJSON());
const text = vault.toString();
const exportText = median(() => vault.toString());
const fromJSON = median(() => Vault.fromJSON(text));
fromJSON.result.dispose();
const heapMib = (b) => (b / 1048576).toFixed(1);

const Ajv = createRequire(import.meta.url)('ajv');
const schema = JSON.parse(readFileSync(new URL('../dist/schema/vault.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv().compile(schema);
const peerParse = median(() => JSON.parse(text));
const peerValidate = median(() => {
  const doc = JSON.parse(text);
  if (!validate(doc)) throw new Error('invalid');
  return doc;
});
const peerStringify = median(() => JSON.stringify(peerParse.result));
const lineParse = median(() => ndjson.split('\n').map((l) => JSON.parse(l)));

console.log(`vault benchmark: ${RECORDS.toLocaleString('en')} history records, document ${(text.length / 1048576).toFixed(1)} MiB, median of ${RUNS}`);
console.log('operation                                   selfcrm (wasm)   peer (plain JS, same data)');
console.log(`import NDJSON history (one call)           ${imp.ms.toFixed(0).padStart(8)} ms      ${lineParse.ms.toFixed(0).padStart(6)} ms  split + JSON.parse per line, no checks`);
console.log(`load document text (strict parse)          ${fromJSON.ms.toFixed(0).padStart(8)} ms      ${peerValidate.ms.toFixed(0).padStart(6)} ms  JSON.parse + Ajv schema validation (${peerParse.ms.toFixed(0)} ms parse alone)`);
console.log(`export toJSON() (object)                   ${toJSON.ms.toFixed(0).padStart(8)} ms`);
console.log(`export toString() (text)                   ${exportText.ms.toFixed(0).padStart(8)} ms      ${peerStringify.ms.toFixed(0).padStart(6)} ms  JSON.stringify`);
console.log(`wasm heap in use by one vault              ${heapMib(heapWithVault - heapBefore).padStart(8)} MiB   (heap total now ${heapMib(runtimeStats().heapBytesInUse)} MiB in use)`);
vault.dispose();
console.log('command: bash scripts/build.sh && node bench/vault.mjs');
