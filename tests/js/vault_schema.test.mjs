// The JSON Schema shipped in the package accepts what the engine writes and refuses malformed documents.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { before, test } from 'node:test';

import { ready, Vault } from 'selfcrm';

const require = createRequire(import.meta.url);
const Ajv = require('ajv');
// Through the package's own export map, as a consumer would reach it.
const schema = JSON.parse(readFileSync(require.resolve('selfcrm/schema/vault.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

before(() => ready());

function full() {
  const v = Vault.create('s', { clock: () => Date.UTC(2024, 0, 1) });
  try {
    v.addIdentity({ kind: 'email', value: 'Ann@Example.com', verified: true });
    v.addIdentity({ kind: 'other', network: 'Matrix', value: '@ann:example.org' });
    v.setAttribute('personal', 'born', new Date(Date.UTC(1984, 5, 1)));
    v.setAttribute('profile', 'tags', ['a']);
    v.addTransaction({ at: '2024-01-02', amount: 3.5 });
    v.addInteraction({ at: '2024-01-03', direction: 'business-to-customer' });
    v.addSurveyAnswer({ at: '2024-01-04', score: 7 });
    v.addReferral({ at: '2024-01-05', referredCustomerId: 'c2' });
    v.addReach({ network: 'x', at: '2024-01-06', followers: 3 });
    return v.toJSON();
  } finally {
    v.dispose();
  }
}

test('the schema is exported by the package and accepts an exported vault', () => {
  const doc = full();
  assert.ok(validate(doc), JSON.stringify(validate.errors));
  assert.ok(validate({ schemaVersion: 1 }));
});

test('the schema refuses malformed documents', () => {
  const bad = [
    { schemaVersion: 2 },
    {},
    { schemaVersion: 1, extra: true },
    { ...full(), identities: [{ kind: 'fax', value: '1', addedAt: '2024-01-01' }] },
    { ...full(), identities: [{ kind: 'forum', value: 'x', addedAt: '2024-01-01' }] },
    { ...full(), identities: [{ kind: 'email', network: 'x', value: 'a@b.c', addedAt: '2024-01-01' }] },
    { ...full(), history: { surveys: [{ at: '2024-01-01', score: 11 }] } },
    { ...full(), history: { transactions: [{ at: 'yesterday' }] } },
    { ...full(), attributes: { personal: { x: null } } },
    { ...full(), journal: [{ op: 'x' }] },
  ];
  for (const doc of bad) assert.equal(validate(doc), false, JSON.stringify(doc).slice(0, 120));
});
