// The customer's "same person" / "never merge" answers: kept in the vault document, respected by
// the proposals of later imports and by merges of other copies; an export imported twice changes
// the vault once.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { strToU8, zipSync } from 'fflate';
import { proposeImportMerges, ready, SelfCrmError, Vault } from 'selfcrm';
import { readExport } from 'selfcrm/import';

before(() => ready());

let now = Date.UTC(2026, 11, 7, 1, 0, 0);
const clock = () => now;
const gmail = { kind: 'email', value: 'Ann.Lee@gmail.com' };
const phone = { kind: 'phone', value: '+44 20 7946 0018' };
const family = { kind: 'email', value: 'family@example.org' };

function withVault(fn) {
  const v = Vault.create('me', { clock });
  let result;
  try {
    result = fn(v);
  } finally {
    if (result instanceof Promise) result.finally(() => v.dispose());
    else v.dispose();
  }
  return result;
}

test('decisions are stored by pair, replaced by a later answer, journaled and kept through save and load', () => withVault((v) => {
  assert.equal(v.decideIdentities(gmail, phone, 'same'), true);
  assert.equal(v.decideIdentities({ kind: 'phone', value: '0044 20 7946 0018' }, { kind: 'email', value: 'ann.lee@GMAIL.com' }, 'same'), false);
  now += 1000;
  assert.equal(v.decideIdentities(phone, gmail, 'never'), true);
  assert.deepEqual(v.identityDecisions(), [{ a: 'email:ann.lee@gmail.com', at: '2026-12-07T01:00:01Z', b: 'phone:+442079460018', decision: 'never' }]);
  assert.deepEqual(v.journal().map((j) => j.op), ['identity.decide', 'identity.decide']);
  const copy = Vault.fromJSON(v.toString());
  assert.deepEqual(copy.identityDecisions(), v.identityDecisions());
  copy.dispose();
  assert.throws(() => v.decideIdentities(gmail, gmail, 'never'), (e) => e instanceof SelfCrmError && e.code === 'E_RANGE' && e.path === '/b');
  assert.throws(() => v.decideIdentities(gmail, { kind: 'phone', value: '020 7946' }, 'same'), (e) => e.code === 'E_RANGE' && e.path === '/b/value');
  assert.throws(() => v.decideIdentities(gmail, phone, 'maybe'), (e) => e.code === 'E_RANGE' && e.path === '/decision');
  const bad = { ...v.toJSON(), identityDecisions: [{ a: 'phone:+442079460018', at: '2026-12-07T01:00:01Z', b: 'email:ann.lee@gmail.com', decision: 'never' }] };
  assert.throws(() => Vault.fromJSON(bad), (e) => e.code === 'E_RANGE' && e.path === '/identityDecisions/0/b');
}));

test('merging two copies: the later answer about a pair wins, "never" on a tie; the same both ways', () => {
  const base = withVault((v) => v.toString());
  const a = Vault.fromJSON(base, { clock });
  const b = Vault.fromJSON(base, { clock });
  try {
    now = Date.UTC(2026, 11, 7, 2, 0, 0);
    a.decideIdentities(gmail, family, 'same');
    b.decideIdentities(gmail, phone, 'same');
    now += 5000;
    b.decideIdentities(gmail, family, 'never');
    const ab = Vault.fromJSON(a.toString(), { clock });
    const ba = Vault.fromJSON(b.toString(), { clock });
    ab.merge(b);
    ba.merge(a);
    assert.deepEqual(ab.identityDecisions(), ba.identityDecisions());
    assert.deepEqual(ab.identityDecisions().map((d) => [d.a, d.b, d.decision]), [
      ['email:ann.lee@gmail.com', 'email:family@example.org', 'never'],
      ['email:ann.lee@gmail.com', 'phone:+442079460018', 'same'],
    ]);
    ab.dispose();
    ba.dispose();
  } finally {
    a.dispose();
    b.dispose();
  }
});

const profile = (emails) => zipSync({
  'profile_information/profile_information.json': strToU8(JSON.stringify({ profile_v2: { emails: { emails }, username: 'ann.lee.photos' } })),
});

test('an export imported twice changes the vault once; proposals respect the stored decisions', async () => {
  await withVault(async (v) => {
    v.addIdentity(gmail);
    const zip = profile(['annlee+fb@gmail.com', 'family@example.org']);
    const batch = await readExport(zip, { file: 'fb.zip', importedAt: '2026-12-07T01:00:00.000Z' });
    // Before any answer: the Gmail alias (provider rule) and everything on the profile join the owner.
    const before = proposeImportMerges(v.profileJSON().identities, [batch], v.identityDecisions());
    assert.deepEqual(before.map((p) => p.identities), [['email:ann.lee@gmail.com', 'email:annlee+fb@gmail.com', 'email:family@example.org', 'facebook:ann.lee.photos']]);
    // The customer: the family address is not theirs to merge; the alias is theirs.
    v.decideIdentities(gmail, family, 'never');
    v.decideIdentities({ kind: 'email', value: 'annlee+fb@gmail.com' }, family, 'never');
    v.decideIdentities(gmail, { kind: 'email', value: 'annlee+fb@gmail.com' }, 'same');
    const after = proposeImportMerges(v.profileJSON().identities, [batch], v.identityDecisions());
    // The family address stands alone now; the Facebook handle (same profile as the alias) is still to confirm.
    assert.deepEqual(after.map((p) => p.identities), [['email:ann.lee@gmail.com', 'email:annlee+fb@gmail.com', 'facebook:ann.lee.photos']]);
    assert.deepEqual(after[0].evidence.filter((e) => e.rule === 'confirmed').map((e) => e.b), ['email:annlee+fb@gmail.com']);
    const first = v.applyImport(batch);
    assert.ok(first.added > 0);
    const once = v.toString();
    const second = v.applyImport(await readExport(zip, { file: 'fb.zip', importedAt: '2026-12-07T01:30:00.000Z' }));
    assert.equal(second.added + second.merged + second.replaced, 0);
    assert.equal(v.toString(), once);
    assert.equal(v.identityDecisions().length, 3);
  });
});
