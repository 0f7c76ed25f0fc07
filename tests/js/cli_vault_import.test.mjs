// `selfcrm vault import VAULT SOURCE --from KIND`: per-item report, coded rejects with their line or
// path, a broken source leaves the vault file byte for byte as it was, and a second run changes nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const fixture = (name) => new URL(`../fixtures/import/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'selfcrm-cli-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const run = (args, input) => spawnSync(process.execPath, [cli, 'vault', ...args], { input, encoding: 'utf8' });

test('a vCard imports with a line per item; the same file again changes no byte', () => {
  const vault = join(dir, 'card.json');
  assert.equal(run(['create', vault, '--id', 'me']).status, 0);
  const first = run(['import', vault, fixture('rfc6350_example.vcf'), '--from', 'vcard']);
  assert.equal(first.status, 0, first.stderr);
  const lines = first.stdout.trim().split('\n');
  assert.ok(lines.includes('line 15\tadded\temail:simon.perreault@viagenie.ca\tadded'), first.stdout);
  assert.ok(lines.includes('line 17\tskipped E_UNSUPPORTED\t\tKEY: pictures, sounds and keys are not imported'), first.stdout);
  assert.match(first.stderr, /^15 items = 15 added \+ 0 merged \+ 0 replaced \+ 0 unchanged \+ 0 kept \+ 0 rejected; 5 parts left out, 0 rejected$/m);
  const doc = JSON.parse(readFileSync(vault, 'utf8'));
  assert.equal(doc.attributes.personal.name, 'Simon Perreault');
  assert.equal(doc.provenance.length, 15);
  assert.match(run(['journal', vault]).stdout, /vault\.import {2}vcard rfc6350_example\.vcf sha256:[0-9a-f]{12} {2}15 added/);

  const bytes = readFileSync(vault);
  const again = run(['import', vault, fixture('rfc6350_example.vcf'), '--from', 'vcard']);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stderr, /15 items = 0 added \+ 0 merged \+ 0 replaced \+ 15 unchanged/);
  assert.ok(readFileSync(vault).equals(bytes));
});

test('broken input: coded rejects with the line, exit 1, the vault file unchanged', () => {
  const vault = join(dir, 'broken.json');
  assert.equal(run(['create', vault, '--id', 'me']).status, 0);
  const bytes = readFileSync(vault);
  for (const [kind, name, expected] of [
    ['vcard', 'broken_no_colon.vcf', 'line 4\trejected E_PARSE\t\tno ":" between the property name and its value'],
    ['vcard', 'broken_truncated.vcf', 'line 1\trejected E_PARSE\t\tthe card begun here has no END:VCARD (the file is cut short?)'],
    ['jcard', 'broken_jcard.json', '$[1][2]\trejected E_SCHEMA\t\ta property is [name, {parameters}, "value type", value, …]'],
    ['oidc', 'oidc_broken.json', '$.email\trejected E_SCHEMA\t\temail must be a string'],
  ]) {
    const r = run(['import', vault, fixture(name), '--from', kind]);
    assert.equal(r.status, 1, `${name}: ${r.stderr}`);
    assert.ok(r.stderr.split('\n').includes(expected), r.stderr);
    assert.match(r.stderr, /the vault is unchanged/);
    assert.ok(readFileSync(vault).equals(bytes), name);
  }
  // --max-rejects lets the good part of a partly broken card in.
  const partly = run(['import', vault, fixture('broken_no_colon.vcf'), '--from', 'vcard', '--max-rejects', '1']);
  assert.equal(partly.status, 0, partly.stderr);
  assert.equal(JSON.parse(readFileSync(vault, 'utf8')).attributes.personal.name, 'Ann Lee');
});

test('usage: an unknown kind, a missing source, and options of other actions', () => {
  const vault = join(dir, 'usage.json');
  assert.equal(run(['create', vault]).status, 0);
  const unknown = run(['import', vault, fixture('rfc6350_example.vcf'), '--from', 'vcf']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /no importer for "vcf" \(vcard, jcard, oidc/);
  assert.equal(run(['import', vault, '--from', 'vcard']).status, 2);
  assert.equal(run(['show', vault, '--from', 'vcard']).status, 2);
  assert.equal(run(['import', vault, '--card', '2']).status, 2);
  const missing = run(['import', vault, join(dir, 'nope.vcf'), '--from', 'vcard']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /E_IO|cannot read/);
});

test('OpenID claims from stdin, and the second card of a file chosen with --card', () => {
  const vault = join(dir, 'claims.json');
  assert.equal(run(['create', vault, '--id', 'me']).status, 0);
  const claims = run(['import', vault, '-', '--from', 'oidc'], readFileSync(fixture('oidc_id_token_payload.json')));
  assert.equal(claims.status, 0, claims.stderr);
  const doc = JSON.parse(readFileSync(vault, 'utf8'));
  assert.equal(doc.identities.find((i) => i.kind === 'email').verified, true);
  assert.ok(doc.provenance.every((p) => p.file === 'stdin' && p.source === 'oidc'));
  const second = run(['import', vault, fixture('v21_quoted_printable.vcf'), '--from', 'vcard', '--card', '2']);
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /^line 1\tskipped E_CONFLICT\t\tcard 1 \("Jürgen Müller-Lüdenscheid"\) is not imported/m);
  // The claims gave a name already: the card's is kept out and said so.
  assert.match(second.stdout, /^line 17\tskipped E_CONFLICT\tpersonal\/name\tthe vault holds "Jane Doe"; the file says "Anna Schmidt"/m);
});
