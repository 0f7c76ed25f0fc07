import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { nps, ready, SelfCrmError } from 'selfcrm';

test('calls before ready() fail with E_NOT_READY', () => {
  assert.throws(() => nps([1]), (e) => e instanceof SelfCrmError && e.code === 'E_NOT_READY');
});

test('ready() loads once and is cached', async () => {
  const first = ready();
  const second = ready();
  await Promise.all([first, second]);
  await ready({ wasmBinary: new Uint8Array([0, 1, 2]) }); // ignored: already loaded
  assert.equal(nps([10]).nps, 100);
});

test('the package exports its wasm file for tools that copy it', async () => {
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve('selfcrm/selfcrm.wasm');
  const bytes = await readFile(wasmPath);
  assert.ok(WebAssembly.validate(bytes));
});
