// The progress line appears only when stderr is a terminal (here a pseudo-terminal from script(1))
// and never pollutes redirected output.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;

test('a terminal gets count, rate, percentage and ETA; the results file stays clean', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-tty-'));
  const input = join(dir, 'in.ndjson');
  const output = join(dir, 'out.ndjson');
  writeFileSync(input, Array.from({ length: 20000 }, (_, i) => `{"id":${i},"score":${i % 11}}`).join('\n'));
  const command = `${process.execPath} ${cli} nps --per-respondent --jobs 1 --input ${input} --output ${output}`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /\d[\d,]* lines · [\d,]+\/s/);
  assert.match(r.stdout, /\d+% · .* ETA /);
  const lines = readFileSync(output, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 20000);
  assert.ok(lines.every((l) => l.startsWith('{')));
});
