#!/usr/bin/env node
// Writes the vault's JSON Schema and the TypeScript record types from the field tables in
// core/include/selfcrm/detail/record_fields.hpp, so a record field is spelled once (in C++) and everything a
// consumer of the package reads about it is generated. tests/js/generated_files.test.mjs runs this
// into a temporary folder and compares, so a stale file fails the tests.
// Usage: node scripts/gen-record-types.mjs [OUTPUT_ROOT]   (default: the repository)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const TABLE = 'core/include/selfcrm/detail/record_fields.hpp';
export const OUTPUTS = { schema: 'web/schema/vault.schema.json', types: 'web/src/vault/record_types.ts' };

/** The bodies of every `#define NAME(ARG) …` in the table file, as lists of lines. */
function macros(text) {
  const out = new Map();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; ++i) {
    const head = /^#define (SELFCRM_\w+)\((\w)\)/.exec(lines[i]);
    if (!head) continue;
    const body = [];
    while (lines[i].trimEnd().endsWith('\\')) body.push(lines[++i].replace(/\\\s*$/, '').trim());
    out.set(head[1], body.filter((l) => l !== ''));
  }
  return out;
}

function parseCall(line, letter, pattern, what) {
  const m = new RegExp(`^${letter}\\(${pattern}\\)$`).exec(line);
  if (!m) throw new Error(`gen-record-types: ${TABLE}: cannot read ${what} line: ${line}`);
  return m.slice(1);
}

const literal = (text) => JSON.parse(text); // "", 0, 2, false, "customer-to-business": all JSON too

export function readTables(text) {
  const defs = macros(text);
  const body = (name) => {
    const b = defs.get(name);
    if (!b) throw new Error(`gen-record-types: ${TABLE} defines no ${name}`);
    return b;
  };
  const names = (macro) => body(macro).map((l) => literal(parseCall(l, 'E', '\\w+, ("[^"]*")', 'enumeration')[0]));
  const records = body('SELFCRM_RECORD_TABLES').map((l) => {
    const [type, label, tsName, macro] = parseCall(l, 'R', '(\\w+), "(\\w+)", (\\w+), (\\w+)', 'record');
    const fields = body(macro).map((line) => {
      const [, f, doc] = /^(.*?)\s*(?:\/\*\s*(.*?)\s*\*\/)?$/.exec(line);
      const [name, member, kind, fallback] = parseCall(f, 'F', '"(\\w+)", (\\w+), (\\w+), (.+)', 'field');
      if (name !== member) throw new Error(`gen-record-types: ${type}.${member} is written "${name}"`);
      return { name, kind, fallback: literal(fallback), doc };
    });
    // The text writer follows the table and documents have sorted keys (the table's header says why).
    fields.forEach((f, i) => {
      if (i > 0 && fields[i - 1].name >= f.name) {
        throw new Error(`gen-record-types: ${TABLE}: ${macro} lines are in key order: "${f.name}" goes before "${fields[i - 1].name}"`);
      }
    });
    return { type, label, tsName, fields };
  });
  return {
    records,
    identityKinds: names('SELFCRM_IDENTITY_KIND_NAMES'),
    directions: names('SELFCRM_DIRECTION_NAMES'),
    decisions: names('SELFCRM_DECISION_NAMES'),
  };
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** What each kind of field is in JSON Schema and TypeScript (its C++ meaning: records_json.cpp). */
function kinds({ identityKinds, directions, decisions }) {
  const string = { type: 'string' };
  return {
    String: { schema: string, ts: 'string' },
    RequiredString: { required: true, schema: string, ts: 'string' },
    Time: { required: true, schema: { $ref: '#/definitions/instant' }, ts: 'string' },
    Number: { schema: { type: 'number' }, ts: 'number' },
    Bool: { schema: { type: 'boolean' }, ts: 'boolean' },
    Count: { schema: { type: 'integer', minimum: 0, maximum: MAX_SAFE }, ts: 'number' },
    Positive: { schema: { type: 'integer', minimum: 1, maximum: MAX_SAFE }, ts: 'number' },
    NpsScore: { required: true, schema: { type: 'integer', minimum: 0, maximum: 10 }, ts: 'number' },
    Network: { required: true, schema: { type: 'string', minLength: 1 }, ts: 'string' },
    Direction: { schema: { enum: directions }, ts: 'Direction' },
    IdentityKindName: { required: true, schema: { enum: identityKinds }, ts: 'IdentityKind' },
    Identifier: { required: true, schema: { type: 'string', minLength: 1 }, ts: 'string' },
    Normalized: { schema: string, ts: 'string' },
    Sha256: { required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' }, ts: 'string' },
    DecisionName: { required: true, schema: { enum: decisions }, ts: 'Decision' },
    NamedNetwork: {
      absentWhenEmpty: true,
      schema: { type: 'string', description: 'Required (non-empty) for forum and other; absent otherwise.' },
      ts: 'string',
      doc: 'For `forum` and `other`: which one. Absent for the other kinds.',
    },
  };
}

function kindOf(table, field, record) {
  const k = table[field.kind];
  if (!k) throw new Error(`gen-record-types: ${record.type}.${field.name} has an unknown kind ${field.kind}`);
  return k;
}

function recordSchema(record, table) {
  const properties = {};
  const required = [];
  let namedNetwork = null;
  for (const f of record.fields) {
    const k = kindOf(table, f, record);
    properties[f.name] = k.required ? { ...k.schema } : { ...k.schema, default: f.fallback };
    if (k.absentWhenEmpty) delete properties[f.name].default;
    if (k.required) required.push(f.name);
    if (f.kind === 'NamedNetwork') namedNetwork = f.name;
  }
  const out = { type: 'object', required, additionalProperties: false, properties };
  if (namedNetwork) {
    // The kinds that name their network: forum and other (see readIdentity).
    out.if = { properties: { kind: { enum: ['forum', 'other'] } } };
    out.then = { required: [namedNetwork], properties: { [namedNetwork]: { type: 'string', minLength: 1 } } };
    out.else = { not: { required: [namedNetwork] } };
  }
  return out;
}

export function schemaOf(tables) {
  const table = kinds(tables);
  const byLabel = Object.fromEntries(tables.records.map((r) => [r.label, recordSchema(r, table)]));
  const list = (label) => ({ type: 'array', items: { $ref: `#/definitions/${label}` } });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://selfcrm.invalid/schema/vault-1.json',
    title: 'SelfCRM vault document, schema version 1',
    description:
      'One customer\'s identities, Four-Ps attributes, history and change journal. Instants are ISO-8601 strings ' +
      '(YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)), years 1000–9999. The engine checks more than this ' +
      'schema can (calendar validity, identifier normalisation, unique ids). Generated from ' + TABLE + '.',
    type: 'object',
    required: ['schemaVersion'],
    additionalProperties: false,
    properties: {
      schemaVersion: { const: 1 },
      id: { type: 'string' },
      identities: list('identity'),
      attributes: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(
          ['personal', 'profile', 'preferential', 'performance'].map((c) => [c, { $ref: '#/definitions/attributeMap' }])),
      },
      history: {
        type: 'object',
        additionalProperties: false,
        properties: {
          transactions: list('transaction'),
          interactions: list('interaction'),
          surveys: list('survey'),
          referrals: list('referral'),
          reach: list('reach'),
        },
      },
      journal: list('journalEntry'),
      provenance: {
        description: 'Where imported identities and attributes came from: one entry per item and source, keyed by (item, sha256, path).',
        ...list('provenanceEntry'),
      },
      identityDecisions: {
        description: 'The customer\'s "same person" / "never merge" answers about two identities (labels, a < b), one per pair.',
        ...list('identityDecision'),
      },
      grants: { description: 'Reserved for disclosure grants.', type: 'array', items: { type: 'object' } },
      ledger: { description: 'Reserved for the disclosure ledger.', type: 'array', items: { type: 'object' } },
    },
    definitions: {
      instant: {
        type: 'string',
        pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$',
      },
      attributeMap: {
        type: 'object',
        propertyNames: { minLength: 1 },
        additionalProperties: {
          oneOf: [
            { type: 'string' },
            { type: 'number' },
            { type: 'boolean' },
            { type: 'array', items: { type: 'string' } },
            {
              type: 'object', required: ['date'], additionalProperties: false,
              properties: { date: { $ref: '#/definitions/instant' } },
            },
          ],
        },
      },
      ...byLabel,
    },
  };
}

