// Northwind's published rules for its customers' vaults, sent in each request: its scoring model
// fitted on its own transactions. The fit gives the model a repeat model (BG/NBD), so a vault
// computes P(alive) and can offer `band:alive`; with the default model it cannot.
import { readFileSync } from 'node:fs';
import { fitModel, ready } from 'selfcrm';

let rules;

/** The rules every request of the shop carries (fitted once; the same transactions give the same model). */
export async function shopRules() {
  await ready();
  rules ??= { model: fitModel(readFileSync(new URL('./data/transactions.ndjson', import.meta.url), 'utf8'), { compare: false }).model };
  return rules;
}
