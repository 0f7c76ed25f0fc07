// Segments, personas and k-means in Chromium give exactly what they give in Node.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { kmeans, Personas, ready, Segments } from 'selfcrm';
import { openBrowser } from './harness.mjs';

let env;
before(async () => {
  env = await openBrowser();
});
after(() => env?.close());

const facts = readFileSync(new URL('../data/segments/facts.ndjson', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const rows = Array.from({ length: 300 }, (_, i) => [(i % 3) * 10 + ((i * 7) % 11) / 10, ((i * 13) % 17) / 10]);

function compute(m, input) {
  const segments = m.Segments.default();
  const personas = m.Personas.default();
  try {
    const asOf = '2024-06-01T00:00:00Z';
    const r = m.kmeans(input.rows, { k: 3, seed: 9 });
    return {
      segments: input.facts.map((f) => segments.evaluate(f, { asOf })),
      personas: input.facts.map((f) => personas.assign(f, { asOf })),
      kmeans: { assignments: Array.from(r.assignments), centroids: Array.from(r.centroids), inertia: r.inertia },
    };
  } finally {
    segments.dispose();
    personas.dispose();
  }
}

test('default packs and k-means agree between Chromium and Node', async () => {
  const page = await env.newPage();
  await page.goto(`${env.origin}/tests/browser/pages/blank.html`);
  const source = compute.toString();
  const inBrowser = await page.evaluate(async ({ input, source }) => {
    const m = await import('/dist/index.js');
    await m.ready();
    await m.readyCompany(); // k-means runs in the company module
    // eslint-disable-next-line no-new-func
    return new Function(`return (${source})`)()(m, input);
  }, { input: { facts, rows }, source });
  await ready();
  const inNode = compute({ Segments, Personas, kmeans }, { facts, rows });
  assert.deepEqual(inBrowser, inNode);
  assert.equal(inNode.personas[0].persona.name, 'evangelist');
  assert.deepEqual(env.problems, []);
  await page.close();
});
