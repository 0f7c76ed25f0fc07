// The API edge: every call takes (input, options), a wrong shape is E_SCHEMA naming the argument,
// one time type (`asOf`/`now`: Date, epoch ms or ISO text) everywhere, engine objects accepted
// wherever their definitions are, and the obvious key for verifyShare works.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';

import * as selfcrm from 'selfcrm';

const { Insights, Ledger, Model, NpsAggregate, Personas, Segments, Vault, analyzeTexts, classifyNpsLines, createKeyPair, customerSummaries, fitModel, ready, verifyShare } = selfcrm;
const venter = readFileSync(new URL('../../demo/data/customers/venter.json', import.meta.url), 'utf8');
const asOf = '2026-11-01T00:00:00Z';
const coded = (fn, code, path) =>
  assert.throws(fn, (e) => e instanceof selfcrm.SelfCrmError && e.code === code && e.path === path, `${code} at ${path}`);

before(() => ready());

test('a positional firstLine where options belong is E_SCHEMA at /options, not a silent shift', () => {
  const engine = Insights.create();
  const segments = Segments.default();
  const stream = new NpsAggregate({ engine: 'test' });
  const vault = Vault.create('v');
  try {
    coded(() => engine.analyzeLines(`${venter.replace(/\n/g, '')}\n`, 1), 'E_SCHEMA', '/options');
    coded(() => engine.analyzeLinesBytes('', 1), 'E_SCHEMA', '/options');
    coded(() => segments.evaluateLines('', 3), 'E_SCHEMA', '/options');
    coded(() => segments.evaluate({ id: 'x' }, 'soon'), 'E_SCHEMA', '/options');
    coded(() => classifyNpsLines('{"score":1}\n', 2), 'E_SCHEMA', '/options');
    coded(() => stream.addLines('{"score":1}\n', 2), 'E_SCHEMA', '/options');
    coded(() => vault.importHistory('', 2), 'E_SCHEMA', '/options');
    coded(() => Insights.create('{}'), 'E_SCHEMA', '/options');
    coded(() => classifyNpsLines({ score: 1 }), 'E_SCHEMA', '/chunk');
    coded(() => classifyNpsLines('', { firstLine: 0 }), 'E_RANGE', '/firstLine');
    coded(() => segments.evaluateLines('', { personas: {} }), 'E_SCHEMA', '/personas');
    coded(() => analyzeTexts(['fine'], 'explain'), 'E_SCHEMA', '/options');
    coded(() => fitModel('', 5), 'E_SCHEMA', '/options');
    coded(() => fitModel('', { base: 7 }), 'E_SCHEMA', '/base');
    coded(() => customerSummaries('', { model: [] }), 'E_SCHEMA', '/model');
  } finally {
    engine.dispose();
    segments.dispose();
    stream.dispose();
    vault.dispose();
  }
});

test('analyzeLines honours asOf and firstLine given in options', () => {
  const engine = Insights.create();
  try {
    const line = `${JSON.stringify(JSON.parse(venter))}\n`;
    const batch = engine.analyzeLines(`bad\n${line}`, { asOf, firstLine: 10 });
    assert.deepEqual(batch.rejects.map((r) => r.line), [10]);
    const one = JSON.parse(batch.ndjson);
    assert.deepEqual(one.scores, engine.analyze(venter, { asOf }).scores);
    assert.notDeepEqual(one.scores, engine.analyze(venter, { asOf: '2030-01-01T00:00:00Z' }).scores);
  } finally {
    engine.dispose();
  }
});

