// Vault documents written before the provenance and decision records moved to the field tables
// (tests/data/vault/written-by-main-1d831c3.json, written by the package at that commit) read and
// write back byte for byte, and still match the generated schema.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { before, test } from 'node:test';

import { ready, Vault } from 'selfcrm';

const require = createRequire(import.meta.url);
const Ajv = require('ajv');
const text = readFileSync(new URL('../data/vault/written-by-main-1d831c3.json', import.meta.url), 'utf8');

before(() => ready());

test('an older document with provenance and decisions writes back byte for byte', () => {
  for (const input of [text, JSON.parse(text)]) {
    const v = Vault.fromJSON(input);
    try {
      assert.equal(v.toString(), text);
      assert.equal(v.provenance().length, 5);
      assert.deepEqual(v.identityDecisions().map((d) => d.decision), ['never', 'same']);
    } finally {
      v.dispose();
    }
  }
});

test('the generated schema accepts it, and refuses a decision or digest the engine refuses', () => {
  const schema = JSON.parse(readFileSync(require.resolve('selfcrm/schema/vault.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const doc = JSON.parse(text);
  assert.ok(validate(doc), JSON.stringify(validate.errors));
  const badDecision = structuredClone(doc);
  badDecision.identityDecisions[0].decision = 'maybe';
  assert.equal(validate(badDecision), false);
  assert.throws(() => Vault.fromJSON(badDecision), { code: 'E_RANGE', path: '/identityDecisions/0/decision' });
  const badDigest = structuredClone(doc);
  badDigest.provenance[0].sha256 = 'ABC';
  assert.equal(validate(badDigest), false);
  assert.throws(() => Vault.fromJSON(badDigest), { code: 'E_RANGE', path: '/provenance/0/sha256' });
});
