// The vault app on its own, as a person would use it, in headless Chromium: load a sample, merge
// an identity, change data and watch the results move, export and import, encrypted saving, the
// narrow screen and the keyboard, and offline use once loaded (service worker). Screenshots go to
// test-output/vault-app/. Fails on any console error or any request off the vault's origin.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { startSites } from '../../demo/sites.mjs';
import { launchChromium } from './harness.mjs';

const shots = new URL('../../test-output/vault-app/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

let sites;
let browser;
let page;
const requests = [];
const env = { problems: [] };
before(async () => {
  sites = await startSites();
  browser = await launchChromium();
  const context = await browser.newContext();
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && env.problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => env.problems.push(`page error: ${e.message}`));
  await page.setViewportSize({ width: 1280, height: 900 });
});
after(async () => {
  await browser?.close();
  await sites?.close();
});

const shot = (name) => page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
const text = (id) => page.getByTestId(id).textContent();
const ready = () => page.waitForSelector('body[data-ready="yes"]');

test('the vault app: sample, merge, results that move, persistence', async () => {
  await page.goto(sites.vaultUrl);
  await ready();

  // 1. A sample customer.
  await page.selectOption('#sample', 'evangelist');
  await page.getByRole('button', { name: 'Load' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="persona-name"]')?.textContent !== '');
  assert.match(await text('identities'), /email: /);
  await shot('1-sample');

  // 2. The same email in another case merges instead of duplicating.
  const identitiesBefore = await page.getByTestId('identities').locator('li').count();
  const email = (await text('identities')).match(/email: ([^\s]+@[^\s]+?)(primary|verified|$)/)[1];
  await page.selectOption('#identity-kind', 'email');
  await page.fill('#identity-value', `  ${email.toUpperCase()} `);
  await page.getByRole('button', { name: 'Add identity' }).click();
  await page.waitForFunction(() => /merged/.test(document.querySelector('[data-testid="identity-result"]').textContent));
  assert.equal(await page.getByTestId('identities').locator('li').count(), identitiesBefore);

  // 3. New data moves the results: a large purchase raises the CLV; an attribute changes segments.
  const clvBefore = Number(await page.getByTestId('scores').getAttribute('data-clv'));
  await page.fill('#purchase-amount', '1500');
  await page.getByRole('button', { name: 'Add purchase' }).click();
  await page.waitForFunction((before) => Number(document.querySelector('[data-testid="scores"]').dataset.clv) > before, clvBefore);
  await page.selectOption('#attribute-category', 'preferential');
  await page.fill('#attribute-name', 'channels');
  await page.fill('#attribute-value', 'forum, phone');
  await page.getByRole('button', { name: 'Set attribute' }).click();
  await page.waitForFunction(() => /channel-forum/.test(document.querySelector('[data-testid="segments"]').textContent));
  assert.match(await text('journal'), /attribute/);
  assert.match(await text('ledger-check'), /0 entries, hash chain intact/);
  await shot('3-scores-move');

  // 4. Reload: the vault comes back from this origin's IndexedDB.
  await page.waitForFunction(() => /Saved/.test(document.querySelector('[data-testid="save-status"]').textContent));
  await page.reload();
  await ready();
  assert.equal(await page.getByTestId('identities').locator('li').count(), identitiesBefore);
  assert.match(await text('segments'), /channel-forum/);
  // Installable: a manifest and a service worker.
  const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel="manifest"]').href)).json());
  assert.equal(manifest.display, 'standalone');
  assert.ok(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => Boolean(r.active))));
  assert.deepEqual(env.problems, []);
  const foreign = requests.filter((u) => !u.startsWith(`${sites.vaultOrigin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'the vault requests nothing but its own files');
});

test('the page works on a narrow screen and from the keyboard', async () => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(sites.vaultUrl);
  await ready();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`);
  const unlabeled = await page.evaluate(() => [...document.querySelectorAll('input, select')]
    .filter((c) => c.type !== 'file' && !c.labels?.length && !c.getAttribute('aria-label')).map((c) => c.id || c.outerHTML));
  assert.deepEqual(unlabeled, []);
  await page.focus('#identity-value');
  await page.keyboard.type('+44 20 7946 0000');
  await page.selectOption('#identity-kind', 'phone');
  await page.focus('#identity-value');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /phone/.test(document.querySelector('[data-testid="identity-result"]').textContent));
  await shot('4-narrow');
  assert.deepEqual(env.problems, []);
});

test('the vault exports to a file and imports back', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(sites.vaultUrl);
  await ready();
  const identities = await page.getByTestId('identities').locator('li').count();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export vault file' }).click()]);
  const file = await download.path();
  await page.selectOption('#sample', 'empty');
  await page.getByRole('button', { name: 'Load' }).click();
  await page.waitForFunction(() => /No identities/.test(document.querySelector('[data-testid="identities"]').textContent));
  await page.setInputFiles('#import', file);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="identities"] li').length === n, identities);
  assert.deepEqual(env.problems, []);
});

test('once loaded it works offline: editing and scoring need no network', async () => {
  await page.goto(sites.vaultUrl);
  await ready();
  await page.context().setOffline(true);
  try {
    await page.reload(); // served by the service worker
    await ready();
    await page.fill('#feedback-text', 'The new jacket is fantastic, thank you!');
    await page.getByRole('button', { name: 'Add feedback' }).click();
    await page.waitForFunction(() => /fantastic/.test(document.querySelector('[data-testid="feedback"]').textContent));
  } finally {
    await page.context().setOffline(false);
  }
  assert.deepEqual(env.problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED/.test(p)), []);
});

test('an encrypted vault opens only with its passphrase', async () => {
  await page.goto(sites.vaultUrl);
  await ready();
  const identities = await page.getByTestId('identities').locator('li').count();
  await page.fill('#passphrase', 'correct horse battery staple');
  await page.getByRole('button', { name: 'Save in this browser' }).click();
  await page.waitForFunction(() => /encrypted/.test(document.querySelector('[data-testid="save-status"]').textContent), null, { timeout: 20000 });
  const stored = await page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('selfcrm');
    req.onsuccess = () => {
      const db = req.result;
      const get = db.transaction(db.objectStoreNames[0]).objectStore(db.objectStoreNames[0]).get('vault');
      get.onsuccess = () => resolve(new TextDecoder().decode(get.result).includes('"identities"'));
    };
  }));
  assert.equal(stored, false, 'the stored vault is not readable JSON');
  await page.reload();
  await page.waitForSelector('#unlock-form:not([hidden])');
  await page.fill('#unlock-passphrase', 'wrong');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.waitForFunction(() => /E_DECRYPT/.test(document.querySelector('[data-testid="status"]').textContent));
  await page.fill('#unlock-passphrase', 'correct horse battery staple');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await ready();
  assert.equal(await page.getByTestId('identities').locator('li').count(), identities);
  assert.deepEqual(env.problems, []);
});
