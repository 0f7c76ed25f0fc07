// The published tarball, installed into an empty folder: ESM import in Node and strict types.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { installConsumer } from '../package/pack.mjs';

const { app, root } = installConsumer('node-consumer');

test('the tarball holds the built package and nothing from the source tree', () => {
  const pkg = join(app, 'node_modules/selfcrm');
  for (const f of ['package.json', 'dist/index.js', 'dist/index.node.js', 'dist/index.d.ts', 'dist/selfcrm.wasm', 'dist/selfcrm-company.wasm', 'dist/selfcrm-company.mjs', 'dist/cli/main.js',
    'dist/company/index.js', 'dist/app/index.html', 'dist/app/sw.js', 'dist/app/manifest.webmanifest', 'dist/app/build-info.json']) {
    assert.ok(existsSync(join(pkg, f)), f);
  }
  for (const f of ['core', 'web', 'tests', 'scripts']) assert.ok(!existsSync(join(pkg, f)), f);
});

test('Node imports the installed package and computes in wasm', () => {
  const out = JSON.parse(execFileSync(process.execPath, ['main.mjs'], { cwd: app, encoding: 'utf8' }));
  assert.deepEqual(out, { nps: ((3 - 2) / 7) * 100, code: 'E_RANGE' });
});

test('the installed package fits in its company module, loaded on first use', () => {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e',
    "import { fitRetention } from 'selfcrm'; console.log(fitRetention({ survivors: [1000, 631, 468, 382, 326, 289, 262, 241] }).fit.params.alpha.toFixed(3));"],
  { cwd: app, encoding: 'utf8' });
  assert.equal(out.trim(), '0.704');
});

test('selfcrm/company resolves from the installed package and verifies without wasm', () => {
  const out = JSON.parse(execFileSync(process.execPath, ['company.mjs'], { cwd: app, encoding: 'utf8' }));
  assert.deepEqual(out, { nonce: 43, valid: false, kinds: ['malformed'], rows: 0 });
});

test('the installed bin runs', () => {
  const out = execFileSync(join(app, 'node_modules/.bin/selfcrm'), ['nps'], { input: '{"score":10}\n', encoding: 'utf8' });
  assert.equal(JSON.parse(out).nps, 100);
});

test('a consumer type-checks against the installed types with tsc --strict', () => {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', app], { encoding: 'utf8' });
});
