import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { ready, runtimeStats, SelfCrmError, Vault } from 'selfcrm';

before(() => ready());

const clock = () => Date.UTC(2024, 4, 1, 12, 0, 0); // 2024-05-01T12:00:00Z

function assertCoded(fn, code, path) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof SelfCrmError, `expected SelfCrmError, got ${e}`);
    assert.equal(e.code, code, e.message);
    assert.equal(e.path, path, e.message);
    return true;
  });
}

function withVault(fn, id = 'me') {
  const v = Vault.create(id, { clock });
  try {
    return fn(v);
  } finally {
    v.dispose();
  }
}

test('identities merge by normalised value, keeping the spelling first entered', () =>
  withVault((v) => {
    assert.equal(v.addIdentity({ kind: 'phone', value: '+1 (555) 010-9999' }), false);
    assert.equal(v.addIdentity({ kind: 'phone', value: '001 555 010 9999', verified: true }), true);
    const [id] = v.toJSON().identities;
    assert.deepEqual(id, {
      kind: 'phone', value: '+1 (555) 010-9999', normalized: '+15550109999', verified: true, primary: false,
      addedAt: '2024-05-01T12:00:00Z',
    });
    v.updateIdentity({ kind: 'phone', value: '+15550109999', primary: true });
    assert.equal(v.toJSON().identities[0].primary, true);
    assertCoded(() => v.addIdentity({ kind: 'phone', value: '555 0109' }), 'E_RANGE', '/value');
    assertCoded(() => v.addIdentity({ kind: 'fax', value: '1' }), 'E_RANGE', '/kind');
    assertCoded(() => v.addIdentity('ann@example.com'), 'E_SCHEMA', '');
    assertCoded(() => v.removeIdentity({ kind: 'email', value: 'nobody@example.com' }), 'E_NOT_FOUND', '/value');
    v.removeIdentity({ kind: 'phone', value: '+1-555-010-9999' });
    assert.deepEqual(v.toJSON().identities, []);
    assert.deepEqual(v.journal().map((e) => e.op),
      ['identity.add', 'identity.merge', 'identity.remove', 'identity.update']);
  }));

test('attributes keep their types, dates included', () =>
  withVault((v) => {
    v.setAttribute('personal', 'name', 'Ann');
    v.setAttribute('personal', 'born', new Date(Date.UTC(1984, 5, 1)));
    v.setAttribute('profile', 'interests', ['tea', 'maps']);
    v.setAttribute('preferential', 'newsletter', false);
    v.setAttribute('performance', 'orders', 12);
    assert.deepEqual(v.toJSON().attributes, {
      personal: { born: { date: '1984-06-01T00:00:00Z' }, name: 'Ann' },
      profile: { interests: ['tea', 'maps'] },
      preferential: { newsletter: false },
      performance: { orders: 12 },
    });
    assertCoded(() => v.setAttribute('people', 'x', 1), 'E_RANGE', '/category');
    assertCoded(() => v.setAttribute('profile', 'x', [1]), 'E_SCHEMA', '/value/0');
    assertCoded(() => v.setAttribute('profile', 'x', null), 'E_SCHEMA', '/value');
    assertCoded(() => v.setAttribute('profile', 'x', 10n), 'E_SCHEMA', '/value');
    assertCoded(() => v.removeAttribute('profile', 'job'), 'E_NOT_FOUND', '/name');
    v.removeAttribute('personal', 'born');
    assert.equal(v.journal().at(-1).op, 'attribute.set'); // same second: ordered by op name
  }));

test('records are added, deduplicated, and rejected with code and path', () =>
  withVault((v) => {
    assert.equal(v.addTransaction({ id: 't1', at: '2024-01-02', amount: 20, currency: 'EUR' }), true);
    assert.equal(v.addTransaction({ id: 't1', at: '2024-01-02', amount: 20, currency: 'EUR' }), false);
    assertCoded(() => v.addTransaction({ id: 't1', at: '2024-01-02', amount: 21 }), 'E_CONFLICT', '/id');
    assert.equal(v.addInteraction({ at: new Date(Date.UTC(2024, 0, 3)), channel: 'forum', isPublic: true }), true);
    assert.equal(v.addSurveyAnswer({ id: 's1', at: '2024-01-04', score: 9 }), true);
    assert.equal(v.addReferral({ id: 'r1', at: '2024-01-05', converted: true, value: 40 }), true);
    assert.equal(v.addReach({ network: 'mastodon', at: '2024-01-06', followers: 120 }), true);
    assertCoded(() => v.addSurveyAnswer({ at: '2024-01-04', score: 11 }), 'E_RANGE', '/score');
    assertCoded(() => v.addTransaction({ at: '2024-02-30' }), 'E_RANGE', '/at');
    assertCoded(() => v.addTransaction({ at: '2024-02-01', tax: 3 }), 'E_SCHEMA', '/tax');
    const h = v.toJSON().history;
    assert.equal(h.interactions[0].participants, 2);
    assert.match(h.interactions[0].id, /^h[0-9a-f]{16}$/);
    assert.deepEqual([h.transactions.length, h.surveys.length, h.referrals.length, h.reach.length], [1, 1, 1, 1]);
  }));

