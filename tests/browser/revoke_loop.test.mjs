// The customer's revocation, end to end on the two demo sites: the vault app answers the shop by
// direct_post, the customer presses Revoke in the ledger, the vault signs a revocation with the
// shop's pairwise key and posts it to the shop's endpoint, the shop keeps it in the responses file,
// and `selfcrm intake` over that file withdraws the claim. A company that gave no endpoint gets
// nothing sent: the customer is shown the revocation to hand over.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { startSites } from '../../demo/sites.mjs';
import { launchChromium, prepareVault } from './harness.mjs';

const out = new URL('../../test-output/revoke-loop/', import.meta.url).pathname;
const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const responses = `${out}responses.ndjson`;
const store = `${out}intake.sqlite`;
mkdirSync(out, { recursive: true });
rmSync(responses, { force: true });
rmSync(store, { force: true });

let sites;
let browser;
const problems = [];
const requested = [];

before(async () => {
  sites = await startSites({ responsesFile: responses });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await sites?.close();
});

/** A fresh customer (own browser profile) who answers the shop once in `mode` with everything. */
async function customerWhoShared(mode) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  context.on('request', (r) => requested.push(r.url()));
  context.on('page', (p) => p.on('pageerror', (e) => problems.push(`${p.url()}: ${e.message}`)));
  await prepareVault(context, sites.vaultUrl);
  const shop = await context.newPage();
  await shop.goto(`${sites.shopOrigin}/`);
  await shop.waitForSelector('body[data-ready="yes"]');
  await shop.selectOption('#mode', mode);
  const [popup] = await Promise.all([shop.waitForEvent('popup'), shop.getByRole('button', { name: 'Share with SelfCRM' }).click()]);
  await popup.waitForSelector('[data-testid="consent"]:not([hidden]) tbody tr');
  await popup.getByRole('button', { name: 'Share all' }).click();
  await shop.waitForFunction(() => /^Verified/.test(document.querySelector('[data-testid="company-verdict"]').textContent));
  const vault = await context.newPage();
  await vault.goto(sites.vaultUrl);
  await vault.waitForSelector('body[data-ready="yes"]');
  return { context, vault };
}

const lines = () => readFileSync(responses, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const intake = (sub, ...args) => spawnSync(process.execPath, [cli, 'intake', ...(sub ? [sub] : []), '--store', store, ...args], { encoding: 'utf8' });

test('revoke in the vault app → the shop receives the signed revocation → intake withdraws the claim', async () => {
  const { context, vault } = await customerWhoShared('direct_post');
  assert.equal(lines().length, 1, 'the answer was kept by the shop');
  // Before the revocation: intake stores the copied name.
  const first = intake(null, responses);
  assert.equal(first.status, 0, first.stderr);
  const rowsBefore = intake('export').stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rowsBefore.length, 1);
  assert.equal(rowsBefore[0].claims['/personal/name'], 'Hiro Lindqvist');

  const posts = [];
  vault.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
  await vault.getByRole('button', { name: `Revoke /personal/name for ${sites.shopOrigin}` }).click();
  await vault.waitForFunction(() => /sent it your signed revocation/.test(document.querySelector('[data-testid="revocation-status"]').textContent));
  assert.deepEqual(posts, [`${sites.shopOrigin}/direct_post`], 'one post, to the endpoint the shop gave');
  assert.equal(await vault.getByTestId('revocation-token').isHidden(), true);
  assert.match(await vault.getByTestId('ledger-check').textContent(), /hash chain intact/);
  assert.match(await vault.getByTestId('ledger').locator('tbody tr').first().textContent(), /revoke.*\/personal\/name/);

  const [, kept] = lines();
  assert.deepEqual(Object.keys(kept).sort(), ['origin', 'receivedAt', 'revocation']);
  assert.equal(kept.origin, sites.shopOrigin);
  const payload = JSON.parse(Buffer.from(kept.revocation.split('.')[1], 'base64url').toString('utf8'));
  assert.deepEqual(payload.revoke, ['/personal/name']);
  assert.equal(payload.iss, rowsBefore[0].subject, 'signed by the same pairwise holder as the answer');

  // The next intake run takes the new line in and withdraws the stored copy.
  const second = intake(null, responses);
  assert.equal(second.status, 0, second.stderr);
  const taken = second.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const revocation = taken.find((t) => t.kind === 'revocation');
  assert.equal(revocation.status, 'stored');
  assert.deepEqual(revocation.revoked, ['/personal/name']);
  const rowsAfter = intake('export').stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rowsAfter[0].claims['/personal/name'], undefined);
  assert.equal(rowsAfter[0].claims['/identities/email/primary'], rowsBefore[0].claims['/identities/email/primary'], 'other claims stay');
  const purge = intake('purge');
  assert.equal(purge.status, 0, purge.stderr);
  assert.match(purge.stderr, /purged 1 claims: 1 revoked, 0 expired/);
  await context.close();
});

test('no endpoint (the answer went to the page): nothing is sent, the revocation is shown to hand over', async () => {
  const before = lines().length;
  const { context, vault } = await customerWhoShared('dc_api');
  const posts = [];
  vault.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
  await vault.getByRole('button', { name: `Revoke /personal/name for ${sites.shopOrigin}` }).click();
  await vault.waitForFunction(() => /hand it the signed revocation/.test(document.querySelector('[data-testid="revocation-status"]').textContent));
  assert.deepEqual(posts, []);
  const token = await vault.getByTestId('revocation-token').inputValue();
  assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.deepEqual(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).revoke, ['/personal/name']);
  assert.equal(lines().length, before, 'the shop received nothing');
  await context.close();
  const origins = new Set(requested.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:')).map((u) => new URL(u).origin));
  assert.deepEqual([...origins].sort(), [sites.shopOrigin, sites.vaultOrigin].sort());
  assert.deepEqual(problems, []);
});
