// The vault app's Import screen in headless Chromium: a vCard picked with the file input lands in
// the vault with its sources shown; the same file again changes nothing; a broken one changes
// nothing and says which line. Fails on any console error or any request off the vault's origin.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startSites } from '../../demo/sites.mjs';
import { launchChromium } from './harness.mjs';

const fixture = (name) => new URL(`../fixtures/import/${name}`, import.meta.url).pathname;
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
const importFile = async (kind, name) => {
  await page.selectOption('#import-kind', kind);
  await page.setInputFiles('#import-file', fixture(name));
  await page.getByRole('button', { name: 'Import file' }).click();
};
const resultMatches = (pattern) => page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[data-testid="import-result"]').textContent), pattern.source);

test('a vCard picked in the Import screen fills the vault, each value with its source', async () => {
  await page.goto(sites.vaultUrl);
  await page.waitForSelector('body[data-ready="yes"]');
  await page.selectOption('#sample', 'empty');
  await page.getByRole('button', { name: 'Load' }).click();
  await page.waitForFunction(() => /No identities/.test(document.querySelector('[data-testid="identities"]').textContent));
  assert.deepEqual(await page.locator('#import-kind option').evaluateAll((o) => o.map((x) => x.value)).then((v) => v.slice(0, 3)), ['vcard', 'jcard', 'oidc']);

  await importFile('vcard', 'v30_apple.vcf');
  await resultMatches(/Imported v30_apple\.vcf: 20 added, 0 merged/);
  assert.match(await text('identities'), /twitter: asa_leeprimaryfrom vcard v30_apple\.vcf line 12/);
  assert.match(await text('attributes'), /name = Åsa Øyvind-Lee \(imported\)/);
  assert.equal(await page.getByTestId('provenance').locator('tbody tr').count(), 20);
  assert.match(await text('import-items'), /line 22: left out \(E_UNSUPPORTED\) — X-ABADR: has no place in the vault/);
  await page.waitForFunction(() => /Saved in this browser/.test(document.querySelector('[data-testid="save-status"]').textContent));

  // The same file again: nothing changes.
  const before = await page.evaluate(() => document.querySelector('[data-testid="provenance"]').textContent);
  await importFile('vcard', 'v30_apple.vcf');
  await resultMatches(/0 added, 0 merged, 0 replaced, 20 already there/);
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid="provenance"]').textContent), before);

  // A broken file: nothing imported, the line named.
  await importFile('vcard', 'broken_no_colon.vcf');
  await resultMatches(/1 problem\(s\): nothing was imported/);
  assert.match(await text('import-items'), /line 4: rejected \(E_PARSE\) — no ":" between the property name and its value/);
  assert.doesNotMatch(await text('attributes'), /Ann Lee/);

  // Saved with its sources: a reload shows them again.
  await page.reload();
  await page.waitForSelector('body[data-ready="yes"]');
  assert.equal(await page.getByTestId('provenance').locator('tbody tr').count(), 20);

  assert.deepEqual(problems, []);
  const foreign = requests.filter((u) => !u.startsWith(`${sites.vaultOrigin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'the vault requests nothing but its own files');
});
