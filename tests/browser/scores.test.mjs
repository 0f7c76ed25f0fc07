import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { fitModel, Model, ready } from 'selfcrm';
import { openBrowser } from './harness.mjs';

let env;
before(async () => {
  env = await openBrowser();
});
after(() => env?.close());

const lines = [];
for (let c = 0; c < 40; ++c) {
  for (let k = 0; k <= c % 5; ++k) {
    const day = String(1 + ((c * 7 + k * 5) % 28)).padStart(2, '0');
    lines.push(JSON.stringify({ customerId: `c${c}`, at: `2024-0${1 + (k % 6)}-${day}`, amount: 10 + c + k / 4, margin: 3 }));
  }
}
const ndjson = `${lines.join('\n')}\nnot json\n`;

test('fitModel and predictions in Chromium equal those in Node, with no console error', async () => {
  const page = await env.newPage();
  await page.goto(`${env.origin}/tests/browser/pages/blank.html`);
  const inBrowser = await page.evaluate(async (text) => {
    const m = await import('/dist/index.js');
    await m.ready();
    // Fitting lives in the company module, which a page loads only when it asks for it.
    let before = '';
    try {
      m.fitModel(text, { asOf: '2024-08-01' });
    } catch (e) {
      before = e.code;
    }
    await m.readyCompany();
    const fit = m.fitModel(text, { asOf: '2024-08-01' });
    const model = m.Model.fromJSON(fit.model);
    try {
      const p = model.predict([{ frequency: 2, recency: 10, age: 20, monetary: 25 }], { t: 10 });
      return { before, fit, clv: p.clv[0], alive: p.probabilityAlive[0], rfm: [...m.rfmSummary(text, { asOf: '2024-08-01' }).monetary] };
    } finally {
      model.dispose();
    }
  }, ndjson);

  await ready();
  const fit = fitModel(ndjson, { asOf: '2024-08-01' });
  assert.equal(inBrowser.before, 'E_NOT_READY');
  assert.deepEqual(inBrowser.fit, fit);
  assert.deepEqual(inBrowser.fit.rejects.map((r) => [r.line, r.code]), [[lines.length + 1, 'E_PARSE']]);
  const model = Model.fromJSON(fit.model);
  try {
    const p = model.predict([{ frequency: 2, recency: 10, age: 20, monetary: 25 }], { t: 10 });
    assert.equal(inBrowser.clv, p.clv[0]);
    assert.equal(inBrowser.alive, p.probabilityAlive[0]);
  } finally {
    model.dispose();
  }
  assert.equal(inBrowser.rfm.length, 40);
  assert.deepEqual(env.problems, []);
  await page.close();
});
