// The layer check of web/src (scripts/check-imports.mjs) on small trees: it must pass the real
// tree, and fail a circle (types included) and an import from a lower layer to a higher one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

const script = new URL('../../scripts/check-imports.mjs', import.meta.url).pathname;
const check = (dir) => spawnSync(process.execPath, [script, ...(dir ? [dir] : [])], { encoding: 'utf8' });

function tree(files) {
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-imports-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('web/src has no import circle and imports only downward', () => {
  const r = check();
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /0 problems/);
});

test('a circle of type-only imports is reported', () => {
  const dir = tree({
    'scores/a.ts': "import type { B } from './b.js';\nexport type A = B;\n",
    'scores/b.ts': "import type { A } from './a.js';\nexport type B = { a?: A };\n",
  });
  try {
    const r = check(dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /import circle: scores\/a\.ts → scores\/b\.ts/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('an import from a lower layer to a higher one is reported, the other way is not', () => {
  const dir = tree({
    'runtime/errors.ts': 'export class E {}\n',
    'vault/vault.ts': "import { E } from '../runtime/errors.js';\nimport { I } from '../insights/insights.js';\nexport const v = [E, I];\n",
    'insights/insights.ts': "export class I {}\n",
  });
  try {
    const r = check(dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /vault\/vault\.ts \(vault\) imports insights\/insights\.ts \(insights\): insights is not below vault/);
    assert.doesNotMatch(r.stdout, /runtime\/errors/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
