// Worker mode: the same results as the main thread, errors with code and path, clean shutdown.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openBrowser } from './harness.mjs';

let env;
before(async () => {
  env = await openBrowser();
});
after(() => env?.close());

test('createWorker runs the engine off the main thread with identical results', async () => {
  const page = await env.newPage();
  await page.goto(`${env.origin}/tests/browser/pages/blank.html`);
  const r = await page.evaluate(async () => {
    const m = await import('/dist/index.js');
    await m.ready();
    const answers = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 11);
    const worker = await m.createWorker();
    const inWorker = await worker.nps(answers);
    const onMain = m.nps(answers);
    const lines = await worker.classifyNpsLines('{"id":1,"score":9}\nbad\n', { firstLine: 1 });
    // k-means is company-side: the worker loads the company module for it on first use.
    const rows = Array.from({ length: 60 }, (_, i) => [(i % 3) * 10 + (i % 7) / 10, (i % 5) / 10]);
    const clusters = await worker.kmeans(rows, { k: 3, seed: 4 });
    await m.readyCompany();
    const clustersOnMain = m.kmeans(rows, { k: 3, seed: 4 });
    const kmeansSame = clusters.inertia === clustersOnMain.inertia && clusters.assignments.join() === clustersOnMain.assignments.join();
    let error;
    try {
      await worker.nps([1, 2, 30]);
    } catch (e) {
      error = { isSelfCrm: e instanceof m.SelfCrmError, code: e.code, path: e.path };
    }
    worker.terminate();
    let afterTerminate;
    try {
      await worker.classifyNps(3);
    } catch (e) {
      afterTerminate = e.code;
    }
    return { inWorker, onMain, lines, kmeansSame, error, afterTerminate };
  });
  assert.deepEqual(r.inWorker, r.onMain);
  assert.equal(r.lines.results, 1);
  assert.equal(r.kmeansSame, true);
  assert.equal(r.lines.rejects[0].line, 2);
  assert.deepEqual(r.error, { isSelfCrm: true, code: 'E_RANGE', path: '/2' });
  assert.equal(r.afterTerminate, 'E_DISPOSED');
  assert.deepEqual(env.problems, []);
});