test('a failing call leaves the vault byte-identical', () =>
  withVault((v) => {
    v.addIdentity({ kind: 'email', value: 'ann@example.com' });
    v.addTransaction({ id: 't1', at: '2024-01-02', amount: 20 });
    const before = v.toString();
    const attempts = [
      () => v.addIdentity({ kind: 'email', value: 'nope' }),
      () => v.updateIdentity({ kind: 'email', value: 'ann@example.com', verified: 'yes' }),
      () => v.addTransaction({ id: 't1', at: '2024-01-03' }),
      () => v.setAttribute('personal', '', 'x'),
      () => v.removeAttribute('personal', 'name'),
      () => v.importHistory('{"type":"survey","at":"2024-01-01","score":3}\n', { firstLine: 0 }),
    ];
    for (const attempt of attempts) {
      assert.throws(attempt, SelfCrmError);
      assert.equal(v.toString(), before);
    }
  }));

test('importHistory takes 20,000 lines in one call and reports the bad ones', () =>
  withVault((v) => {
    const lines = [];
    for (let i = 0; i < 20_000; ++i) lines.push(JSON.stringify({ type: 'survey', id: `s${i}`, at: '2024-03-01', score: i % 11 }));
    lines[4] = '{"type":"survey","at":"2024-03-01","score":"nine"}';
    lines[9] = '{oops';
    const report = v.importHistory(new TextEncoder().encode(lines.join('\n')));
    assert.equal(report.added, 19_998);
    assert.equal(report.duplicates, 0);
    assert.deepEqual(report.rejected.map((r) => [r.line, r.code, r.path]), [[5, 'E_SCHEMA', '/score'], [10, 'E_PARSE', '']]);
    assert.equal(v.toJSON().history.surveys.length, 19_998);
    assert.equal(v.journal().at(-1).detail, 'imported 19998 records (0 already present, 2 lines rejected)');
  }));

test('fromJSON reads text and objects, refuses newer versions, and round-trips', () => {
  const v = Vault.create('rt', { clock });
  v.addIdentity({ kind: 'forum', network: 'Reddit', value: '@Ann' });
  v.setAttribute('personal', 'born', { date: '1984-06-01' });
  const text = v.toString();
  for (const input of [text, JSON.parse(text)]) {
    const back = Vault.fromJSON(input);
    assert.equal(back.toString(), text);
    back.dispose();
  }
  v.dispose();
  assertCoded(() => Vault.fromJSON('{"schemaVersion":2}'), 'E_VERSION', '/schemaVersion');
  assertCoded(() => Vault.fromJSON('{"schemaVersion":1,"idd":"x"}'), 'E_SCHEMA', '/idd');
  assertCoded(() => Vault.fromJSON('{"schemaVersion":1'), 'E_PARSE', '');
  assertCoded(() => Vault.fromJSON(42), 'E_SCHEMA', '');
});

test('merge is commutative and idempotent through the JS API', () => {
  // Two copies of vault "a", as on two devices.
  const make = (copy, email, score, t) => {
    const v = Vault.create('a', { clock: () => t });
    v.addIdentity({ kind: 'email', value: email });
    v.addSurveyAnswer({ id: `s-${copy}`, at: '2024-01-01', score });
    v.setAttribute('personal', 'city', copy);
    return v;
  };
  const a = make('a', 'Ann@Example.com', 9, Date.UTC(2024, 0, 1));
  const b = make('b', 'ann@example.com', 4, Date.UTC(2024, 0, 2));
  const ab = Vault.fromJSON(a.toString());
  const ba = Vault.fromJSON(b.toString());
  try {
    ab.merge(b);
    ba.merge(a);
    assert.equal(ab.toString(), ba.toString());
    const once = ab.toString();
    ab.merge(b);
    assert.equal(ab.toString(), once);
    const doc = ab.toJSON();
    assert.equal(doc.id, 'a');
    assert.equal(doc.identities.length, 1);
    assert.equal(doc.history.surveys.length, 2);
    assert.equal(doc.attributes.personal.city, 'b'); // set later on b
    assertCoded(() => ab.merge({}), 'E_SCHEMA', '/other'); // the argument's name
  } finally {
    for (const v of [a, b, ab, ba]) v.dispose();
  }
});

test('merge refuses two different vaults (E_CONFLICT at /id) and changes neither', () => {
  const ann = Vault.create('ann');
  const bob = Vault.create('bob');
  try {
    ann.addSurveyAnswer({ id: 's1', at: '2024-01-01', score: 9 });
    bob.addTransaction({ id: 't1', at: '2024-01-01', amount: 40 });
    const before = ann.toString();
    assertCoded(() => ann.merge(bob), 'E_CONFLICT', '/id');
    assert.equal(ann.toString(), before);
    assertCoded(() => bob.merge(ann), 'E_CONFLICT', '/id');
  } finally {
    ann.dispose();
    bob.dispose();
  }
});

test('vaults are counted until disposed; a disposed vault is E_DISPOSED; failures leak nothing', () => {
  const warm = Vault.create('w');
  assert.throws(() => warm.addTransaction({ at: 'x' }));
  warm.dispose();
  const start = runtimeStats();
  const v = Vault.create('x');
  assert.equal(runtimeStats().liveObjects, start.liveObjects + 1);
  for (let i = 0; i < 5000; ++i) {
    try {
      v.addTransaction({ at: '2024-13-01' });
    } catch (e) {
      assert.equal(e.code, 'E_RANGE');
    }
  }
  v.dispose();
  v.dispose();
  assertCoded(() => v.toJSON(), 'E_DISPOSED', '');
  const end = runtimeStats();
  assert.equal(end.liveObjects, start.liveObjects);
  assert.equal(end.stackPointer, start.stackPointer);
  assert.equal(end.heapBytesInUse, start.heapBytesInUse);
});
