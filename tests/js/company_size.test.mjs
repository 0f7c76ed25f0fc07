// `selfcrm/company` loads no wasm and stays small: its import closure holds no loader, glue or
// Node built-in, and one minified bundle of it is at most 15 KB gzip.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';
import { closure, entry } from '../../scripts/company-size.mjs';

test('the company entry imports nothing that loads wasm', () => {
  const { bare, modules: names } = closure();
  assert.deepEqual(bare, [], 'no package or node: imports');
  for (const forbidden of ['loader.js', 'selfcrm.mjs', 'heap.js', 'vault.js', 'api.js', 'index.js']) {
    assert.ok(!names.includes(forbidden), `${forbidden} is not imported`);
  }
  assert.ok(names.includes('company/verify.js'));
});

test('one minified bundle of the company entry is at most 15 KB gzip', async () => {
  const bundle = await rolldown({ input: entry, logLevel: 'silent' });
  const { output } = await bundle.generate({ format: 'esm', minify: true });
  const code = output.map((o) => o.code ?? '').join('');
  assert.ok(!/\.wasm|WebAssembly/.test(code), 'no wasm reference in the bundle');
  const kb = gzipSync(code, { level: 9 }).length / 1024;
  assert.ok(kb <= 15, `${kb.toFixed(1)} KB gzip`);
  assert.ok(kb > 2, `${kb.toFixed(1)} KB: the bundle holds the verifier`);
});
