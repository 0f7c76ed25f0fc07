// `selfcrm rank` on simulated populations where the right answer is known (conversations_sim.mjs):
// the share of the achievable value its top N capture, against random picks and a CLV-only
// ranking; twins that differ in one thing that raises their true response rank in that order.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ConversationPlan, ready, SelfCrmError, SupportQueue } from '../../dist/index.node.js';
import { capture, clvOnly, population, randomCapture, rows } from './conversations_sim.mjs';

await ready();

function planOf(text, budget) {
  const plan = new ConversationPlan({ budget });
  try {
    const { rejects } = plan.addLines(text);
    assert.deepEqual(rejects, []);
    return plan.conversations();
  } finally {
    plan.dispose();
  }
}

// Margins the ranking must beat the baselines by (shares of the oracle's value, 0–1). With bands,
// the ranking knows CLV and P(alive) only to three levels each: it is held to beat a CLV-only
// ranking on the same bands by a wide margin, and one on the exact CLV (more than it knows) too.
const margins = {
  numbers: { random: 0.6, clv: 0.2 },
  bands: { random: 0.45, clvBand: 0.3, clv: 0.03 },
};

for (const [key, what] of [['claims', 'numbers'], ['bandClaims', 'bands']]) {
  test(`top N by expected value capture more than random and CLV-only picks (claims as ${what})`, () => {
    const margin = margins[what];
    for (const seed of [1, 2, 3]) {
      const customers = population(20_000, seed);
      const budget = 400;
      const picked = planOf(rows(customers, key), budget).map((c) => c.subject);
      assert.equal(picked.length, budget);
      const model = capture(customers, picked);
      const byClv = capture(customers, clvOnly(customers, budget));
      const byClvBand = capture(customers, clvOnly(customers, budget, false));
      const atRandom = randomCapture(customers, budget);
      const pct = (x) => `${(100 * x).toFixed(1)} %`;
      console.log(`# rank (${what}, seed ${seed}): top ${budget} of ${customers.length} capture ${pct(model)} of the achievable value; CLV-only ${pct(byClv)} (exact CLV), ${pct(byClvBand)} (CLV band); random ${pct(atRandom)}`);
      assert.ok(model >= atRandom + margin.random, `model ${model} vs random ${atRandom}`);
      assert.ok(model >= byClv + margin.clv, `model ${model} vs CLV-only ${byClv}`);
      if (margin.clvBand !== undefined) assert.ok(model >= byClvBand + margin.clvBand, `model ${model} vs CLV band only ${byClvBand}`);
    }
  });
}

test('a customer whose conversation would do more ranks higher than their twin', () => {
  const base = { 'band:clv': 900, 'band:alive': 0.5, 'band:crv': 200, 'band:influence': 40, 'nps:category': 'passive', '/preferential/channels': ['chat'] };
  // [better, worse]: one claim apart, the first truly responds more to a conversation.
  const twins = [
    [{ 'band:alive': 0.1 }, { 'band:alive': 0.9 }],
    [{ 'feedback:churn': true }, { 'feedback:churn': false }],
    [{ 'nps:category': 'promoter' }, { 'nps:category': 'detractor' }],
    [{ 'band:clv': 3000 }, { 'band:clv': 300 }],
    [{ 'band:crv': 'high' }, { 'band:crv': 'low' }],
    [{ 'feedback:complaint': true, 'feedback:degree': 'social-pressure' }, { 'feedback:complaint': true, 'feedback:degree': 'monologue' }],
    [{ 'feedback:complaint': true, 'feedback:degree': 'venting' }, { 'feedback:complaint': true, 'feedback:degree': 'monologue' }],
    [{ '/preferential/channels': ['chat'] }, { '/preferential/channels': [] }],
  ];
  // Subjects put the worse twin first in order, so only the value can put the better one ahead.
  const lines = twins.flatMap(([better, worse], i) => [
    JSON.stringify({ subject: `t${i}-a`, claims: { ...base, ...worse } }),
    JSON.stringify({ subject: `t${i}-b`, claims: { ...base, ...better } }),
  ]);
  for (let i = 0; i < twins.length; ++i) {
    const ranked = planOf(`${lines[2 * i]}\n${lines[2 * i + 1]}\n`, 0);
    assert.deepEqual(ranked.map((c) => c.subject), [`t${i}-b`, `t${i}-a`], `twins ${JSON.stringify(twins[i])}`);
    assert.ok(ranked[0].value > ranked[1].value);
  }
});

test('equal values rank by subject, whatever the input order', () => {
  const claims = { 'band:clv': 'high', 'band:alive': 'low' };
  const text = ['c', 'a', 'b'].map((s) => `${JSON.stringify({ subject: s, claims })}\n`).join('');
  assert.deepEqual(planOf(text, 0).map((c) => [c.rank, c.subject]), [[1, 'a'], [2, 'b'], [3, 'c']]);
});

test('rows with missing claims still rank, and the reason says what was unknown', () => {
  const [c] = planOf('{"subject":"x","claims":{"band:clv":2000,"/identities/email/primary":"x@example.com"}}\n', 0);
  assert.equal(c.channel, 'email');
  assert.ok(c.value > 0);
  assert.deepEqual(c.unknown, ['band:alive', 'band:crv', 'band:influence', 'nps:category', 'feedback:complaint', '/preferential/channels']);
  assert.match(c.reason, /P\(alive\) 70 % \(assumed\)/);
  assert.match(c.reason, /Unknown: band:alive, band:crv/);
});

test('bad options are coded errors with their path; a disposed plan says so', () => {
  const fails = (fn, code, path) => assert.throws(fn, (e) => e instanceof SelfCrmError && e.code === code && e.path === path);
  fails(() => new ConversationPlan({ budget: 1.5 }), 'E_RANGE', '/budget');
  fails(() => new SupportQueue({ budget: -1 }), 'E_RANGE', '/budget');
  fails(() => new ConversationPlan({ params: { saveRate: 1.5 } }), 'E_RANGE', '/saveRate');
  fails(() => new ConversationPlan({ params: { urgency: [1, 2] } }), 'E_SCHEMA', '/urgency');
  fails(() => new ConversationPlan({ params: { savRate: 0.1 } }), 'E_SCHEMA', '/savRate');
  fails(() => new ConversationPlan(7), 'E_SCHEMA', '/options');
  const plan = new ConversationPlan();
  plan.dispose();
  fails(() => plan.addLines('{}\n'), 'E_DISPOSED', '');
});

test('the support queue of rows fed in chunks equals the queue of the rows at once', () => {
  const text = rows(population(3_000, 9));
  const whole = new SupportQueue();
  const chunked = new SupportQueue();
  try {
    whole.addLines(text);
    const lines = text.split('\n');
    for (let at = 0; at < lines.length - 1; at += 700) {
      chunked.addLines(`${lines.slice(at, at + 700).join('\n')}\n`, { firstLine: at + 1 });
    }
    assert.ok(whole.entries().length > 300);
    assert.deepEqual(chunked.output(), whole.output());
    const entries = whole.entries();
    for (let i = 1; i < entries.length; ++i) {
      const [a, b] = [entries[i - 1], entries[i]];
      assert.ok(a.points > b.points || (a.points === b.points && a.subject < b.subject), `${a.subject} before ${b.subject}`);
    }
  } finally {
    whole.dispose();
    chunked.dispose();
  }
});
