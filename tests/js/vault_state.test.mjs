// Issue 24 item 4: grants and ledger are authenticated at rest and the last ledger head is kept
// apart from the document (the state record `.NAME.state`), so an edited grant, an added grant, a
// ledger cut short, a rollback to an older copy, or a plaintext file where an encrypted vault was
// are refused with E_INTEGRITY.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import * as selfcrm from 'selfcrm';

const { Vault, createKeyPair, encodeVault, loadVaultFile, ready, saveVaultFile } = selfcrm;
const shop = { id: 'shop', displayName: 'Shop', origin: 'https://shop.example' };
const day = (d) => new Date(Date.UTC(2026, 10, d));
const dir = mkdtempSync(join(tmpdir(), 'selfcrm-state-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const integrity = (pattern) => (e) => e.code === 'E_INTEGRITY' && pattern.test(e.message);

let keyPair;
before(async () => {
  await ready();
  keyPair = await createKeyPair();
});

async function sharedVault() {
  const v = Vault.create('state');
  v.setAttribute('personal', 'name', 'Ada');
  const g = await v.grant({ recipient: shop, claim: '/personal/name', level: 'copied', purpose: 'delivery' }, { now: day(1) });
  await v.share(shop, { keyPair, now: day(1) });
  return { v, g };
}

const edit = (file, fn) => {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  fn(doc);
  writeFileSync(file, JSON.stringify(doc));
};

test('plaintext: an un-revoked grant, an added grant or a cut ledger in the file is refused', async () => {
  const { v, g } = await sharedVault();
  await v.revoke(g.id, { now: day(2) });
  const file = join(dir, 'plain.json');
  await saveVaultFile(file, v);
  const saved = readFileSync(file);
  const back = await loadVaultFile(file);
  assert.equal(back.grants()[0].revokedAt, v.grants()[0].revokedAt);

  edit(file, (doc) => (doc.grants[0].revokedAt = null));
  await assert.rejects(loadVaultFile(file), integrity(/changed outside/));
  writeFileSync(file, saved);
  edit(file, (doc) => doc.grants.push({ ...doc.grants[0], id: 'added', revokedAt: null }));
  await assert.rejects(loadVaultFile(file), integrity(/changed outside/));
  writeFileSync(file, saved);
  edit(file, (doc) => doc.ledger.pop());
  await assert.rejects(loadVaultFile(file), integrity(/cut short/));
  writeFileSync(file, saved);
  const again = await loadVaultFile(file);
  v.dispose();
});

test('encrypted: grants and ledger carry an HMAC from the passphrase; a rollback to an older copy is refused', async () => {
  const { v, g } = await sharedVault();
  const file = join(dir, 'sealed.vault');
  const older = join(dir, 'sealed-older.vault');
  await saveVaultFile(file, v, { passphrase: 'pw' });
  copyFileSync(file, older);
  await v.revoke(g.id, { now: day(2) });
  await saveVaultFile(file, v, { passphrase: 'pw' });
  const state = JSON.parse(readFileSync(join(dir, '.sealed.vault.state'), 'utf8'));
  assert.equal(state.current.encrypted, true);
  assert.match(state.current.tag, /^hmac-sha256:/);
  copyFileSync(older, file);
  await assert.rejects(loadVaultFile(file, { passphrase: 'pw' }), integrity(/cut short|older copy/));
  v.dispose();
});

test('a vault known to be encrypted is never accepted in plaintext, with or without a passphrase', async () => {
  const { v } = await sharedVault();
  const file = join(dir, 'swap.vault');
  await saveVaultFile(file, v, { passphrase: 'pw' });
  writeFileSync(file, v.toString());
  await assert.rejects(loadVaultFile(file), integrity(/saved encrypted/));
  await assert.rejects(loadVaultFile(file, { passphrase: 'pw' }), integrity(/not encrypted/));
  // Saving it again (the customer's own choice) is what changes the record.
  await saveVaultFile(file, v);
  const back = await loadVaultFile(file);
  v.dispose();
});

test('a save killed between its writes still opens (old or new file); a damaged state record is refused', async () => {
  const { v, g } = await sharedVault();
  const file = join(dir, 'crash.json');
  await saveVaultFile(file, v);
  const oldFile = readFileSync(file);
  const oldState = JSON.parse(readFileSync(join(dir, '.crash.json.state'), 'utf8'));
  await v.revoke(g.id, { now: day(2) });
  await saveVaultFile(file, v);
  const newState = JSON.parse(readFileSync(join(dir, '.crash.json.state'), 'utf8'));
  // The record names both versions while the file is being replaced: either file opens.
  writeFileSync(join(dir, '.crash.json.state'), JSON.stringify({ ...oldState, next: newState.current }));
  const fresh = await loadVaultFile(file);
  writeFileSync(file, oldFile);
  const old = await loadVaultFile(file);
  writeFileSync(join(dir, '.crash.json.state'), '{"format":"selfcrm-vault-state/1","current":{"encrypted":');
  await assert.rejects(loadVaultFile(file), integrity(/state record/));
  // Without a record (a copied file) there is nothing to compare: it opens, and the next save writes one.
  rmSync(join(dir, '.crash.json.state'));
  const copied = await loadVaultFile(file);
  assert.equal((await encodeVault(copied)).length > 0, true);
  v.dispose();
});
