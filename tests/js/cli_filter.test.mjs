// The filter contract (README "Running on a cluster"): with --rejects inline every per-line command
// writes exactly one line per input line, in input order, newline-terminated, the same bytes
// whatever --jobs and however the input is split at line boundaries.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 29 });
const asOf = ['--as-of', '2026-11-01T00:00:00Z'];
const profiles = readFileSync(new URL('../../demo/data/profiles.ndjson', import.meta.url), 'utf8').split('\n').filter(Boolean);

/** Good lines with a broken line, a schema error and blank lines among them; the last without '\n'. */
function withBadLines(good, bad) {
  const lines = [...good];
  lines.splice(3, 0, '{"id": broken');
  lines.splice(10, 0, '');
  lines.splice(Math.floor(lines.length / 2), 0, bad, ' \t');
  return lines;
}

const analyzed = run(['analyze', ...asOf, '-j1'], `${profiles.slice(0, 40).join('\n')}\n`).stdout.trimEnd().split('\n');
const commands = {
  // 3 × 300 profiles ≈ 2 MB: several 512 KB chunks, so workers finish out of order.
  score: { args: ['score', ...asOf], lines: withBadLines([...profiles, ...profiles, ...profiles], '{"id":"x","unknownField":1}') },
  analyze: { args: ['analyze', ...asOf], lines: withBadLines(profiles.slice(0, 60), '{"id":"x","unknownField":1}') },
  sentiment: { args: ['sentiment'], lines: withBadLines(['{"id":1,"text":"I love it"}', 'plain text, awful service', '{"id":3,"text":"ok"}', '{"id":4,"text":"meh"}', '{"id":5,"text":"great"}', '{"id":6,"text":"bad"}', '{"id":7,"text":"fine"}', '{"id":8,"text":"superb"}', '{"id":9,"text":"no"}', '{"id":10,"text":"yes"}', '{"id":11,"text":"why"}'], '{"id":2,"text":7}') },
  'nps -r': { args: ['nps', '-r'], lines: withBadLines(Array.from({ length: 50 }, (_, i) => `{"id":${i},"score":${i % 11}}`), '{"id":"x","score":12}') },
  segment: { args: ['segment', ...asOf], lines: withBadLines(analyzed, '[1,2]'), lineNumbers: true },
};

for (const [name, c] of Object.entries(commands)) {
  test(`${name} --rejects inline: one line per input line, whatever --jobs or split`, () => {
    const input = c.lines.join('\n'); // no final newline: the last line still counts
    const one = run([...c.args, '--rejects', 'inline', '-j1'], input);
    assert.equal(one.status, 0, one.stderr);
    assert.ok(one.stdout.endsWith('\n'));
    const out = one.stdout.slice(0, -1).split('\n');
    assert.equal(out.length, c.lines.length);
    let results = 0;
    c.lines.forEach((line, i) => {
      if (!line.trim()) return assert.equal(out[i], '', `line ${i + 1}: blank in, blank out`);
      const o = JSON.parse(out[i]);
      if (o.error) {
        assert.ok(/^E_[A-Z_]+$/.test(o.error.code), out[i]);
        assert.equal(typeof o.error.message, 'string');
        assert.deepEqual(Object.keys(o), ['error']);
      } else ++results;
    });
    assert.equal(c.lines.length - results, 4, 'the 2 bad lines and 2 blank ones are not results');
    for (const jobs of ['2']) assert.equal(run([...c.args, '--rejects', 'inline', '-j', jobs], input).stdout, one.stdout);
    // Per-line results are a function of the line alone, except segment's "line" member.
    if (c.lineNumbers) return;
    const cuts = [0, 5, Math.floor(c.lines.length / 2) + 1, c.lines.length];
    const parts = cuts.slice(1).map((end, k) => run([...c.args, '--rejects', 'inline', '-j1'], `${c.lines.slice(cuts[k], end).join('\n')}\n`).stdout);
    assert.equal(parts.join(''), one.stdout);
  });
}

test('--rejects inline needs NDJSON output', () => {
  const r = run(['nps', '-r', '--rejects', 'inline', '-f', 'csv'], '{"id":1,"score":3}\n');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--rejects inline needs --format ndjson/);
});