test('asOf is one type: a Date, epoch milliseconds and ISO text give the same results', () => {
  const ms = Date.parse(asOf);
  const engine = Insights.create();
  try {
    const byText = engine.analyze(venter, { asOf });
    assert.deepEqual(engine.analyze(venter, { asOf: new Date(ms) }), byText);
    assert.deepEqual(engine.analyze(venter, { asOf: ms }), byText);
  } finally {
    engine.dispose();
  }
  const lines = ['{"customerId":"a","at":"2026-01-01T00:00:00Z","amount":10}', '{"customerId":"a","at":"2026-03-01T00:00:00Z","amount":20}', ''].join('\n');
  const fit = (when) => fitModel(lines, { asOf: when }).model;
  assert.deepEqual(fit(ms), fit(asOf));
  assert.deepEqual(fit(new Date(ms)), fit(asOf));
  coded(() => fitModel(lines, { asOf: {} }), 'E_SCHEMA', '/asOf');
});

test('Insights.create takes compiled packs and models as well as their definitions', () => {
  const pack = { segments: [{ name: 'anyone', condition: { field: 'id', op: 'exists' } }] };
  const model = Model.default();
  const segments = Segments.fromJSON(pack);
  const personas = Personas.default();
  const fromObjects = Insights.create({ model, segments, personas });
  const fromDefinitions = Insights.create({ segments: pack });
  try {
    const a = fromObjects.analyze(venter, { asOf });
    assert.deepEqual(a, fromDefinitions.analyze(venter, { asOf }));
    assert.deepEqual(a.segments.segments.map((m) => m.name), ['anyone']);
  } finally {
    for (const o of [model, segments, personas, fromObjects, fromDefinitions]) o.dispose();
  }
});

test('fitModel and customerSummaries take a model as a Model, its document or its JSON text', () => {
  const lines = ['{"customerId":"a","at":"2026-01-01T00:00:00Z","amount":10}', '{"customerId":"a","at":"2026-03-01T00:00:00Z","amount":20}',
    '{"customerId":"b","at":"2026-02-01T00:00:00Z","amount":5}', ''].join('\n');
  const model = Model.fromJSON({ schemaVersion: 1, periodDays: 1 });
  try {
    const document = model.toJSON();
    const byObject = customerSummaries(lines, { asOf, model });
    assert.deepEqual(customerSummaries(lines, { asOf, model: document }), byObject);
    assert.deepEqual(customerSummaries(lines, { asOf, model: JSON.stringify(document) }), byObject);
    assert.notDeepEqual(customerSummaries(lines, { asOf }).age, byObject.age, 'days, not the default weeks');
    assert.deepEqual(fitModel(lines, { asOf, base: document }).model, fitModel(lines, { asOf, base: model }).model);
  } finally {
    model.dispose();
  }
});

test('verifyShare takes keyPair.publicKey as it is; the vault reads grants and its ledger alike', async () => {
  const keyPair = await createKeyPair();
  const vault = Vault.fromJSON(venter);
  try {
    const recipient = { id: 'northwind', displayName: 'Northwind', origin: 'https://northwind.example' };
    const now = new Date('2026-11-02T00:00:00Z');
    await vault.grant({ recipient, claim: '/id', level: 'copied', purpose: 'x', expiresAt: '2027-01-01T00:00:00Z' }, { now });
    const { packet } = await vault.share(recipient, { keyPair, now });
    const verified = await verifyShare(packet, { publicKey: keyPair.publicKey, audience: 'northwind', now });
    assert.equal(verified.valid, true, JSON.stringify(verified.problems));
    assert.equal(verified.claims['/id'].value, vault.profileJSON().id);
    // `now` is the same time type as asOf.
    assert.equal((await verifyShare(packet, { publicKey: keyPair.publicKey, now: now.getTime() })).valid, true);
    await assert.rejects(verifyShare(packet, { publicKey: keyPair.privateKey }), (e) => e.code === 'E_SCHEMA' && e.path === '/publicKey');

    const ledger = vault.ledger();
    assert.ok(ledger instanceof Ledger, 'ledger() returns the ledger, not a promise');
    assert.ok(Array.isArray(vault.grants()));
    assert.deepEqual(ledger.list().map((e) => e.type), ['grant', 'share']);
    assert.equal((await ledger.verify()).valid, true);
  } finally {
    vault.dispose();
  }
});
