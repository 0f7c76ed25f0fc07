// Every JavaScript example of README.md, run as written against the published tarball installed
// into an empty folder, on this Node: the README cannot drift from the package. A block that cannot
// run in Node is fenced as "```js not-in-node: <reason>" and the reason is printed, never skipped
// silently.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { installConsumer } from '../package/pack.mjs';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** Fenced blocks with their info string and the README line of their first code line. */
function fencedBlocks(text) {
  const blocks = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; ++i) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open || open[1] === '') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) ++end;
    blocks.push({ lang: open[1], info: open[2], line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

const js = fencedBlocks(readme).filter((b) => ['js', 'javascript', 'mjs'].includes(b.lang));
const { app } = installConsumer('readme-consumer');

test('README.md has JavaScript examples, each either run here or excluded with a reason', () => {
  assert.ok(js.length >= 5, `found ${js.length} JavaScript blocks`);
  for (const b of js) {
    if (b.info === '') continue;
    const reason = /^not-in-node:\s*(\S.*)$/.exec(b.info);
    assert.ok(reason, `README line ${b.line}: unknown fence info "${b.info}" (use "not-in-node: <reason>")`);
    console.log(`README line ${b.line}: not run in Node: ${reason[1]}`);
  }
});

for (const b of js.filter((x) => x.info === '')) {
  test(`README example at line ${b.line} runs as written`, () => {
    const file = join(app, `readme-line-${b.line}.mjs`);
    writeFileSync(file, `${b.code}\n`);
    try {
      execFileSync(process.execPath, [file], { cwd: app, encoding: 'utf8', stdio: 'pipe', timeout: 60_000 });
    } catch (e) {
      assert.fail(`README line ${b.line} failed (exit ${e.status}):\n${e.stderr || e.message}`);
    }
  });
}
