// Issue 17 item 6, one batch shape: every running tally's addLines (ConversationPlan,
// SupportQueue and the mergeable aggregates) returns { results, rejects } (BatchChunkCount):
// `results` what it counted from that chunk, `rejects` its bad lines numbered from `firstLine`.
// Checked against each one's own running count, chunk by chunk.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { ConversationPlan, Insights, LdpAggregate, NpsAggregate, ready, readyCompany, ReportAggregate, SupportQueue } from 'selfcrm';

await ready();
await readyCompany();

const where = (rejects) => rejects.map((r) => [r.line, r.code]);
const shape = (r) => Object.keys(r).sort();

test('NPS aggregate: results are the answers it counted', () => {
  const aggregate = new NpsAggregate({ engine: 'test' });
  try {
    assert.deepEqual(aggregate.addLines('{"id":"a","score":10}\n{"id":"b","score":2}\n', { firstLine: 1 }), { results: 2, rejects: [] });
    const second = aggregate.addLines('{"score":12}\n\n{"score":9}\nnot json\n', { firstLine: 3 });
    assert.deepEqual(shape(second), ['rejects', 'results']);
    assert.equal(second.results, 1);
    assert.deepEqual(where(second.rejects), [[3, 'E_RANGE'], [6, 'E_PARSE']]);
    assert.equal(aggregate.totals().answers, 3);
  } finally {
    aggregate.dispose();
  }
});

test('LDP aggregate: results are the reports it counted', () => {
  const aggregate = new LdpAggregate({ engine: 'test', rulesHash: 'eps1' }, { categories: ['a', 'b'], epsilon: 1 });
  try {
    const r = aggregate.addLines('{"report":"a"}\n{"report":"c"}\n{"report":"b"}\n', { firstLine: 10 });
    assert.equal(r.results, 2);
    assert.deepEqual(r.rejects.map((x) => x.line), [11]);
    assert.equal(aggregate.addLines('{"report":"b"}\n').results, 1);
    assert.deepEqual(aggregate.totals().counts, { a: 1, b: 2 });
  } finally {
    aggregate.dispose();
  }
});

test('conversation plan and support queue: results are the rows read', () => {
  const rows = '{"subject":"p1","claims":{"band:clv":2400,"band:alive":0.2}}\n{"subject":"p1","claims":{}}\nbad\n{"subject":"p2","claims":{"band:clv":10,"band:alive":0.9}}\n';
  for (const Tally of [ConversationPlan, SupportQueue]) {
    const tally = new Tally();
    try {
      const r = tally.addLines(rows, { firstLine: 1 });
      assert.deepEqual(shape(r), ['rejects', 'results']);
      assert.equal(r.results + r.rejects.length, 4, Tally.name);
      assert.deepEqual(r.rejects.map((x) => x.line), [2, 3], `${Tally.name}: the repeated subject and the bad line`);
    } finally {
      tally.dispose();
    }
  }
});

test('report aggregate: results are the profiles each chunk added', () => {
  const profiles = readFileSync(new URL('../../demo/data/profiles.ndjson', import.meta.url), 'utf8').split('\n').slice(0, 5).join('\n');
  const engine = Insights.create();
  const report = new ReportAggregate({ engine: 'test', asOf: '2026-11-01T00:00:00Z' });
  const blank = new ReportAggregate({ engine: 'test', asOf: '2026-11-01T00:00:00Z' });
  const emptyPart = blank.partial();
  blank.dispose();
  try {
    const analyzed = engine.analyzeLines(`${profiles}\n`, { asOf: '2026-11-01T00:00:00Z' });
    assert.equal(analyzed.results, 5);
    const lines = analyzed.ndjson.trimEnd().split('\n');
    assert.deepEqual(report.addLines(`${lines.slice(0, 2).join('\n')}\n`), { results: 2, rejects: [] });
    assert.deepEqual(report.addLines(`${lines.slice(2).join('\n')}\n`, { firstLine: 3 }), { results: 3, rejects: [] });
    // A line that is not analyze's output is an error (the lines before it stay counted).
    assert.throws(() => report.addLines(`${lines[0]}\n{"not":"analyzed"}\n`, { firstLine: 6 }), (e) => e.code === 'E_SCHEMA' && e.path === 'line:7');
    assert.equal(report.merge(emptyPart).profiles, 6);
    // A merge sets the running count too: the next chunk's results are counted from it.
    const other = new ReportAggregate({ engine: 'test', asOf: '2026-11-01T00:00:00Z' });
    other.addLines(`${lines[0]}\n`);
    assert.equal(report.merge(other.partial()).profiles, 7);
    other.dispose();
    assert.deepEqual(report.addLines(`${lines[1]}\n`), { results: 1, rejects: [] });
  } finally {
    engine.dispose();
    report.dispose();
  }
});
