// A Vite app installs the tarball, builds with no configuration, and runs in Chromium: the
// bundler must find and emit the wasm file by itself.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { installConsumer } from '../package/pack.mjs';
import { openBrowser } from './harness.mjs';

let env;
let app;
before(async () => {
  let root;
  ({ app, root } = installConsumer('vite-app'));
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: app });
  env = await openBrowser({ root: join(app, 'dist') });
});
after(() => env?.close());

test('the Vite build emits the wasm asset and computes NPS in the page and in a worker', async () => {
  assert.ok(readdirSync(join(app, 'dist/assets')).some((f) => f.endsWith('.wasm')));
  const page = await env.newPage();
  await page.goto(`${env.origin}/`);
  await page.waitForSelector('#nps[data-done="yes"]');
  assert.equal(Number(await page.textContent('#nps')), ((3 - 2) / 7) * 100);
  assert.equal(await page.textContent('#nps-worker'), await page.textContent('#nps'));
  assert.deepEqual(env.problems, []);
});
