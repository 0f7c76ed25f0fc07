import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { analyzeTexts, ready } from 'selfcrm';
import { openBrowser } from './harness.mjs';

let env;
before(async () => {
  env = await openBrowser();
});
after(() => env?.close());

test('in the browser analyzeTexts gives the same bits as in Node, non-ASCII included', async () => {
  const texts = ['No problem at all 😍', 'Où est ma commande? terrible', 'I told my friends, you should try it!', ''];
  const page = await env.newPage();
  await page.goto(`${env.origin}/tests/browser/pages/blank.html`);
  const inBrowser = await page.evaluate(async (list) => {
    const m = await import('/dist/index.js');
    await m.ready();
    const b = m.analyzeTexts(list);
    let code = null;
    try {
      m.analyzeTexts(['ok', 3]);
    } catch (e) {
      code = `${e.code} ${e.path}`;
    }
    return { compound: [...b.compound], label: [...b.label], cues: [...b.cues], code };
  }, texts);
  await ready();
  const inNode = analyzeTexts(texts);
  assert.deepEqual(inBrowser.compound, [...inNode.compound]);
  assert.deepEqual(inBrowser.label, [...inNode.label]);
  assert.deepEqual(inBrowser.cues, [...inNode.cues]);
  assert.equal(inBrowser.code, 'E_SCHEMA /1');
  assert.ok(inNode.compound[0] > 0 && inNode.compound[1] < 0);
  assert.deepEqual(env.problems, []);
  await page.close();
});
