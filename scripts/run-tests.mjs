// `npm test` after the build: every suite in turn, then one closing line "N passed, N failed".
// Each stage's own runner output is shown; its counts are read from that output.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const nodeTestFiles = (dir) =>
  readdirSync(new URL(dir, `file://${root}`))
    .filter((f) => f.endsWith('.test.mjs'))
    .sort()
    .map((f) => `${dir}/${f}`);

/** Counters from each runner's closing lines. */
const parsers = {
  ctest(out) {
    const m = out.match(/(\d+) tests? failed out of (\d+)/);
    return m ? { passed: Number(m[2]) - Number(m[1]), failed: Number(m[1]) } : undefined;
  },
  catch2(out) {
    const all = out.match(/All tests passed \(\d+ assertions? in (\d+) test cases?\)/);
    if (all) return { passed: Number(all[1]), failed: 0 };
    const some = out.match(/test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed/);
    return some ? { passed: Number(some[2]), failed: Number(some[3]) } : undefined;
  },
  nodeTest(out) {
    const pass = out.match(/^# pass (\d+)/m);
    const fail = out.match(/^# fail (\d+)/m);
    return pass && fail ? { passed: Number(pass[1]), failed: Number(fail[1]) } : undefined;
  },
  plain(out) {
    const m = out.match(/^(?:\w+: )?(\d+) passed, (\d+) failed/m);
    return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
  },
  single: () => ({ passed: 1, failed: 0 }),
};

const stages = [
  { name: 'web/src imports: downward only, no circles', cmd: 'node', args: ['scripts/check-imports.mjs'], parse: 'single' },
  { name: 'types: tsc --strict on a consumer file', cmd: 'npx', args: ['--no-install', 'tsc', '-p', 'tests/types'], parse: 'single' },
  { name: 'native Catch2 suite (ctest)', cmd: 'ctest', args: ['--test-dir', 'build-native', '-j2', '--output-on-failure'], parse: 'ctest' },
  { name: 'native Catch2 suite under ASan+UBSan', cmd: 'ctest', args: ['--test-dir', 'build-asan', '-j2', '--output-on-failure'], parse: 'ctest' },
  { name: 'fuzz targets (seeds + 20,000 runs each)', cmd: 'bash', args: ['scripts/fuzz-smoke.sh'], parse: 'plain' },
  { name: 'Catch2 suite compiled to wasm (Node)', cmd: 'node', args: ['--no-experimental-fetch', 'build-wasm/tests/selfcrm_tests.js', '--use-colour', 'no'], parse: 'catch2' },
  { name: 'JS tests of the wasm build', cmd: 'node', args: ['--test', ...nodeTestFiles('tests/js')], parse: 'nodeTest' },
  { name: 'browser tests (headless Chromium)', cmd: 'node', args: ['--test', ...nodeTestFiles('tests/browser')], parse: 'nodeTest' },
];

function run(stage) {
  return new Promise((resolve) => {
    const child = spawn(stage.cmd, stage.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (chunk, stream) => {
      out += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', (c) => keep(c, process.stdout));
    child.stderr.on('data', (c) => keep(c, process.stderr));
    child.on('error', (e) => resolve({ code: 1, out: String(e) }));
    child.on('close', (code) => resolve({ code, out }));
  });
}

let passed = 0;
let failed = 0;
const summary = [];
for (const stage of stages) {
  console.log(`\n=== ${stage.name}`);
  const t0 = Date.now();
  const { code, out } = await run(stage);
  let counts = parsers[stage.parse](out);
  if (stage.parse === 'single') counts = code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  // A runner that exits non-zero without saying what failed still counts as one failure.
  if (!counts || (code !== 0 && counts.failed === 0)) counts = { passed: counts?.passed ?? 0, failed: (counts?.failed ?? 0) + 1 };
  passed += counts.passed;
  failed += counts.failed;
  summary.push(`${stage.name}: ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

console.log(`\n=== summary\n${summary.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
