import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { estimateFromUnary, privacyTerms, ready, SelfCrmError, unaryResponse, unaryResponses } from 'selfcrm';
import { seeded } from './share_fixtures.mjs';

const nps = ['detractor', 'passive', 'promoter'];
const ln3 = 1.0986122886681098; // ln 3 (V8's Math.log(3) is 1 ulp low): e^ε = 3, q = 1/4
before(() => ready());

test('unary terms: the true flag says yes half the time, the others 1/(e^ε + 1)', () => {
  const t = privacyTerms({ categories: nps, epsilon: ln3, encoding: 'unary' });
  assert.equal(t.encoding, 'unary');
  assert.equal(t.pTruth, 0.5);
  assert.ok(Math.abs(t.pOther - 0.25) < 1e-14);
  assert.match(t.explanation, /one yes\/no flag for each of the 3 possible answers/);
  assert.match(t.explanation, /50\.0% of the time, and each other flag says "yes" 25\.0%/);
  assert.equal(privacyTerms({ categories: nps, epsilon: 1 }).encoding, 'direct');
});

test('given draws, flags follow the mechanism exactly; crypto draws give flags', () => {
  const r = unaryResponses(['passive', 'detractor'], { categories: nps, epsilon: ln3, uniforms: [0.2, 0.4, 0.3, 0.6, 0.1, 0.26] });
  assert.deepEqual(r.map((x) => x.bits), [[1, 1, 0], [0, 1, 0]]);
  const one = unaryResponse('promoter', { categories: nps, epsilon: 1 });
  assert.equal(one.bits.length, 3);
  assert.ok(one.bits.every((b) => b === 0 || b === 1));
});

test('hand-computed estimate from four reports, with categories in any order', () => {
  // Bit shares (.5, .25, .75) → estimates (1, 0, 2), NPS 100, SE 100·sqrt((.75 − .0625)/4)/.25.
  const reports = [[0, 0, 1], [1, 0, 0], [0, 1, 1], [1, 0, 1]];
  const e = estimateFromUnary(reports, { categories: nps, epsilon: ln3 });
  assert.equal(e.n, 4);
  assert.ok(Math.abs(e.frequencies.promoter.estimate - 2) < 1e-12);
  assert.ok(Math.abs(e.nps.nps - 100) < 1e-9);
  assert.ok(Math.abs(e.nps.standardError - 165.83123951777) < 1e-8);
  const reordered = estimateFromUnary(reports.map(([detractor, passive, promoter]) => [promoter === 1, detractor, passive]), { categories: ['promoter', 'detractor', 'passive'], epsilon: ln3 });
  assert.ok(Math.abs(reordered.nps.nps - 100) < 1e-9);
  assert.equal(reordered.nps.standardError, e.nps.standardError);
});

test('a simulated persona question (8 categories, ε = 1, n = 20,000) is estimated within its intervals', () => {
  const personas = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const shares = [0.05, 0.1, 0.15, 0.2, 0.25, 0.1, 0.1, 0.05];
  const rand = seeded(11);
  const n = 20_000;
  const answers = Array.from({ length: n }, () => {
    let u = rand();
    let j = 0;
    while (j < 7 && u >= shares[j]) u -= shares[j++];
    return personas[j];
  });
  const reports = unaryResponses(answers, { categories: personas, epsilon: 1, uniforms: Array.from({ length: n * 8 }, rand) }).map((r) => r.bits);
  const e = estimateFromUnary(reports, { categories: personas, epsilon: 1 });
  let inside = 0;
  personas.forEach((p) => {
    const truth = answers.filter((a) => a === p).length / n;
    const f = e.frequencies[p];
    if (f.ci95[0] <= truth && truth <= f.ci95[1]) ++inside;
  });
  assert.ok(inside >= 7, `${inside} of 8 intervals cover`);
  assert.equal(e.nps, undefined);
});

test('bad unary input is rejected with code and path', () => {
  const fails = (fn, code, path) => assert.throws(fn, (e) => e instanceof SelfCrmError && e.code === code && e.path === path);
  fails(() => estimateFromUnary([[0, 1, 2]], { categories: nps, epsilon: 1 }), 'E_RANGE', '/reports/0/2');
  fails(() => estimateFromUnary([[0, 1]], { categories: nps, epsilon: 1 }), 'E_SCHEMA', '/reports/0');
  fails(() => estimateFromUnary([], { categories: nps, epsilon: 1 }), 'E_EMPTY', '/counts');
  fails(() => unaryResponses(['x'], { categories: nps, epsilon: 1 }), 'E_RANGE', '/answers/0');
  fails(() => unaryResponses(['passive'], { categories: nps, epsilon: 1, uniforms: [0.1, 0.2, 1] }), 'E_RANGE', '/uniforms/2');
  fails(() => privacyTerms({ categories: nps, epsilon: 1, encoding: 'binary' }), 'E_SCHEMA', '/encoding');
});
