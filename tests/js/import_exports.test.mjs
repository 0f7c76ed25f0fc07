// Platform exports read into an ImportBatch: a Google Contacts CSV (the owner's row proposed,
// other people's rows skipped with their line) and a Facebook "Download your information"
// profile (mojibake repaired only where the bytes are UTF-8), bare or inside the ZIP the person
// downloads. Fixtures are written here by hand to the formats' published shapes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, test } from 'node:test';

import { strToU8, zipSync } from 'fflate';
import { ready, SelfCrmError, Vault } from 'selfcrm';
import { readExport, repairMojibake } from 'selfcrm/import';

before(() => ready());

const importedAt = '2026-12-07T01:00:00.000Z';
const owner = [{ kind: 'email', value: 'ann.lee@gmail.com' }, { kind: 'phone', value: '+44 20 7946 0018' }];
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');

// Google CSV as contacts.google.com exports it today (a subset of its columns, in its order).
const header = 'First Name,Middle Name,Last Name,Nickname,Organization Name,Organization Title,Birthday,Notes,Labels,' +
  'E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - City,Address 1 - Country';
const googleCsv = '\ufeff' + [
  header,
  'Bob,,Stone,,,,,,* myContacts,* Home,bob@example.org,,,Mobile,+1 555 0100 1234,,',
  'Ann,,Lee,,Acme Ltd,Buyer,1990-02-03,"Met at the fair,\r\nsecond line",* myContacts,* Home,annlee+shop@gmail.com ::: ann@work.example,,,Mobile,020 7946 0018,London,United Kingdom',
  'Cara,,Diaz,,,,--05-06,,* myContacts,,cara@example.org,,,,,,',
].join('\r\n') + '\r\n';

function expectCoded(promise, code, path) {
  return assert.rejects(promise, (e) => {
    assert.ok(e instanceof SelfCrmError, String(e));
    assert.equal(e.code, code, e.message);
    assert.equal(e.path, path, e.message);
    return true;
  });
}

test('Google CSV: the owner\'s row is proposed, other people\'s are skipped with their line', async () => {
  const bytes = strToU8(googleCsv);
  const batch = await readExport(bytes, { file: 'contacts.csv', owner, importedAt });
  const prov = (path) => ({ source: 'google-contacts-csv', file: 'contacts.csv', sha256: sha(bytes), path, importedAt });
  const row = 'line 3';
  assert.equal(batch.source, 'google-contacts-csv');
  assert.deepEqual(batch.identities, [
    { kind: 'email', value: 'annlee+shop@gmail.com', record: row, provenance: prov(`${row} "E-mail 1 - Value"`) },
    { kind: 'email', value: 'ann@work.example', record: row, provenance: prov(`${row} "E-mail 1 - Value"`) },
  ]);
  assert.deepEqual(batch.attributes.map((a) => [a.category, a.name, a.value, a.provenance.path]), [
    ['personal', 'name', 'Ann Lee', `${row} "First Name"`],
    ['personal', 'givenName', 'Ann', `${row} "First Name"`],
    ['personal', 'familyName', 'Lee', `${row} "Last Name"`],
    ['profile', 'company', 'Acme Ltd', `${row} "Organization Name"`],
    ['profile', 'job', 'Buyer', `${row} "Organization Title"`],
    ['personal', 'city', 'London', `${row} "Address 1 - City"`],
    ['personal', 'country', 'United Kingdom', `${row} "Address 1 - Country"`],
    ['personal', 'birthDate', { date: '1990-02-03' }, `${row} "Birthday"`],
    ['personal', 'birthYear', 1990, `${row} "Birthday"`],
  ]);
  assert.deepEqual(batch.rejects, []);
  assert.deepEqual(batch.skipped.map((s) => [s.code, s.path]), [
    ['E_NOT_FOUND', 'line 2'],
    ['E_RANGE', 'line 3 "Phone 1 - Value"'],
    ['E_NOT_FOUND', 'line 5'],
  ]);
  assert.match(batch.skipped[1].message, /country code/);
  // The same file read again gives the same batch.
  assert.deepEqual(await readExport(bytes, { file: 'contacts.csv', owner, importedAt }), batch);
});

