// The answer goes only to the origin the consent screen showed: if the page that asked navigates
// to another origin before the customer approves, the vault's message is not delivered there.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSites } from '../../demo/sites.mjs';
import { launchChromium, prepareVault } from './harness.mjs';

let sites;
let browser;
before(async () => {
  sites = await startSites();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await sites?.close();
});

test('a window that is no longer the asking origin receives nothing', async () => {
  const context = await browser.newContext();
  await prepareVault(context, sites.vaultUrl);
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__messages = [];
    window.addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: JSON.stringify(e.data) }));
  });
  await page.goto(`${sites.shopOrigin}/`);
  await page.waitForSelector('body[data-ready="yes"]');
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Share with SelfCRM' }).click()]);
  await popup.waitForSelector('[data-testid="consent"]:not([hidden]) tbody tr');
  assert.equal(await popup.getByTestId('consent-origin').textContent(), sites.shopOrigin);
  // The same files from another origin (127.0.0.1 instead of localhost) now sit in the opener window.
  const other = sites.shopOrigin.replace('localhost', '127.0.0.1');
  // Navigated by the page itself, as a script would, so the popup's opener stays this window.
  await Promise.all([page.waitForURL(`${other}/`), page.evaluate((url) => { location.href = url; }, `${other}/`)]);
  await page.waitForSelector('body[data-ready="yes"]');
  await popup.getByRole('button', { name: 'Share all' }).click();
  await popup.waitForFunction(() => /Shared/.test(document.querySelector('[data-testid="consent-result"]').textContent));
  // A control: a message the vault window sends to any origin does arrive, so silence means something.
  await popup.evaluate(() => window.opener.postMessage('control', '*'));
  await page.waitForTimeout(500);
  const messages = await page.evaluate(() => window.__messages);
  assert.ok(messages.some((m) => m.data === '"control"'), 'the control message arrived');
  assert.ok(!messages.some((m) => /selfcrm:response|vp_token/.test(m.data)), JSON.stringify(messages));
  await context.close();
});

test('an encrypted vault asks for its passphrase in the popup before the consent screen', async () => {
  const context = await browser.newContext();
  await prepareVault(context, sites.vaultUrl);
  const vault = await context.newPage();
  await vault.goto(sites.vaultUrl);
  await vault.waitForSelector('body[data-ready="yes"]');
  await vault.fill('#passphrase', 'correct horse battery staple');
  await vault.getByRole('button', { name: 'Save in this browser' }).click();
  await vault.waitForFunction(() => /encrypted/.test(document.querySelector('[data-testid="save-status"]').textContent), null, { timeout: 20000 });
  await vault.close();
  const shop = await context.newPage();
  await shop.goto(`${sites.shopOrigin}/`);
  await shop.waitForSelector('body[data-ready="yes"]');
  const [popup] = await Promise.all([shop.waitForEvent('popup'), shop.getByRole('button', { name: 'Share with SelfCRM' }).click()]);
  await popup.waitForSelector('#unlock-form:not([hidden])');
  assert.equal(await popup.getByTestId('consent').isHidden(), true, 'no consent screen before the vault is open');
  await popup.fill('#unlock-passphrase', 'correct horse battery staple');
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await popup.waitForSelector('[data-testid="consent"]:not([hidden]) tbody tr');
  await popup.getByRole('button', { name: 'Share all' }).click();
  await shop.waitForFunction(() => /^Verified/.test(document.querySelector('[data-testid="company-verdict"]').textContent));
  await context.close();
});
