import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openBrowser } from './harness.mjs';

let env;
before(async () => {
  env = await openBrowser();
});
after(() => env?.close());

test('a vault saved to IndexedDB survives a reload, encrypted or not, and the browser entry has no fs', async () => {
  const page = await env.newPage();
  await page.goto(`${env.origin}/tests/browser/pages/blank.html`);
  const saved = await page.evaluate(async () => {
    const m = await import('/dist/index.js');
    await m.ready();
    const v = m.Vault.create('browser-vault');
    v.addIdentity({ kind: 'email', value: 'Ann@Example.com' });
    v.addTransaction({ id: 't1', at: '2024-01-02', amount: 12.5 });
    await m.saveVaultToIndexedDB('plain', v);
    await m.saveVaultToIndexedDB('secret', v, { passphrase: 'open sesame' });
    const text = v.toString();
    v.dispose();
    return { text, hasFileApi: 'saveVaultFile' in m };
  });
  assert.equal(saved.hasFileApi, false);

  await page.reload();
  const loaded = await page.evaluate(async () => {
    const m = await import('/dist/index.js');
    await m.ready();
    const texts = [];
    for (const [key, options] of [['plain', {}], ['secret', { passphrase: 'open sesame' }]]) {
      const v = await m.loadVaultFromIndexedDB(key, options);
      texts.push(v.toString());
      v.dispose();
    }
    const codes = [];
    for (const attempt of [
      () => m.loadVaultFromIndexedDB('secret', { passphrase: 'wrong' }),
      () => m.loadVaultFromIndexedDB('secret'),
      () => m.loadVaultFromIndexedDB('absent'),
    ]) {
      try {
        await attempt();
        codes.push('loaded');
      } catch (e) {
        codes.push(e instanceof m.SelfCrmError ? e.code : String(e));
      }
    }
    await m.deleteVaultFromIndexedDB('plain');
    try {
      await m.loadVaultFromIndexedDB('plain');
    } catch (e) {
      codes.push(e.code);
    }
    return { texts, codes };
  });
  assert.deepEqual(loaded.texts, [saved.text, saved.text]);
  assert.deepEqual(loaded.codes, ['E_DECRYPT', 'E_DECRYPT', 'E_NOT_FOUND', 'E_NOT_FOUND']);
  assert.deepEqual(env.problems, []);
  await page.close();
});

test('IndexedDB keeps a state record apart: a plaintext record where an encrypted vault was, or an edited grant, is refused', async () => {
  const page = await env.newPage();
  await page.goto(`${env.origin}/tests/browser/pages/blank.html`);
  const codes = await page.evaluate(async () => {
    const m = await import('/dist/index.js');
    await m.ready();
    const v = m.Vault.create('browser-state');
    v.setAttribute('personal', 'name', 'Ann');
    const g = await v.grant({ recipient: { id: 'shop', displayName: 'Shop', origin: 'https://shop.example' }, claim: '/personal/name', level: 'copied', purpose: 'p' });
    await v.revoke(g.id);
    await m.saveVaultToIndexedDB('sealed', v, { passphrase: 'pw' });
    await m.saveVaultToIndexedDB('open', v);
    const tampered = JSON.parse(v.toString());
    tampered.grants[0].revokedAt = null;
    // What an attacker with access to the origin's storage could write into the vaults store.
    const put = (key, bytes) => new Promise((resolve, reject) => {
      const req = indexedDB.open('selfcrm');
      req.onsuccess = () => {
        const tx = req.result.transaction('vaults', 'readwrite');
        tx.objectStore('vaults').put(bytes, key);
        tx.oncomplete = () => { req.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    });
    const record = await new Promise((resolve) => {
      const req = indexedDB.open('selfcrm');
      req.onsuccess = () => {
        const get = req.result.transaction('vaults-state').objectStore('vaults-state').get('open');
        get.onsuccess = () => { req.result.close(); resolve(get.result); };
      };
    });
    const out = [record.current.tag.split(':')[0], record.key.extractable];
    await put('sealed', new TextEncoder().encode(v.toString()));
    await put('open', new TextEncoder().encode(JSON.stringify(tampered)));
    for (const [key, options] of [['sealed', {}], ['sealed', { passphrase: 'pw' }], ['open', {}]]) {
      try {
        (await m.loadVaultFromIndexedDB(key, options)).dispose();
        out.push('loaded');
      } catch (e) {
        out.push(e.code);
      }
    }
    v.dispose();
    return out;
  });
  // A plaintext vault's tag is keyed by a non-extractable key kept with its record.
  assert.deepEqual(codes, ['hmac-sha256', false, 'E_INTEGRITY', 'E_INTEGRITY', 'E_INTEGRITY']);
});
