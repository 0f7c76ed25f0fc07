// sentimentLines (the core's line batch behind `selfcrm sentiment`) against the JavaScript that
// did the same job before it moved into the core: the same bytes out for the same bytes in.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import fc from 'fast-check';

import { analyzeTexts, ready, SelfCrmError, sentimentLabels, sentimentLines, textLimits } from 'selfcrm';
import { unwrap } from '../../dist/runtime/errors.js';
import { withBytes } from '../../dist/runtime/heap.js';
import { wasm } from '../../dist/runtime/loader.js';

before(() => ready());

// The former web/src/cli/jobs/sentiment.ts, kept here as the reference the core must match.
const cueNames = ['question', 'complaint', 'praise', 'churnThreat', 'purchaseIntent', 'recommendation'];
const isRecord = (line) => line.trimStart().startsWith('{');
function referenceLines(bytes, firstLine, explain) {
  const lines = new TextDecoder().decode(bytes).split('\n');
  const records = lines.map((l) => (isRecord(l) ? l : '')).join('\n');
  const rejects = records.trim() === '' ? [] : unwrap(withBytes(records, (p, n) => wasm().jsonLineRejects(p, n, firstLine)));
  const refused = new Set(rejects.map((r) => r.line));
  const { maxTextBytes } = textLimits();
  const items = [];
  const add = (item, path) => {
    if (Buffer.byteLength(item.text) > maxTextBytes) {
      rejects.push({ line: item.line, code: 'E_RANGE', path, message: `a text is at most ${maxTextBytes} bytes of UTF-8` });
    } else {
      items.push(item);
    }
  };
  lines.forEach((raw, k) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const number = firstLine + k;
    if (line.trim() === '' || refused.has(number)) return;
    if (!isRecord(line)) return add({ id: number, text: line, line: number }, '');
    const r = JSON.parse(line);
    if (typeof r.text !== 'string') {
      rejects.push({ line: number, code: 'E_SCHEMA', path: '/text', message: 'text must be a string' });
      return;
    }
    add({ id: r.id ?? number, text: r.text, line: number }, '/text');
  });
  rejects.sort((a, b) => a.line - b.line);
  if (items.length === 0) return { ndjson: '', results: 0, rejects };
  const batch = analyzeTexts(items.map((i) => i.text), { details: explain });
  let ndjson = '';
  items.forEach((item, i) => {
    const result = {
      id: item.id,
      compound: batch.compound[i],
      label: sentimentLabels[batch.label[i]],
      cues: cueNames.filter((_, bit) => (batch.cues[i] & (1 << bit)) !== 0),
    };
    if (batch.details) result.drivers = batch.details[i]?.drivers;
    ndjson += `${JSON.stringify(result)}\n`;
  });
  return { ndjson, results: items.length, rejects };
}

const encode = (text) => new TextEncoder().encode(text);
const same = (bytes, firstLine = 1, explain = false) =>
  assert.deepEqual(sentimentLines(bytes, { firstLine, explain }), referenceLines(bytes, firstLine, explain));

test('sentimentLines: the lines the former JavaScript job wrote, case by case', () => {
  const lines = [
    '{"id":"a","text":"No problem at all, thank you!"}',
    'I want to cancel my account',
    '',
    '   ',
    '\u00A0\u2028',
    '{"text":"GREAT!!! but not bad?","id":{"b":1,"10":2,"2":[1e21,1e-7,0.1,-0,123456789012345678901]}}',
    '{"text":"ids","id":null}',
    '{"text":"no id"}',
    '{"text":5}',
    '{"text":"x","text":"y"}',
    '{"text":"cut',
    '[1,2]',
    '{"id":1.5e300,"text":"very very good :) I told my friends"}',
    '{"id":"\\u0001\\u2028é","text":"Awful \\ud83d\\ude21 service"}',
    'How much is the premium plan?\r',
    '{"id":true,"text":""}',
  ];
  for (const explain of [false, true]) {
    same(encode(lines.join('\n')), 1, explain);
    same(encode(`${lines.join('\r\n')}\n`), 41, explain);
  }
  // Ill-formed UTF-8 and a byte-order mark, as TextDecoder reads them.
  const bad = Uint8Array.from([0xef, 0xbb, 0xbf, 0x67, 0x6f, 0x6f, 0x64, 0xc3, 0x0a, 0xe2, 0x82, 0x41, 0xf0, 0x9f, 0x98, 0x0a,
    ...encode('{"text":"ok \u00e9"}'), 0x0a, 0xff, 0xfe, 0x20, 0x6c, 0x6f, 0x76, 0x65, 0xed, 0xa0, 0x80]);
  same(bad, 1, true);
  const huge = `{"text":"${'a'.repeat(textLimits().maxTextBytes)}b"}\n${'z'.repeat(textLimits().maxTextBytes + 1)}\ngood`;
  same(encode(huge), 3);
});

