// The claims the conversation and support models read, derived on the device: `feedback:*` from
// the customer's own messages and `band:alive` from the repeat model — labels only, and names that
// travel as DCQL paths like the other derived claims.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import * as selfcrm from 'selfcrm';

const { Insights, Vault, claimOfPath, pathOfClaim, ready, scoreBands, SelfCrmError } = selfcrm;
const sample = JSON.parse(readFileSync(new URL('../../demo/data/customers/regular.json', import.meta.url), 'utf8'));
const asOf = '2026-11-01T00:00:00Z';

before(() => ready());

// A fitted repeat model, so P(alive) exists (the default model has none: band:alive is then unknown).
const model = { schemaVersion: 1, bgnbd: { r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, gammaGamma: { p: 6, q: 4, gamma: 15 } };

function claimsOf(interactions, options = {}) {
  const vault = Vault.fromJSON(JSON.stringify({ ...sample, history: { ...sample.history, interactions } }));
  const engine = Insights.create(options);
  try {
    const insights = engine.analyze(vault, { asOf });
    return { claims: vault.claims(insights), insights };
  } finally {
    vault.dispose();
    engine.dispose();
  }
}

const message = (id, at, text, extra = {}) => ({
  id, at, text, channel: 'instagram', direction: 'customer-to-business', participants: 2, replyExpected: true, replyReceived: false, ...extra,
});

test('an unanswered public complaint reads as open, social pressure, negative; an answered churn threat is not open', () => {
  const { claims } = claimsOf([
    message('old', '2025-06-01T00:00:00Z', 'I will cancel my account and go elsewhere.', { replyReceived: true }),
    message('new', '2026-09-01T00:00:00Z', 'My order still has not arrived, it is broken and I want a refund!', { isPublic: true, threadId: 't1' }),
  ]);
  assert.equal(claims.resolve('feedback:complaint'), true);
  assert.equal(claims.resolve('feedback:churn'), false);
  assert.equal(claims.resolve('feedback:degree'), 'social-pressure');
  assert.equal(claims.resolve('feedback:sentiment'), 'negative');
});

test('the latest message decides the degree; kind words are positive; no messages, no feedback claims', () => {
  const { claims } = claimsOf([
    message('a', '2026-09-01T00:00:00Z', 'This is broken and useless.', { replyExpected: false }),
    message('b', '2026-10-01T00:00:00Z', 'Thank you, lovely service, I love it!', { replyExpected: false }),
  ]);
  assert.equal(claims.resolve('feedback:degree'), 'monologue');
  assert.equal(claims.resolve('feedback:complaint'), true);
  const none = claimsOf([]).claims;
  for (const c of ['feedback:complaint', 'feedback:churn', 'feedback:degree', 'feedback:sentiment']) assert.equal(none.resolve(c), undefined, c);
});

test('band:alive is the band of the repeat model\'s P(alive); unknown without a repeat model', () => {
  const { claims, insights } = claimsOf([], { model });
  const p = insights.scores.clv.probabilityAlive;
  assert.equal(typeof p, 'number');
  const [high, medium] = scoreBands.alive;
  assert.equal(claims.resolve('band:alive'), p >= high ? 'high' : p >= medium ? 'medium' : 'low');
  assert.equal(claimsOf([]).claims.resolve('band:alive'), undefined);
});

test('feedback claims are derived claim names with DCQL paths both ways; /feedback/… is no raw claim', () => {
  for (const name of ['feedback:complaint', 'feedback:churn', 'feedback:sentiment', 'feedback:degree']) {
    assert.deepEqual(pathOfClaim(name), ['feedback', name.slice(9)]);
    assert.equal(claimOfPath(['feedback', name.slice(9)]), name);
  }
  assert.equal(claimOfPath(['feedback', 'text']), null);
  assert.throws(() => pathOfClaim('/feedback/text'), (e) => e instanceof SelfCrmError && e.code === 'E_SCHEMA');
});
