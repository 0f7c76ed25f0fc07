// The same golden cases, run by the native build and by the wasm build, must print byte-identical
// result envelopes (floating-point results included, to the last bit).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);

test('native and wasm builds give identical results', () => {
  const native = execFileSync(new URL('build-native/tests/selfcrm_golden', root).pathname, {
    encoding: 'utf8', maxBuffer: 1 << 28,
  });
  const wasm = execFileSync(process.execPath,
    ['--no-experimental-fetch', new URL('build-wasm/tests/selfcrm_golden.js', root).pathname],
    { encoding: 'utf8', maxBuffer: 1 << 28 });
  const nativeLines = native.trimEnd().split('\n');
  const wasmLines = wasm.trimEnd().split('\n');
  assert.ok(nativeLines.length >= 4, 'golden cases are registered');
  assert.equal(wasmLines.length, nativeLines.length);
  for (let i = 0; i < nativeLines.length; ++i) assert.equal(wasmLines[i], nativeLines[i]);
});