test('sentimentLines: a record after a byte-order mark inside the chunk is read (the former job threw on it)', () => {
  const chunk = encode('good\n\uFEFF{"text":"bom-led record","id":7}\n');
  assert.throws(() => referenceLines(chunk, 1, false), SyntaxError);
  const r = sentimentLines(chunk);
  assert.deepEqual(r.ndjson.split('\n').filter(Boolean).map((l) => JSON.parse(l).id), [1, 7]);
  assert.deepEqual(r.rejects, []);
});

test('sentimentLines: random chunks give the former job\'s bytes', () => {
  const word = fc.constantFrom('good', 'NOT', 'bad', 'never again', 'cancel', 'love', 'kind of', '!!!', '?', ':)', '\u00A0',
    '\u2028', '\uFEFF', 'é', '😍', ' ', '\t', 'how much', 'I told my friends', 'but', '"', '\\', '\u0001');
  const text = fc.array(word, { maxLength: 8 }).map((w) => w.join(' '));
  const id = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.double(), fc.constantFrom(1e21, 1e-7, -0, 2 ** 64, 5e-324, 0.1 + 0.2));
  const line = fc.oneof(
    text,
    fc.record({ id, text }, { requiredKeys: ['text'] }).map((r) => JSON.stringify(r)),
    fc.record({ text: fc.jsonValue({ maxDepth: 1 }) }).map((r) => JSON.stringify(r)),
    fc.constantFrom('{', '{"text":"a","text":"b"}', '{"text":1e999}', ' {"text":"lead"}', '{"text":"x"} trailing', ''),
  );
  const chunk = fc.tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 3 }),
    fc.integer({ min: 1, max: 1e6 }), fc.boolean());
  fc.assert(fc.property(chunk, ([lines, eol, junk, firstLine, explain]) => {
    const bytes = encode(lines.join(eol));
    const mixed = new Uint8Array([...bytes.slice(0, bytes.length >> 1), ...junk, ...bytes.slice(bytes.length >> 1)]);
    same(mixed, firstLine, explain);
  }), { numRuns: 300 });
});

test('sentimentLines: bad options are coded errors', () => {
  assert.throws(() => sentimentLines(42), (e) => e instanceof SelfCrmError && e.code === 'E_SCHEMA');
  assert.throws(() => sentimentLines('x', { firstLine: 0 }), (e) => e instanceof SelfCrmError && e.code === 'E_RANGE');
  assert.throws(() => sentimentLines('x', { explain: 'yes' }), (e) => e instanceof SelfCrmError && e.path === '/explain');
});

// sentimentLines runs in the company module, analyzeTexts in the customer's: custom lexicon entries
// added or cleared in between must count in both alike.
test('sentimentLines and analyzeTexts score with the same custom lexicon entries', async () => {
  const { addLexiconEntries, clearLexiconEntries } = await import('selfcrm');
  const text = 'the flurbish was zorky';
  const lineOf = () => JSON.parse(sentimentLines(`${text}\n`).ndjson.trim());
  try {
    assert.equal(lineOf().compound, 0);
    addLexiconEntries({ flurbish: 3 });
    addLexiconEntries([['zorky', -1.5]]);
    const added = lineOf().compound;
    assert.notEqual(added, 0);
    assert.equal(added, analyzeTexts([text]).compound[0]);
    clearLexiconEntries();
    addLexiconEntries({ zorky: 2 });
    assert.equal(lineOf().compound, analyzeTexts([text]).compound[0]);
    assert.ok(lineOf().compound > 0);
  } finally {
    clearLexiconEntries();
  }
  assert.equal(lineOf().compound, 0);
});
