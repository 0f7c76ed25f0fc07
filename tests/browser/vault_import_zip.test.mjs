// The vault app imports platform exports picked with the file input, in headless Chromium: a
// Facebook "Download your information" ZIP (read as a stream from the File), then a Google
// Contacts CSV in a ZIP whose only row of the owner's is proposed; a hostile archive changes
// nothing and names the member. Fails on any console error or any request off the vault's origin.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { strToU8, zipSync } from 'fflate';
import { startSites } from '../../demo/sites.mjs';
import { launchChromium } from './harness.mjs';

let sites;
let browser;
let page;
const requests = [];
const problems = [];
before(async () => {
  sites = await startSites();
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
});
after(async () => {
  await browser?.close();
  await sites?.close();
});

const text = (id) => page.getByTestId(id).textContent();
const importZip = async (kind, name, files) => {
  await page.selectOption('#import-kind', kind);
  await page.setInputFiles('#import-file', { name, mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) });
  await page.getByRole('button', { name: 'Import file' }).click();
};
const resultMatches = async (pattern) => {
  try {
    await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[data-testid="import-result"]').textContent), pattern.source, { timeout: 15000 });
  } catch {
    assert.fail(`import result "${await text('import-result')}" does not match ${pattern}`);
  }
};

const profile = JSON.stringify({
  profile_v2: {
    name: { full_name: 'Ren\u00c3\u00a9e Lee' },
    emails: { emails: ['ann.lee@gmail.com'], previous_emails: [] },
    phone_numbers: [{ phone_number: '+44 20 7946 0018', verified: true }],
    username: 'renee.lee.photos',
  },
});
const csv = 'First Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\r\n' +
  'Bob,Stone,,* Home,bob@example.org,,\r\n' +
  'Renée,Lee,Acme Ltd,* Work,annlee+work@gmail.com ::: renee@acme.example,,\r\n';

test('export ZIPs picked in the Import screen: the profile, then the owner\'s contacts row', async () => {
  await page.goto(sites.vaultUrl);
  await page.waitForSelector('body[data-ready="yes"]');
  await page.selectOption('#sample', 'empty');
  await page.getByRole('button', { name: 'Load' }).click();
  await page.waitForFunction(() => /No identities/.test(document.querySelector('[data-testid="identities"]').textContent));
  const kinds = await page.locator('#import-kind option').evaluateAll((o) => o.map((x) => x.value));
  assert.ok(kinds.includes('facebook-dyi') && kinds.includes('google-contacts-csv'), kinds.join());

  await importZip('facebook-dyi', 'facebook-renee.zip', {
    'personal_information/profile_information/profile_information.json': strToU8(profile),
    'your_facebook_activity/posts/media/photo.jpg': new Uint8Array(20000).fill(9),
  });
  await resultMatches(/Imported facebook-renee\.zip: 4 added/);
  assert.match(await text('identities'), /email: ann\.lee@gmail\.com/);
  assert.match(await text('attributes'), /name = Renée Lee/);
  assert.match(await text('import-items'), /zip:your_facebook_activity\/: left out \(E_UNSUPPORTED\)/);

  // The address book: only the row sharing a (Gmail-normalised) address with the owner is read.
  await importZip('google-contacts-csv', 'contacts.zip', { 'contacts.csv': strToU8(csv) });
  await resultMatches(/Imported contacts\.zip: 5 added, 1 merged/);
  assert.match(await text('identities'), /email: renee@acme\.example/);
  assert.doesNotMatch(await text('identities'), /bob@example\.org/);
  assert.match(await text('import-items'), /contacts\.csv line 2: left out \(E_NOT_FOUND\)/);

  // A hostile archive: nothing imported, the member named.
  const before = await text('identities');
  await importZip('facebook-dyi', 'evil.zip', { '../evil/profile_information/profile_information.json': strToU8(profile) });
  await resultMatches(/E_SCHEMA: .*path traversal/);
  assert.equal(await text('identities'), before);

  assert.deepEqual(problems, []);
  const foreign = requests.filter((u) => !u.startsWith(`${sites.vaultOrigin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'the vault requests nothing but its own files');
});
