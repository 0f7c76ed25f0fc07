// The files generated from core's field tables (scripts/gen-record-types.mjs) are current: each is
// regenerated and compared byte for byte with the one in the repository.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { generate, readTables } from '../../scripts/gen-record-types.mjs';

const repo = join(import.meta.dirname, '..', '..');

for (const [path, text] of Object.entries(generate(repo))) {
  test(`${path} is current (npm run gen:records)`, () => {
    assert.equal(readFileSync(join(repo, path), 'utf8'), text, `${path} differs from what the field tables give: run npm run gen:records`);
  });
}

test('the generator refuses a table line it cannot read or out of key order, and drops none', () => {
  const table = readFileSync(join(repo, 'core/include/selfcrm/detail/record_fields.hpp'), 'utf8');
  assert.throws(() => readTables(table.replace('F("amount", amount, Number, 0)', 'F(amount, amount, Number, 0)')),
    /cannot read field line/);
  // Every F("name", ...) line of a record's table is one of its fields: none dropped.
  for (const record of readTables(table).records) {
    const macro = new RegExp(`R\\(${record.type}, "\\w+", \\w+, (\\w+)\\)`).exec(table)[1];
    const lines = table.slice(table.indexOf(`#define ${macro}(F)`)).split('\n\n')[0];
    assert.deepEqual(record.fields.map((f) => f.name), [...lines.matchAll(/F\("(\w+)"/g)].map((m) => m[1]), record.type);
  }
  // A line out of key order would make the written document's keys unsorted.
  assert.throws(() => readTables(table.replace('F("amount", amount, Number, 0)', 'F("zamount", zamount, Number, 0)')),
    /SELFCRM_TRANSACTION_FIELDS lines are in key order: "at" goes before "zamount"/);
});

test('every record in the tables declares its C++ struct from its table (no hand-written copy)', () => {
  const tables = readTables(readFileSync(join(repo, 'core/include/selfcrm/detail/record_fields.hpp'), 'utf8'));
  const headers = ['core/include/selfcrm/profile.hpp', 'core/include/selfcrm/vault/vault_document.hpp']
    .map((p) => readFileSync(join(repo, p), 'utf8')).join('\n');
  const declared = [...headers.matchAll(/^SELFCRM_RECORD_STRUCT\((\w+), (\w+)\)$/gm)].map((m) => m[1]);
  assert.deepEqual([...declared].sort(), tables.records.map((r) => r.type).sort());
  for (const type of declared) assert.doesNotMatch(headers, new RegExp(`^struct ${type}\\b`, 'm'));
  assert.deepEqual(tables.decisions, ['same', 'never']);
});