test('Google CSV: the older layout (Name, Given Name, E-mail 1 - Type) and a decision of the customer', async () => {
  const csv = 'Name,Given Name,Family Name,Birthday,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value\n' +
    'Ann Lee,Ann,Lee,,* myContacts,* Other,a.l@example.org,Mobile,0044 20 7946 0018\n' +
    'Ann Lee,Ann,Lee,,* myContacts,* Other,ann.old@example.org,,\n';
  const batch = await readExport(strToU8(csv), {
    file: 'google.csv', owner, importedAt,
    decisions: [{ a: 'email:ann.old@example.org', b: 'email:ann.lee@gmail.com', decision: 'same' }],
  });
  assert.deepEqual(batch.identities.map((i) => [i.kind, i.value, i.provenance.path]), [
    ['email', 'a.l@example.org', 'line 2 "E-mail 1 - Value"'],
    ['phone', '0044 20 7946 0018', 'line 2 "Phone 1 - Value"'],
    ['email', 'ann.old@example.org', 'line 3 "E-mail 1 - Value"'],
  ]);
  assert.equal(batch.attributes[0].value, 'Ann Lee');
});

test('Google CSV: broken input is a coded error with the line; a short row is a reject', async () => {
  const file = { file: 'c.csv', owner, importedAt };
  await expectCoded(readExport(strToU8(`${header}\nAnn,,"Lee\n`), file), 'E_PARSE', 'line 2');
  await expectCoded(readExport(strToU8(`${header}\nAnn,,Le"e,,,,,,,,x@y.z,,,,,,\n`), file), 'E_PARSE', 'line 2');
  await expectCoded(readExport(strToU8(`${header}\n"Ann"x,,Lee,,,,,,,,x@y.z,,,,,,\n`), file), 'E_PARSE', 'line 2');
  await expectCoded(readExport(strToU8('Name,Email\nAnn,ann@x.org\n'), file), 'E_SCHEMA', 'line 1');
  await expectCoded(readExport(Uint8Array.of(...strToU8(`${header}\nAnn,`), 0xff, 0x0a), file), 'E_PARSE', 'line 1');
  // Inside a ZIP the path names the member too.
  await expectCoded(readExport(zipSync({ 'Takeout/Contacts/contacts.csv': strToU8(`${header}\nAnn,,"Lee\n`) }), file), 'E_PARSE', 'Takeout/Contacts/contacts.csv line 2');
  const short = await readExport(strToU8(`${header}\nAnn,,Lee\n`), file);
  assert.deepEqual(short.rejects.map((r) => [r.code, r.path]), [['E_SCHEMA', 'line 2']]);
});

// profile_information.json as Facebook writes it: UTF-8 bytes escaped one by one (\u00c3\u00a9 = é).
const profileJson = `{
  "profile_v2": {
    "name": {"full_name": "Ren\\u00c3\\u00a9e Lee", "first_name": "Ren\\u00c3\\u00a9e", "middle_name": "", "last_name": "Lee"},
    "emails": {"emails": ["ann.lee@gmail.com", "renee@example.org"], "previous_emails": ["old@example.org"], "pending_emails": [], "ad_account_emails": []},
    "birthday": {"year": 1990, "month": 2, "day": 3},
    "gender": {"gender_option": "FEMALE", "pronoun": "SHE"},
    "current_city": {"name": "Z\\u00c3\\u00bcrich", "timestamp": 1500000000},
    "hometown": {"name": "Andr\\u00e9 Town", "timestamp": 1500000000},
    "phone_numbers": [{"phone_type": "Mobile", "phone_number": "+44 20 7946 0018", "verified": true}],
    "username": "renee.lee.photos",
    "profile_uri": "https://www.facebook.com/renee.lee.photos"
  }
}`;
const member = 'personal_information/profile_information/profile_information.json';

test('mojibake is repaired only where the bytes form UTF-8', () => {
  assert.equal(repairMojibake('Ren\u00c3\u00a9e Z\u00c3\u00bcrich \u00c5\u00be'), 'Renée Zürich ž');
  // A lone é (0xE9) or "Ã" followed by a space are not UTF-8: genuine Latin-1 text is kept.
  assert.equal(repairMojibake('Andr\u00e9 \u00c3 x'), 'Andr\u00e9 \u00c3 x');
  assert.equal(repairMojibake('日本 ok'), '日本 ok');
});

