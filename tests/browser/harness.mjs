// Shared set-up for browser tests: the repository served on 127.0.0.1 and Debian's Chromium driven
// by playwright-core (no browser is ever downloaded). Every console error and failed request is
// recorded so tests can require none.
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

/** Debian's Chromium, headless, with the flags this machine needs (TOOLCHAIN.md). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Serves `root` (default: the repository) and starts Chromium. */
export async function openBrowser({ root } = {}) {
  const server = await serve({ port: 0, ...(root ? { root } : {}) });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  const problems = [];
  async function newPage() {
    const page = await browser.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
    return page;
  }
  async function close() {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
  return { origin, newPage, problems, close };
}

/** Loads a sample into the vault app (vault origin's IndexedDB) and closes its page. */
export async function prepareVault(context, vaultUrl, sample = 'evangelist') {
  const vault = await context.newPage();
  await vault.goto(vaultUrl);
  await vault.waitForSelector('body[data-ready="yes"]');
  await vault.selectOption('#sample', sample);
  await vault.getByRole('button', { name: 'Load' }).click();
  await vault.waitForFunction(() => /Saved in this browser/.test(document.querySelector('[data-testid="save-status"]').textContent));
  await vault.close();
}
