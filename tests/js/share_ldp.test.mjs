import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { estimateFromRandomized, privacyTerms, randomizedResponse, randomizedResponses, ready, SelfCrmError } from 'selfcrm';
import { seeded } from './share_fixtures.mjs';

const nps = ['detractor', 'passive', 'promoter'];
const ln2 = Math.log(2);
before(() => ready());

test('the terms shown to the customer state the probabilities in plain words', () => {
  const t = privacyTerms({ categories: nps, epsilon: ln2 });
  assert.ok(Math.abs(t.pTruth - 0.5) < 1e-14 && Math.abs(t.pOther - 0.25) < 1e-14);
  assert.ok(Math.abs(t.ratio - 2) < 1e-14);
  assert.match(t.explanation, /true answer only 50\.0% of the time/);
  assert.match(t.explanation, /2 other answers \(25\.0% each\)/);
  assert.match(t.explanation, /at most 2\.00 times likelier/);
  const one = privacyTerms({ categories: nps, epsilon: 1 });
  assert.match(one.explanation, /57\.6%/); // e/(e+2)
});

test('given draws, reports follow the mechanism exactly', () => {
  // p = .5: below .5 the truth; then .25 for each other category in index order.
  const r = randomizedResponses(['passive', 'passive', 'passive', 'detractor'], { categories: nps, epsilon: ln2, uniforms: [0.1, 0.6, 0.8, 0.9] });
  assert.deepEqual(r.map((x) => x.report), ['passive', 'detractor', 'promoter', 'promoter']);
  assert.equal(r[0].terms.categories, 3);
});

test('with crypto draws the true answer is reported at the stated rate', () => {
  const n = 20_000;
  const answers = Array(n).fill('promoter');
  const reports = randomizedResponses(answers, { categories: nps, epsilon: 1 });
  const p = Math.E / (Math.E + 2);
  const truthful = reports.filter((r) => r.report === 'promoter').length / n;
  const se = Math.sqrt((p * (1 - p)) / n);
  assert.ok(Math.abs(truthful - p) < 5 * se, `${truthful} vs ${p}`);
  assert.ok(nps.includes(randomizedResponse('passive', { categories: nps, epsilon: 2 }).report));
});

test('estimates from counts recover the true shares and NPS (hand-computed)', () => {
  // Report shares (.3, .325, .375) = .25 + .25·π for π = (.2, .3, .5): NPS 30.
  const e = estimateFromRandomized({ detractor: 300, passive: 325, promoter: 375 }, { categories: nps, epsilon: ln2 });
  assert.equal(e.n, 1000);
  assert.ok(Math.abs(e.frequencies.detractor.estimate - 0.2) < 1e-12);
  assert.ok(Math.abs(e.frequencies.promoter.estimate - 0.5) < 1e-12);
  assert.ok(Math.abs(e.nps.nps - 30) < 1e-9);
  // SE = 100·sqrt((.375 + .3 − .075²)/1000)/.25
  assert.ok(Math.abs(e.nps.standardError - 10.348912986396204) < 1e-9);
  assert.ok(Math.abs(e.nps.ci95[0] - (30 - 1.959963984540054 * 10.348912986396204)) < 1e-9);
  // Report lists give the same as counts; other category sets give no NPS.
  const list = [...Array(300).fill('detractor'), ...Array(325).fill('passive'), ...Array(375).fill('promoter')];
  assert.deepEqual(estimateFromRandomized(list, { categories: nps, epsilon: ln2 }), e);
  assert.equal(estimateFromRandomized(['a', 'b'], { categories: ['a', 'b'], epsilon: 1 }).nps, undefined);
});

test('a simulated population at ε = 1, n = 10,000: the interval covers the true NPS', () => {
  const rand = seeded(7);
  const n = 10_000;
  const answers = Array.from({ length: n }, () => { const u = rand(); return u < 0.25 ? 'detractor' : u < 0.55 ? 'passive' : 'promoter'; });
  const uniforms = Array.from({ length: n }, rand);
  const reports = randomizedResponses(answers, { categories: nps, epsilon: 1, uniforms }).map((r) => r.report);
  const e = estimateFromRandomized(reports, { categories: nps, epsilon: 1 });
  const sample = 100 * (answers.filter((a) => a === 'promoter').length - answers.filter((a) => a === 'detractor').length) / n;
  assert.ok(e.nps.ci95[0] <= sample && sample <= e.nps.ci95[1], `${sample} in ${e.nps.ci95}`);
  assert.ok(e.nps.standardError > 2 && e.nps.standardError < 2.6, `SE ${e.nps.standardError}`);
});

test('bad input is rejected with code and path', () => {
  const fails = (fn, code, path) => assert.throws(fn, (e) => e instanceof SelfCrmError && e.code === code && e.path === path);
  fails(() => privacyTerms({ categories: nps, epsilon: 0 }), 'E_RANGE', '/epsilon');
  fails(() => privacyTerms({ categories: ['only'], epsilon: 1 }), 'E_RANGE', '/k');
  fails(() => privacyTerms({ categories: ['a', 'a'], epsilon: 1 }), 'E_CONFLICT', '/categories/1');
  fails(() => privacyTerms({ categories: nps, epsilon: '1' }), 'E_SCHEMA', '/epsilon');
  fails(() => randomizedResponse('fan', { categories: nps, epsilon: 1 }), 'E_RANGE', '/answers/0');
  fails(() => randomizedResponses(['passive'], { categories: nps, epsilon: 1, uniforms: [1] }), 'E_RANGE', '/uniforms/0');
  fails(() => estimateFromRandomized(['passive', 'x'], { categories: nps, epsilon: 1 }), 'E_RANGE', '/reports/1');
  fails(() => estimateFromRandomized({ passive: 1.5 }, { categories: nps, epsilon: 1 }), 'E_RANGE', '/reports/passive');
  fails(() => estimateFromRandomized([], { categories: nps, epsilon: 1 }), 'E_EMPTY', '/counts');
});
