// The whole demo flow as a person would walk it, in headless Chromium: load a sample, merge an
// identity, change data and watch the results move, grant and share, verify on the company side,
// tamper, revoke, reload and find everything persisted. Screenshots of each step go to
// test-output/demo/. Fails on any console error or any request that is not this site's own file.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { openBrowser } from './harness.mjs';

const shots = new URL('../../test-output/demo/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

let env;
let page;
const requests = [];
before(async () => {
  env = await openBrowser();
  page = await env.newPage();
  page.on('request', (r) => requests.push(r.url()));
  await page.setViewportSize({ width: 1280, height: 900 });
});
after(() => env?.close());

const shot = (name) => page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
const text = (id) => page.getByTestId(id).textContent();
const ready = () => page.waitForSelector('body[data-ready="yes"]');

async function setLevel(claim, level) {
  const id = claim.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
  await page.selectOption(`#level-${id}`, level);
  await page.waitForFunction(([c, l]) => {
    const sel = document.querySelector(`select[data-claim="${c}"]`);
    return sel && sel.value === l && !document.querySelector('[data-testid="share-status"]').classList.contains('error');
  }, [claim, level]);
}

test('the demo walks the whole flow', async () => {
  await page.goto(`${env.origin}/demo/`);
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
  await shot('2-merge');

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
  await shot('3-scores-move');

  // 4. Grants: copied name, borrowed persona, displayed NPS category; the preview shows exactly these.
  await setLevel('/personal/name', 'copied');
  await setLevel('persona', 'borrowed');
  await setLevel('nps:category', 'displayed');
  const preview = JSON.parse(await text('packet-preview'));
  assert.deepEqual(preview.map((p) => p.claim).sort(), ['/personal/name', 'persona']);
  assert.equal(await page.getByTestId('displayed').locator('div[data-claim="nps:category"]').count(), 1);
  await shot('4-grants');

  // 5. Share; the company verifies and sees only the copied and borrowed claims.
  await page.getByRole('button', { name: 'Share with Northwind' }).click();
  await page.waitForFunction(() => /Verified/.test(document.querySelector('[data-testid="company-verdict"]').textContent));
  const received = await page.getByTestId('company-claims').locator('tbody tr').allTextContents();
  assert.equal(received.length, 2);
  assert.ok(received.some((r) => r.startsWith('/personal/name')));
  assert.ok(!received.some((r) => r.startsWith('nps:category')));
  assert.match(await text('company-missing'), /nps:category/);
  await shot('5-shared');

  // 6. A flipped byte in transit is rejected.
  await page.getByRole('button', { name: /Flip one byte/ }).click();
  await page.waitForFunction(() => /Rejected/.test(document.querySelector('[data-testid="company-verdict"]').textContent));
  await shot('6-tampered');

  // 7. Revoke the persona: the next packet no longer carries it; the ledger records it all.
  await page.getByRole('button', { name: 'Revoke persona' }).click();
  await page.waitForFunction(() => document.querySelector('select[data-claim="persona"]').value === 'owned');
  await page.getByRole('button', { name: 'Share with Northwind' }).click();
  await page.waitForFunction(() => /Verified: .* 1 claim/.test(document.querySelector('[data-testid="company-verdict"]').textContent));
  assert.match(await text('ledger-check'), /hash chain intact/);
  const ledgerRows = await page.getByTestId('ledger').locator('tbody tr').count();
  assert.ok(ledgerRows >= 6, `ledger rows: ${ledgerRows}`);
  await shot('7-revoked');

  // 8. Reload: the vault, its grants and ledger come back from IndexedDB.
  await page.reload();
  await ready();
  assert.equal(await page.getByTestId('identities').locator('li').count(), identitiesBefore);
  assert.equal(await page.locator('select[data-claim="/personal/name"]').inputValue(), 'copied');
  assert.equal(await page.getByTestId('ledger').locator('tbody tr').count(), ledgerRows);
  await shot('8-reloaded');

  // 9. The population view runs in a worker.
  await page.getByRole('button', { name: 'Run in a worker' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="population-result"]').dataset.estimate);
  assert.match(await text('privacy-terms'), /\S/);
  await shot('9-population');

  assert.deepEqual(env.problems, []);
  const foreign = requests.filter((u) => !u.startsWith(`${env.origin}/demo/`) && !u.startsWith(`${env.origin}/dist/`) && !u.startsWith('blob:'));
  assert.deepEqual(foreign, [], 'the page requests nothing but its own static files');
});

test('the page works on a narrow screen and from the keyboard', async () => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${env.origin}/demo/`);
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
  await shot('10-narrow');
  assert.deepEqual(env.problems, []);
});

test('the vault exports to a file and imports back', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${env.origin}/demo/`);
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

test('an encrypted vault reloads only with its passphrase', async () => {
  await page.goto(`${env.origin}/demo/`);
  await ready();
  const identities = await page.getByTestId('identities').locator('li').count();
  await page.fill('#passphrase', 'correct horse battery staple');
  await page.getByRole('button', { name: 'Save in this browser' }).click();
  await page.waitForFunction(() => /encrypted/.test(document.querySelector('[data-testid="save-status"]').textContent), null, { timeout: 20000 });
  const stored = await page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('selfcrm');
    req.onsuccess = () => {
      const db = req.result;
      const get = db.transaction(db.objectStoreNames[0]).objectStore(db.objectStoreNames[0]).get('demo');
      get.onsuccess = () => resolve(new TextDecoder().decode(get.result).includes('"identities"'));
    };
  }));
  assert.equal(stored, false, 'the stored vault is not readable JSON');
  // A wrong passphrase: a sample is shown, and nothing is saved over the encrypted vault.
  page.once('dialog', (d) => d.accept('wrong'));
  await page.reload();
  await ready();
  assert.match(await text('status'), /E_DECRYPT.*kept as it is/);
  await page.fill('#identity-value', 'someone@example.com');
  await page.getByRole('button', { name: 'Add identity' }).click();
  await page.waitForFunction(() => /Not saved/.test(document.querySelector('[data-testid="save-status"]').textContent));
  // The right one opens it.
  page.once('dialog', (d) => d.accept('correct horse battery staple'));
  await page.reload();
  await ready();
  assert.equal(await page.getByTestId('identities').locator('li').count(), identities);
  await page.evaluate(() => new Promise((resolve) => { indexedDB.deleteDatabase('selfcrm').onsuccess = resolve; }));
  assert.deepEqual(env.problems, []);
});

test('once loaded it works offline: editing, scoring, sharing and verifying need no network', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${env.origin}/demo/`);
  await ready();
  await page.context().setOffline(true);
  try {
    await page.fill('#feedback-text', 'The new jacket is fantastic, thank you!');
    await page.getByRole('button', { name: 'Add feedback' }).click();
    await page.waitForFunction(() => /fantastic/.test(document.querySelector('[data-testid="feedback"]').textContent));
    await setLevel('persona', 'copied');
    await page.getByRole('button', { name: 'Share with Northwind' }).click();
    await page.waitForFunction(() => /Verified/.test(document.querySelector('[data-testid="company-verdict"]').textContent));
  } finally {
    await page.context().setOffline(false);
  }
  assert.deepEqual(env.problems, []);
});
