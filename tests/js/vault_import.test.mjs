// Importing what a customer already holds: vCard/jCard files and OpenID Connect claims, read into a
// batch and applied to the vault with their provenance. Fixtures in tests/fixtures/import/ are
// written by hand to RFC 6350, RFC 7095 and OpenID Connect Core (their own examples included).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';

import { ready, SelfCrmError, Vault } from 'selfcrm';
import { readImport, sha256Hex } from 'selfcrm/import';

before(() => ready());

const fixtures = new URL('../fixtures/import/', import.meta.url);
const bytesOf = (name) => new Uint8Array(readFileSync(new URL(name, fixtures)));
const read = (kind, name, options) => readImport(kind, new Blob([bytesOf(name)]), name, options);
const clock = () => Date.UTC(2024, 4, 1, 12, 0, 0);
const at = '2024-05-01T12:00:00Z';
const places = (batch) => [
  ...batch.rejects.map((p) => `reject ${p.path} ${p.code}`),
  ...batch.skipped.map((p) => `skip ${p.path} ${p.code}`),
];

async function imported(kind, name, options) {
  const batch = await read(kind, name, options);
  const v = Vault.create('me', { clock });
  const report = v.applyImport(batch);
  return { batch, v, report, doc: v.toJSON() };
}

const simonAttributes = {
  performance: {},
  personal: {
    birthMonthDay: '02-03', city: 'Quebec', country: 'Canada', familyName: 'Perreault', gender: 'male', givenName: 'Simon',
    honorificSuffix: 'ing. jr M.Sc.', name: 'Simon Perreault', region: 'QC',
  },
  preferential: { languages: ['fr', 'en'] },
  profile: { company: 'Viagenie', website: 'http://nomis80.org' },
};
const simonIdentities = [
  { addedAt: at, kind: 'email', normalized: 'simon.perreault@viagenie.ca', primary: false, value: 'simon.perreault@viagenie.ca', verified: false },
  { addedAt: at, kind: 'phone', normalized: '+14182626501', primary: false, value: '+1-418-262-6501', verified: false },
  // PREF=1 of the phones: primary, as no phone was.
  { addedAt: at, kind: 'phone', normalized: '+14186569254', primary: true, value: '+1-418-656-9254', verified: false },
];

test('RFC 6350\'s own example card: exact identities, attributes and provenance', async () => {
  const { batch, v, report, doc } = await imported('vcard', 'rfc6350_example.vcf');
  assert.deepEqual(batch.rejects, []);
  assert.deepEqual(doc.identities, simonIdentities);
  assert.deepEqual(doc.attributes, simonAttributes);
  assert.equal(report.added, 15);
  const sha256 = await sha256Hex(bytesOf('rfc6350_example.vcf'));
  assert.ok(doc.provenance.every((p) => p.sha256 === sha256 && p.file === 'rfc6350_example.vcf' && p.source === 'vcard' && p.importedAt === at));
  assert.deepEqual(doc.provenance.map((p) => `${p.item} @ ${p.path}`), [
    'email:simon.perreault@viagenie.ca @ line 15',
    'personal/birthMonthDay @ line 5',
    'personal/city @ line 11', // the ADR folded over lines 11–12
    'personal/country @ line 11',
    'personal/familyName @ line 4',
    'personal/gender @ line 7',
    'personal/givenName @ line 4',
    'personal/honorificSuffix @ line 4',
    'personal/name @ line 3',
    'personal/region @ line 11',
    'phone:+14182626501 @ line 14',
    'phone:+14186569254 @ line 13',
    'preferential/languages @ line 8',
    'profile/company @ line 10',
    'profile/website @ line 20',
  ]);
  assert.deepEqual(places(batch), ['skip line 2 E_UNSUPPORTED', 'skip line 6 E_UNSUPPORTED', 'skip line 16 E_UNSUPPORTED', 'skip line 17 E_UNSUPPORTED', 'skip line 19 E_UNSUPPORTED']);
  assert.deepEqual(v.provenance(), doc.provenance);
  // The journal says what came from where.
  const journal = v.journal();
  assert.ok(journal.some((e) => e.op === 'attribute.set' && e.target === 'personal/name' && e.detail === 'set to "Simon Perreault" (vcard rfc6350_example.vcf line 3)'));
  assert.ok(journal.some((e) => e.op === 'vault.import' && e.target === `vcard rfc6350_example.vcf sha256:${sha256.slice(0, 12)}`));
  v.dispose();
});

