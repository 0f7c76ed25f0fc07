// Issue 24 item 12: the CLI's line reader copies each byte once (counted through the buffer pool it
// fills, so the test is timing-free) and turns a line beyond the bound into a reject with its number
// while the lines after it are still read.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';

import { BufferPool } from '../../dist/cli/io/buffer_pool.js';
import { defaultMaxLineBytes, lineChunks } from '../../dist/cli/io/lines.js';

const MiB = 1 << 20;
/** A stream of `total` bytes of 'a' in 64 KiB reads, then `tail`. */
function longLine(total, tail) {
  const part = Buffer.alloc(1 << 16, 97);
  const parts = Array.from({ length: Math.ceil(total / part.length) }, () => part);
  return Readable.from([Buffer.from('first\n'), ...parts, Buffer.from(tail)]);
}

class CountingPool extends BufferPool {
  requested = 0;
  take(size) {
    this.requested += size;
    return super.take(size);
  }
}

async function collect(input, maxLineBytes, pool) {
  const chunks = [];
  for await (const c of lineChunks(input, MiB, pool, maxLineBytes)) {
    chunks.push({ text: Buffer.from(c.bytes).toString(), firstLine: c.firstLine, lines: c.lines, tooLong: c.tooLong });
  }
  return chunks;
}

test('a line longer than many chunks is joined once: bytes copied grow linearly with its length', async () => {
  for (const mib of [4, 8]) {
    const pool = new CountingPool(4);
    const chunks = await collect(longLine(mib * MiB, '\nlast\n'), 64 * MiB, pool);
    const total = 6 + mib * MiB + 6;
    // Re-joining the carried line on every MiB read asks for ~mib²/2 MiB; once is `total`.
    assert.equal(pool.requested, total, `${mib} MiB line`);
    assert.equal(chunks.reduce((n, c) => n + c.lines, 0), 3);
    assert.equal(chunks.at(-1).text.endsWith('\nlast\n'), true);
  }
});

test('a line beyond the bound is a reject with its number; the lines after it are read', async () => {
  const chunks = await collect(longLine(3 * MiB, '\nafter 1\nafter 2'), MiB);
  const rejects = chunks.flatMap((c) => c.tooLong);
  assert.deepEqual(rejects, [{ line: 2, code: 'E_RANGE', path: '', message: `the line is longer than ${MiB} bytes` }]);
  const text = chunks.map((c) => c.text).join('');
  assert.equal(text, 'first\n\nafter 1\nafter 2', 'the long line stands as an empty line, so numbering holds');
  assert.equal(chunks.reduce((n, c) => n + c.lines, 0), 4);
  // At the bound exactly, a line is kept; a last line without a newline is bounded too.
  const exact = await collect(Readable.from([Buffer.alloc(1000, 98), Buffer.from('\n'), Buffer.alloc(1001, 99)]), 1000);
  assert.deepEqual(exact.flatMap((c) => c.tooLong).map((r) => r.line), [2]);
  assert.equal(exact.map((c) => c.text).join(''), `${'b'.repeat(1000)}\n\n`);
  assert.equal(defaultMaxLineBytes, 16 * MiB);
});

test('any split of any input: the chunks rebuild the input, number every line and reject exactly the lines past the bound', async () => {
  let seed = 12345;
  const rand = (n) => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % n);
  for (let round = 0; round < 400; ++round) {
    const bound = 1 + rand(40);
    const lines = Array.from({ length: rand(30) }, () => 'x'.repeat(rand(5) === 0 ? rand(120) : rand(bound + 2)));
    const endsWithNewline = lines.length > 0 && rand(2) === 0;
    const input = Buffer.from(lines.join('\n') + (endsWithNewline ? '\n' : ''));
    const reads = [];
    for (let at = 0; at < input.length; ) {
      const size = 1 + rand(rand(3) === 0 ? 200 : 12);
      reads.push(input.subarray(at, at + size));
      at += size;
    }
    const minBytes = 1 + rand(100);
    const chunks = [];
    for await (const c of lineChunks(Readable.from(reads), minBytes, undefined, bound)) chunks.push(c);

    const kept = lines.map((l) => (l.length > bound ? '' : l));
    const lastDropped = !endsWithNewline && lines.length > 0 && lines.at(-1).length > bound;
    const expected = kept.join('\n') + (endsWithNewline || lastDropped ? '\n' : '');
    const label = `round ${round}: bound ${bound}, minBytes ${minBytes}, ${reads.length} reads`;
    assert.equal(Buffer.concat(chunks.map((c) => c.bytes)).toString(), lines.length === 1 && lines[0] === '' && !endsWithNewline ? '' : expected, label);
    let next = 1;
    for (const [i, c] of chunks.entries()) {
      assert.equal(c.firstLine, next, label);
      if (i < chunks.length - 1) assert.equal(c.bytes.at(-1), 10, `${label}: chunk ${i} ends on a line boundary`);
      next += c.lines;
    }
    const expectedLines = lines.length === 1 && lines[0] === '' && !endsWithNewline ? 0 : lines.length;
    assert.equal(next - 1, expectedLines, label);
    const wanted = lines.flatMap((l, i) => (l.length > bound ? [i + 1] : []));
    assert.deepEqual(chunks.flatMap((c) => c.tooLong.map((r) => r.line)), wanted, label);
  }
});
