import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { classifyNps, nps, NpsAggregate, populationAdvocacy, ready, readyCompany, SelfCrmError } from 'selfcrm';

before(() => Promise.all([ready(), readyCompany()]));

function assertCoded(fn, code, path) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof SelfCrmError, `expected SelfCrmError, got ${e}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'SelfCrmError');
    assert.equal(e.code, code);
    assert.equal(e.path, path);
    return true;
  });
}

test('classifies answers at every boundary', () => {
  const expected = ['detractor', 'detractor', 'detractor', 'detractor', 'detractor', 'detractor',
    'detractor', 'passive', 'passive', 'promoter', 'promoter'];
  for (let s = 0; s <= 10; ++s) assert.equal(classifyNps(s), expected[s]);
});

test('a bad single answer is an E_RANGE SelfCrmError', () => {
  for (const bad of [-1, 11, 7.5, NaN, Infinity]) assertCoded(() => classifyNps(bad), 'E_RANGE', '');
  assertCoded(() => classifyNps('9'), 'E_SCHEMA', '');
});

test('population NPS matches the hand-computed value', () => {
  // 5 promoters, 3 passives, 2 detractors → 30; SE = 100·√((0.5 + 0.2 − 0.09) / 10)
  const s = nps([10, 9, 9, 10, 9, 8, 7, 7, 3, 0]);
  assert.equal(s.nps, 30);
  assert.deepEqual([s.promoters, s.passives, s.detractors, s.n], [5, 3, 2, 10]);
  assert.ok(Math.abs(s.standardError - 100 * Math.sqrt(0.061)) < 1e-12);
  const z = 1.959963984540054;
  assert.ok(Math.abs(s.ci95[0] - (30 - z * s.standardError)) < 1e-12);
  assert.ok(Math.abs(s.ci95[1] - (30 + z * s.standardError)) < 1e-12);
});

test('edges: all promoters, all detractors, one answer', () => {
  assert.deepEqual(nps(new Array(40).fill(10)).ci95, [100, 100]);
  assert.equal(nps(new Array(40).fill(10)).nps, 100);
  assert.equal(nps([0, 6, 3]).nps, -100);
  const one = nps([8]);
  assert.equal(one.nps, 0);
  assert.equal(one.n, 1);
});

test('typed arrays and iterables are accepted', () => {
  const list = [10, 0, 8, 9];
  const expected = nps(list);
  assert.deepEqual(nps(Float64Array.from(list)), expected);
  assert.deepEqual(nps(Uint8Array.from(list)), expected);
  assert.deepEqual(nps(new Set(list)), expected);
});

test('errors carry code and path', () => {
  assertCoded(() => nps([]), 'E_EMPTY', '');
  assertCoded(() => nps([10, 9, 12]), 'E_RANGE', '/2');
  assertCoded(() => nps(Float64Array.of(1, 2, 3, -4)), 'E_RANGE', '/3');
  assertCoded(() => nps([10, 'x']), 'E_SCHEMA', '/1');
  assertCoded(() => nps(42), 'E_SCHEMA', '');
  assertCoded(() => nps(BigInt64Array.of(1n)), 'E_SCHEMA', '');
});

// A running tally over chunks is the company module's NpsAggregate (NpsStream, its customer-module
// twin, was removed: one way to tally NPS lines).
test('NpsAggregate counts chunks with global line numbers and reports bad lines', () => {
  const stream = new NpsAggregate({ engine: 'test' });
  try {
    assert.deepEqual(stream.addLines('{"id":"a","score":10}\n{"id":"b","score":2}\n', { firstLine: 1 }), { results: 2, rejects: [] });
    const { results, rejects } = stream.addLines('{"score":12}\n\n{"id":{},"score":1}\nnot json\n', { firstLine: 3 });
    assert.equal(results, 0);
    assert.deepEqual(rejects.map((r) => [r.line, r.code, r.path]), [
      [3, 'E_RANGE', '/score'],
      [5, 'E_SCHEMA', '/id'],
      [6, 'E_PARSE', ''],
    ]);
    stream.addLines(new TextEncoder().encode('{"score":9}'), { firstLine: 7 });
    const s = JSON.parse(stream.summary());
    assert.equal(s.n, 3);
    assert.ok(Math.abs(s.nps - 100 / 3) < 1e-12);
    assert.equal(stream.totals().answers, 3);
  } finally {
    stream.dispose();
  }
});

test('NPS lines are tallied one way: NpsStream is gone', async () => {
  assert.equal('NpsStream' in (await import('selfcrm')), false);
});

test('an empty tally is E_EMPTY and a disposed one is E_DISPOSED', () => {
  const stream = new NpsAggregate({ engine: 'test' });
  assertCoded(() => stream.summary(), 'E_EMPTY', '');
  stream.dispose();
  stream.dispose();
  assertCoded(() => stream.summary(), 'E_DISPOSED', '');
});

test('populationAdvocacy: NPS of those who answered, promoters who referred, conversion, silent advocates', () => {
  const pop = populationAdvocacy([
    { latestScore: 9, referrals: 1, convertedReferrals: 1 },
    { latestScore: 7, referrals: 2, convertedReferrals: 1 },
    { latestScore: null, referrals: 0, convertedReferrals: 0 },
  ]);
  assert.equal(pop.nps.nps, 50, 'one promoter, one passive; the customer with no answer is left out');
  assert.deepEqual(
    [pop.promoters, pop.promotersWhoReferred, pop.promoterReferralShare, pop.referrals, pop.converted, pop.silentAdvocates],
    [1, 1, 1, 3, 2, 1],
  );
  assert.ok(Math.abs(pop.referralConversion - 2 / 3) < 1e-15);
  const nobody = populationAdvocacy([{ latestScore: null, referrals: 1, convertedReferrals: 1 }]);
  assert.equal(nobody.nps, null);
  assert.equal(nobody.silentAdvocates, 1);
  assertCoded(() => populationAdvocacy([{ latestScore: 9, referrals: 1, convertedReferrals: 2 }]), 'E_RANGE', '/0/converted');
});