test('RFC 7095\'s jCard of the same card gives the same vault, with JSON paths', async () => {
  const { batch, v, doc } = await imported('jcard', 'rfc7095_example.json');
  assert.deepEqual(batch.rejects, []);
  assert.deepEqual(doc.identities, simonIdentities);
  assert.deepEqual(doc.attributes, simonAttributes);
  assert.equal(doc.provenance.find((p) => p.item === 'email:simon.perreault@viagenie.ca').path, '$[1][12]');
  v.dispose();
});

test('vCard 2.1: quoted-printable in ISO-8859-1 and UTF-8 with a soft break; the other card is reported', async () => {
  const { batch, v, doc } = await imported('vcard', 'v21_quoted_printable.vcf');
  assert.deepEqual(doc.attributes.personal, { familyName: 'Müller', givenName: 'Jürgen', name: 'Jürgen Müller-Lüdenscheid' });
  assert.deepEqual(doc.identities.map((i) => [i.kind, i.normalized, i.primary]), [
    ['email', 'jm@work.example', false],
    ['email', 'juergen@example.de', true], // TYPE=PREF (2.1/3.0)
    ['phone', '+491701234567', true],
  ]);
  assert.deepEqual(places(batch), ['skip line 10 E_UNSUPPORTED', 'skip line 2 E_UNSUPPORTED', 'skip line 9 E_UNSUPPORTED', 'skip line 14 E_CONFLICT']);
  assert.match(batch.skipped.at(-1).message, /card 2 \("Anna Schmidt"\) is not imported: only the customer's own card is/);
  // The second card when asked for it: the customer's own is then that one.
  const second = await read('vcard', 'v21_quoted_printable.vcf', { card: 2 });
  assert.deepEqual(second.attributes.map((a) => `${a.name}=${a.value}`).sort(), ['familyName=Schmidt', 'givenName=Anna', 'name=Anna Schmidt']);
  assert.equal((await read('vcard', 'v21_quoted_printable.vcf', { card: 3 })).rejects[0].code, 'E_RANGE');
  v.dispose();
});

test('vCard 2.1 base64: a text value decoded in its CHARSET, a photo running over unindented lines left out', async () => {
  const batch = await read('vcard', 'v21_base64_unindented.vcf');
  assert.deepEqual(batch.rejects, []);
  assert.deepEqual(batch.attributes.map((a) => [a.name, a.value, a.provenance.path]), [['name', 'Ana María Núñez', 'line 3']]);
  assert.deepEqual(batch.identities.map((i) => [i.value, i.provenance.path]), [['ana@example.es', 'line 7']]);
  assert.deepEqual(places(batch), ['skip line 4 E_UNSUPPORTED', 'skip line 2 E_UNSUPPORTED']);
});

test('vCard 3.0 as an iPhone writes it: base64 text, groups and labels, social profiles, TYPE=pref', async () => {
  const { batch, v, doc } = await imported('vcard', 'v30_apple.vcf');
  assert.deepEqual(batch.rejects, []);
  assert.equal(doc.attributes.personal.name, 'Åsa Øyvind-Lee'); // FN;ENCODING=b;CHARSET=UTF-8
  assert.deepEqual(doc.attributes.profile, { company: 'Fjord Analytics AS', department: 'Data', job: 'Lead analyst', role: 'Manager', website: 'https://mastodon.example/@asa' });
  assert.deepEqual(doc.attributes.personal.birthDate, { date: '1988-06-21T00:00:00Z' }); // a date attribute is an instant
  assert.equal(doc.attributes.personal.city, 'Tromsø');
  assert.deepEqual(doc.identities.map((i) => `${i.kind}${i.network ? `/${i.network}` : ''}:${i.normalized}${i.primary ? ' (primary)' : ''}`), [
    'email:asa.lee@fjord.example',
    'email:asa@example.no (primary)',
    'instagram:asa.lee',
    'linkedin:asa-lee',
    'other/github:asalee',
    'other/skype:asa.lee (primary)',
    'phone:+4791234567 (primary)',
    'twitter:asa_lee (primary)',
  ]);
  v.dispose();
});

test('vCard 4.0: ALTID alternatives and PREF choose one value, and every other is reported', async () => {
  const { batch, v, doc } = await imported('vcard', 'v40_altid_pref.vcf');
  assert.equal(doc.attributes.personal.name, 'ヤマダ タロウ');
  assert.equal(doc.attributes.profile.job, 'Chief Engineer');
  assert.deepEqual(doc.attributes.preferential.languages, ['ja', 'en']);
  assert.equal(doc.attributes.personal.birthYear, 1979);
  assert.equal(doc.identities.find((i) => i.primary).normalized, 'taro.yamada@corp.example');
  assert.deepEqual(batch.skipped.filter((s) => s.code === 'E_CONFLICT').map((s) => s.message), [
    'FN: another representation (ALTID=1) of line 4',
    'N: another representation (ALTID=1) of line 6',
    'TITLE: another value for profile/job; the vault keeps the preferred one (line 11)',
  ]);
  v.dispose();
});

test('broken files: a coded reject at the line or JSON path a person would fix', async () => {
  const cases = [
    ['vcard', 'broken_no_colon.vcf', 'line 4', 'E_PARSE', /no ":"/],
    ['vcard', 'broken_truncated.vcf', 'line 1', 'E_PARSE', /no END:VCARD/],
    ['vcard', 'broken_quoted_printable.vcf', 'line 3', 'E_PARSE', /quoted-printable/],
    ['jcard', 'broken_jcard.json', '$[1][2]', 'E_SCHEMA', /a property is/],
    ['jcard', 'rfc6350_example.vcf', '$', 'E_PARSE', /not JSON/],
    ['vcard', 'oidc_broken.json', 'line 1', 'E_PARSE', /outside BEGIN:VCARD/],
    ['vcard', 'empty.vcf', 'line 1', 'E_EMPTY', /not a vCard/],
    ['oidc', 'oidc_broken.json', '$.email', 'E_SCHEMA', /must be a string/],
  ];
  for (const [kind, name, path, code, message] of cases) {
    const batch = await read(kind, name);
    const reject = batch.rejects[0];
    assert.ok(reject, `${name} as ${kind}: no reject`);
    assert.deepEqual([reject.path, reject.code], [path, code], `${name} as ${kind}`);
    assert.match(reject.message, message);
  }
  const latin1 = new Uint8Array([...new TextEncoder().encode('BEGIN:VCARD\r\nVERSION:3.0\r\n'), ...[0x46, 0x4e, 0x3a, 0x4d, 0xfc], 0x0d, 0x0a]);
  const batch = await readImport('vcard', new Blob([latin1]), 'latin1.vcf');
  assert.deepEqual([batch.rejects[0].path, batch.rejects[0].code], ['line 3', 'E_PARSE']);
  assert.throws(() => readImport('vcf', new Blob([]), 'x'), (e) => e instanceof SelfCrmError && e.code === 'E_UNSUPPORTED' && /vcard, jcard, oidc/.test(e.message));
});

test('importing the same file twice changes nothing: the document is byte for byte the same', async () => {
  const v = Vault.create('me', { clock });
  v.applyImport(await read('vcard', 'v30_apple.vcf'));
  const once = v.toString();
  const later = Vault.fromJSON(once, { clock: () => clock() + 86_400_000 });
  const again = later.applyImport(await read('vcard', 'v30_apple.vcf'));
  assert.equal(again.unchanged, again.items.length);
  assert.equal(again.added + again.merged + again.replaced, 0);
  assert.equal(later.toString(), once);
  v.dispose();
  later.dispose();
});

test('provenance is kept through a vault merge, from either side', async () => {
  const phone = Vault.create('me', { clock });
  const laptop = Vault.create('me', { clock: () => clock() + 60_000 });
  phone.applyImport(await read('vcard', 'rfc6350_example.vcf'));
  laptop.applyImport(await read('jcard', 'rfc7095_example.json'));
  const a = Vault.fromJSON(phone.toString());
  a.merge(laptop);
  const b = Vault.fromJSON(laptop.toString());
  b.merge(phone);
  assert.deepEqual(a.provenance(), b.provenance());
  assert.equal(a.provenance().length, phone.provenance().length + laptop.provenance().length);
  assert.deepEqual(new Set(a.provenance().map((p) => p.source)), new Set(['vcard', 'jcard']));
  for (const v of [phone, laptop, a, b]) v.dispose();
});

test('an attribute the customer set is kept unless the import is told to replace it', async () => {
  const v = Vault.create('me', { clock });
  v.setAttribute('personal', 'name', 'Simon P.');
  const batch = await read('vcard', 'rfc6350_example.vcf');
  const kept = v.applyImport(batch);
  const item = kept.items.find((i) => i.item === 'personal/name');
  assert.deepEqual([item.outcome, item.code, item.path], ['skipped', 'E_CONFLICT', 'line 3']);
  assert.equal(v.toJSON().attributes.personal.name, 'Simon P.');
  assert.equal(v.applyImport(batch, { replace: true }).replaced, 1);
  assert.equal(v.toJSON().attributes.personal.name, 'Simon Perreault');
  assert.throws(() => v.applyImport({ identities: 'x' }), (e) => e.code === 'E_SCHEMA' && e.path === '/identities');
  v.dispose();
});

test('OpenID Connect: the Core §5.3.2 UserInfo example, and an ID token payload with every claim the vault takes', async () => {
  const userinfo = await imported('oidc', 'oidc_core_userinfo.json');
  assert.deepEqual(userinfo.doc.attributes.personal, { familyName: 'Doe', givenName: 'Jane', name: 'Jane Doe' });
  assert.deepEqual(userinfo.doc.identities.map((i) => `${i.kind}${i.network ? `/${i.network}` : ''}:${i.normalized}`), ['email:janedoe@example.com', 'other/openid:j.doe']);
  assert.deepEqual(places(userinfo.batch), ['skip $.sub E_UNSUPPORTED', 'skip $.picture E_UNSUPPORTED']);

  const token = await imported('oidc', 'oidc_id_token_payload.json');
  const { doc } = token;
  assert.deepEqual(doc.identities.map((i) => [`${i.kind}${i.network ? `/${i.network}` : ''}:${i.normalized}`, i.verified]), [
    ['email:jane.doe@example.com', true], // email_verified
    ['linkedin:jane-doe-42', false], // the profile claim
    ['other/accounts.example.com:jdoe', false], // preferred_username, at the issuer
    ['phone:+14255551212', false], // phone_number_verified: false
  ]);
  assert.deepEqual(doc.attributes.personal, {
    birthMonthDay: '03-22', // 0000-03-22: the year withheld
    city: 'Los Angeles', country: 'USA', familyName: 'Doe', givenName: 'Jane', locale: 'fr-CA', name: 'Jane Doe', region: 'CA', timeZone: 'America/Montreal',
  });
  assert.deepEqual(doc.attributes.profile, { website: 'https://jane.example.org' });
  assert.equal(doc.provenance.find((p) => p.item === 'personal/city').path, '$.address.locality');

  // The compact ID token itself reads as its payload.
  const b64url = (s) => Buffer.from(s).toString('base64url');
  const jwt = `${b64url('{"alg":"RS256"}')}.${b64url(readFileSync(new URL('oidc_id_token_payload.json', fixtures)))}.c2ln`;
  const fromJwt = await readImport('oidc', new Blob([jwt]), 'id_token.jwt');
  assert.deepEqual(fromJwt.identities.map((i) => [i.value, i.verified === true]), token.batch.identities.map((i) => [i.value, i.verified === true]));
  assert.deepEqual(fromJwt.attributes.map((a) => a.value), token.batch.attributes.map((a) => a.value));

  const birthYear = await readImport('oidc', new Blob(['{"birthdate": "1980"}']), 'c.json');
  assert.deepEqual(birthYear.attributes.map((a) => [a.name, a.value]), [['birthYear', 1980]]);
  const broken = await read('oidc', 'oidc_broken.json');
  assert.deepEqual(broken.rejects.map((r) => `${r.path} ${r.code}`), ['$.email E_SCHEMA', '$.email_verified E_SCHEMA', '$.birthdate E_RANGE']);
  userinfo.v.dispose();
  token.v.dispose();
});

test('mangled files never throw: every problem comes back coded, and what is read applies', async () => {
  // A seeded generator: the same mutations on every run.
  let seed = 20;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const sources = [['vcard', 'rfc6350_example.vcf'], ['vcard', 'v21_quoted_printable.vcf'], ['vcard', 'v30_apple.vcf'], ['jcard', 'rfc7095_example.json'], ['oidc', 'oidc_id_token_payload.json']];
  const alphabet = [0x3a, 0x3b, 0x3d, 0x22, 0x0d, 0x0a, 0x20, 0x5c, 0x2c, 0xc3, 0xff, 0x5b, 0x7b, 0x7d];
  let problems = 0;
  for (let round = 0; round < 300; ++round) {
    const [kind, name] = sources[round % sources.length];
    const bytes = bytesOf(name);
    for (let k = 1 + Math.floor(next() * 4); k > 0; --k) bytes[Math.floor(next() * bytes.length)] = alphabet[Math.floor(next() * alphabet.length)];
    const batch = await readImport(kind, new Blob([bytes]), name);
    for (const p of [...batch.rejects, ...batch.skipped]) {
      assert.match(p.code, /^E_[A-Z_]+$/);
      assert.equal(typeof p.path, 'string');
      assert.ok(p.message.length > 0);
    }
    problems += batch.rejects.length;
    const v = Vault.create('me', { clock });
    const report = v.applyImport(batch);
    assert.equal(report.items.length, batch.identities.length + batch.attributes.length);
    v.dispose();
  }
  assert.ok(problems > 50, `the mutations should break files (${problems} rejects)`);
});