export function typesOf(tables) {
  const table = kinds(tables);
  const union = (values) => values.map((v) => `'${v}'`).join(' | ');
  const out = [
    `// GENERATED by scripts/gen-record-types.mjs from ${TABLE}: do not edit.`,
    '// Regenerate with `npm run gen:records`; tests/js/generated_files.test.mjs checks it is current.',
    '// Records as the engine writes them (every field present; defaults in web/schema/vault.schema.json).',
    '',
    `export type IdentityKind = ${union(tables.identityKinds)};`,
    `export type Direction = ${union(tables.directions)};`,
    `export type Decision = ${union(tables.decisions)};`,
  ];
  for (const record of tables.records) {
    out.push('', `export interface ${record.tsName} {`);
    for (const f of record.fields) {
      const k = kindOf(table, f, record);
      const doc = [f.doc, k.doc].filter(Boolean).map((d) => d.replace(/[.]?$/, '.')).join(' ');
      if (doc) out.push(`  /** ${doc} */`);
      out.push(`  ${f.name}${k.absentWhenEmpty ? '?' : ''}: ${k.ts};`);
    }
    out.push('}');
  }
  return `${out.join('\n')}\n`;
}

/** The generated files' text, by repository path. */
export function generate(root = repo) {
  const tables = readTables(readFileSync(join(root, TABLE), 'utf8'));
  return {
    [OUTPUTS.schema]: `${JSON.stringify(schemaOf(tables), null, 2)}\n`,
    [OUTPUTS.types]: typesOf(tables),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outRoot = process.argv[2] ?? repo;
  for (const [path, text] of Object.entries(generate(repo))) {
    mkdirSync(dirname(join(outRoot, path)), { recursive: true });
    writeFileSync(join(outRoot, path), text);
  }
}