test('Facebook DYI archive: the profile is read from the ZIP, everything else skipped by folder', async () => {
  const zip = zipSync({
    [member]: strToU8(profileJson),
    'connections/friends/your_friends.json': strToU8('{"friends_v2": [{"name": "Bob"}]}'),
    'your_facebook_activity/posts/media/photo1.jpg': new Uint8Array(3000).fill(7),
    'your_facebook_activity/posts/media/photo2.jpg': new Uint8Array(10),
  }, { level: 6 });
  const batch = await readExport(zip, { file: 'facebook-renee.zip', importedAt });
  const at = (p) => `${member} $.profile_v2${p}`;
  assert.equal(batch.source, 'facebook-dyi');
  assert.deepEqual(batch.identities.map((i) => [i.kind, i.value, i.verified, i.provenance.path]), [
    ['email', 'ann.lee@gmail.com', undefined, at('.emails.emails[0]')],
    ['email', 'renee@example.org', undefined, at('.emails.emails[1]')],
    ['phone', '+44 20 7946 0018', true, at('.phone_numbers[0].phone_number')],
    ['facebook', 'renee.lee.photos', undefined, at('.username')],
  ]);
  assert.ok(batch.identities.every((i) => i.provenance.sha256 === sha(zip) && i.record === member));
  assert.deepEqual(batch.attributes.map((a) => [a.name, a.value]), [
    ['name', 'Renée Lee'], ['givenName', 'Renée'], ['familyName', 'Lee'],
    ['birthDate', { date: '1990-02-03' }], ['birthYear', 1990], ['gender', 'female'], ['city', 'Zürich'],
  ]);
  assert.deepEqual(batch.skipped.map((s) => [s.code, s.path]), [
    ['E_UNSUPPORTED', `${member} $.profile_v2.emails.previous_emails[0]`],
    ['E_UNSUPPORTED', 'zip:connections/'],
    ['E_UNSUPPORTED', 'zip:your_facebook_activity/'],
  ]);
  assert.match(batch.skipped[2].message, /^2 members not read/);

  // Applied: exactly these identities and attributes, each with its place in the archive.
  const vault = Vault.create('me', { clock: () => Date.UTC(2026, 11, 7, 2) });
  try {
    vault.applyImport(batch);
    const doc = vault.toJSON();
    assert.deepEqual(doc.identities.map((i) => [i.kind, i.normalized, i.verified]), [
      ['email', 'ann.lee@gmail.com', false], ['email', 'renee@example.org', false],
      ['facebook', 'renee.lee.photos', false], ['phone', '+442079460018', true],
    ]);
    assert.deepEqual(doc.attributes.personal, {
      birthDate: { date: '1990-02-03T00:00:00Z' }, birthYear: 1990, city: 'Zürich', familyName: 'Lee', gender: 'female', givenName: 'Renée', name: 'Renée Lee',
    });
    assert.deepEqual(new Set(doc.provenance.map((p) => p.path)), new Set([...batch.identities, ...batch.attributes].map((i) => i.provenance.path)));
    assert.ok(doc.provenance.every((p) => p.source === 'facebook-dyi' && p.file === 'facebook-renee.zip' && p.sha256 === sha(zip)));
  } finally {
    vault.dispose();
  }
});

test('Facebook profile: broken JSON names the member, line and column; a wrong shape is a reject with its JSON path', async () => {
  const broken = zipSync({ [member]: strToU8('{\n  "profile_v2": {\n    "name": ,\n  }\n}') });
  await expectCoded(readExport(broken, { file: 'fb.zip', importedAt }), 'E_PARSE', `${member} line 3 column 13`);
  const shape = zipSync({ [member]: strToU8('{"profile_v2": {"emails": {"emails": "ann@x.org"}, "phone_numbers": [{"phone_number": 7}]}}') });
  const batch = await readExport(shape, { file: 'fb.zip', importedAt });
  assert.deepEqual(batch.rejects.map((r) => [r.code, r.path]), [
    ['E_SCHEMA', `${member} $.profile_v2.emails.emails`],
    ['E_SCHEMA', `${member} $.profile_v2.phone_numbers[0].phone_number`],
  ]);
  await expectCoded(readExport(zipSync({ 'a.txt': strToU8('x') }), { file: 'x.zip', importedAt }), 'E_EMPTY', 'zip:');
});

test('a failed read leaves the vault as it was (a reader never touches it)', async () => {
  const vault = Vault.create('me', { clock: () => Date.UTC(2026, 11, 7) });
  try {
    vault.addIdentity(owner[0]);
    const before = vault.toString();
    await expectCoded(readExport(strToU8(`${header}\nAnn,,"Lee\n`), { file: 'c.csv', owner, importedAt }), 'E_PARSE', 'line 2');
    assert.equal(vault.toString(), before);
  } finally {
    vault.dispose();
  }
});
