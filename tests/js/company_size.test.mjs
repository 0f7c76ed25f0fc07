// `selfcrm/company` loads no wasm and stays small: its import closure holds no loader, glue or
// Node built-in, and one minified bundle of it is at most 15 KB gzip.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';
import { closure, entry } from '../../scripts/company-size.mjs';

const dist = dirname(dirname(entry));

test('the company entry imports nothing that loads wasm', () => {
  const { bare, modules: names } = closure();
  assert.deepEqual(bare, [], 'no package or node: imports');
  // dist/ paths: what loads or holds the wasm, and the customer entry.
  const forbidden = ['runtime/loader.js', 'runtime/company_loader.js', 'runtime/heap.js', 'runtime/engine.js',
    'selfcrm.mjs', 'selfcrm-company.mjs', 'vault/vault.js', 'api.js', 'index.js'];
  for (const name of forbidden) assert.ok(!names.includes(name), `${name} is not imported`);
  // The list names real modules (a renamed or moved file would make its check pass for nothing).
  for (const name of forbidden) assert.ok(existsSync(join(dist, name)), `dist/${name} exists`);
  assert.ok(names.includes('company/verify.js'));
  assert.ok(closure(join(dist, 'index.js')).modules.includes('runtime/loader.js'), 'the closure sees into chunks');
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
