// dist/ is bundled (scripts/bundle-dist.mjs): an entry loads a few chunks, not one file per module
// (68 files made `import('selfcrm')` 20 ms slower in Node), yet each module exists once, whichever
// path reaches it, so its class and its state are the same for every entry and deep import.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { closure } from '../../scripts/company-size.mjs';

const dist = new URL('../../dist/', import.meta.url);

test('the browser entries load a few files and nothing of Node', () => {
  for (const entry of ['index.js', 'worker/worker.js', 'company/index.js']) {
    const { files, bare, modules } = closure(new URL(entry, dist).pathname);
    assert.deepEqual(bare, [], `${entry}: no package or node: imports`);
    assert.ok(files.length <= 8, `${entry}: ${files.length} files for ${modules.length} modules`);
  }
});

test('one copy of each module across entries and deep paths', async () => {
  const customer = await import('selfcrm');
  const company = await import('selfcrm/company');
  const errors = await import(new URL('runtime/errors.js', dist).href);
  const browserEntry = await import(new URL('index.js', dist).href);
  assert.equal(company.SelfCrmError, customer.SelfCrmError);
  assert.equal(errors.SelfCrmError, customer.SelfCrmError);
  assert.equal(browserEntry.SelfCrmError, customer.SelfCrmError);
  await customer.ready();
  const { wasm } = await import(new URL('runtime/loader.js', dist).href);
  assert.equal(typeof wasm().heapBytesInUse, 'function', 'the module selfcrm loaded');
});
