import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { NpsStream, ready } from 'selfcrm';
import { openBrowser } from './harness.mjs';

let env;
before(async () => {
  env = await openBrowser();
});
after(() => env?.close());

test('the demo computes the sample NPS in wasm, equal to Node, with no console error', async () => {
  const page = await env.newPage();
  await page.goto(`${env.origin}/demo/`);
  const value = page.getByTestId('nps-value');
  await page.waitForFunction(() => document.querySelector('[data-testid="nps-value"]')?.dataset.value);
  const inBrowser = Number(await value.getAttribute('data-value'));

  await ready();
  const stream = new NpsStream();
  stream.addNdjson(readFileSync(new URL('../../demo/data/answers.ndjson', import.meta.url)), 1);
  const inNode = stream.summary().nps;
  stream.dispose();

  assert.equal(inBrowser, inNode);
  assert.match(await page.getByTestId('nps-rejects').textContent(), /2 line\(s\) skipped/);
  assert.equal(await page.locator('[data-testid="nps-bars"] rect').count(), 3);
  assert.deepEqual(env.problems, []);
  await page.close();
});

test('in the browser a bad answer throws SelfCrmError with code and path', async () => {
  const page = await env.newPage();
  await page.goto(`${env.origin}/demo/`);
  const result = await page.evaluate(async () => {
    const m = await import('/dist/index.js');
    await m.ready();
    try {
      m.nps([10, 9, 11]);
      return null;
    } catch (e) {
      return { isSelfCrm: e instanceof m.SelfCrmError, isError: e instanceof Error, code: e.code, path: e.path };
    }
  });
  assert.deepEqual(result, { isSelfCrm: true, isError: true, code: 'E_RANGE', path: '/2' });

  await page.getByLabel(/recommend us/).fill('12');
  await page.getByRole('button', { name: 'Classify' }).click();
  assert.match(await page.getByTestId('try-result').textContent(), /^E_RANGE/);
  await page.getByLabel(/recommend us/).fill('10');
  await page.keyboard.press('Enter');
  assert.equal(await page.getByTestId('try-result').textContent(), '10 → promoter');
  assert.deepEqual(env.problems, []);
  await page.close();
});
