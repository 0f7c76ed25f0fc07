import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';

import canonicalize from 'canonicalize';
import { canonicalJson, claimSourceFromObjects, createKeyPair, Ledger, SelfCrmError, Sharing } from 'selfcrm';
import { derived, now, profile, seeded, shop } from './share_fixtures.mjs';
// The ledger's writer is internal (only Sharing and the vault append, each with the change it
// records): its own guarantees are checked here on the built module itself.
import { appendEntry } from '../../dist/share/ledger.js';

const at = (minutes) => new Date(now.getTime() + minutes * 60_000);

// Grants, a share and a revocation made the public way: each recorded by the Sharing that made it.
async function sampleLedger() {
  const sharing = await Sharing.open({ keyPair: await createKeyPair(), claims: claimSourceFromObjects(profile, derived) });
  const a = await sharing.grant({ recipient: shop, claim: '/personal/name', level: 'copied', purpose: 'delivery' }, { now: at(0) });
  const b = await sharing.grant({ recipient: shop, claim: 'persona', level: 'borrowed', purpose: 'recommendations', expiresAt: '2026-11-22T18:00:00Z' }, { now: at(1) });
  const packet = await sharing.share(shop, { now: at(2) });
  const revoked = await sharing.revoke(b.id, { now: at(3) });
  assert.deepEqual(sharing.ledger().list().map((e) => e.grantId), [a.id, b.id, null, revoked.id]);
  assert.deepEqual(sharing.grants().map((g) => [g.id, g.revokedAt]), [[a.id, null], [b.id, '2026-11-22T12:03:00.000Z']]);
  return { ledger: sharing.ledger(), packet };
}

test('the ledger records grants, shares and revocations, chained by hashes', async () => {
  const { ledger, packet } = await sampleLedger();
  const entries = ledger.list();
  assert.deepEqual(entries.map((e) => e.type), ['grant', 'grant', 'share', 'revoke']);
  assert.deepEqual(entries.map((e) => e.seq), [0, 1, 2, 3]);
  assert.equal(entries[0].prev, '');
  for (let i = 1; i < entries.length; ++i) assert.equal(entries[i].prev, entries[i - 1].hash);
  assert.equal(entries[2].packetDigest, packet.digest);
  assert.equal(packet.digest, createHash('sha256').update(packet.packet).digest('base64url'));
  assert.deepEqual(entries[2].claims.map((c) => c.claim).sort(), ['/personal/name', 'persona']);
  // The hash is SHA-256 over the RFC 8785 form of the entry without its hash, as documented.
  const { hash, ...rest } = entries[3];
  assert.equal(hash, createHash('sha256').update(canonicalize(rest)).digest('base64url'));
  assert.deepEqual(await ledger.verify(), { valid: true, length: 4, head: hash, problems: [] });
});

test('who has what, since when, for what', async () => {
  const { ledger } = await sampleLedger();
  const rows = ledger.holdings({ now: at(10) });
  const byClaim = Object.fromEntries(rows.map((r) => [r.claim, r]));
  assert.equal(byClaim['/personal/name'].level, 'copied');
  assert.equal(byClaim['/personal/name'].since, '2026-11-22T12:02:00.000Z');
  assert.equal(byClaim['/personal/name'].purpose, 'delivery');
  assert.equal(byClaim['/personal/name'].current, true, 'a copied claim stays with the recipient');
  assert.equal(byClaim.persona.revokedAt, '2026-11-22T12:03:00.000Z');
  assert.equal(byClaim.persona.current, false, 'a borrowed claim ends with its revocation');
  assert.equal(byClaim.persona.recipient.displayName, 'Example Shop');
});

test('every edit, deletion, insertion and reordering is detected', async () => {
  const { ledger } = await sampleLedger();
  const good = ledger.export();
  assert.equal(good.format, 'selfcrm-ledger/1');
  assert.equal(good.head, ledger.head());
  const copy = () => structuredClone(good.entries);
  const problems = async (entries, options) => (await Ledger.verify(entries, options)).problems.map((p) => `${p.index}:${p.kind}`);

  let e = copy();
  e[1].claims[0].purpose = 'anything at all';
  assert.deepEqual(await problems(e), ['1:hash']);

  e = copy();
  e[2].at = '2026-11-22T12:01:30.000Z';
  assert.deepEqual(await problems(e), ['2:hash']);

  e = copy();
  e.splice(1, 1);
  // The orphan names a parent that is not there; entry 0 now has no successor (two heads).
  assert.deepEqual(await problems(e), ['1:chain', '1:sequence', '0:chain']);

  e = copy();
  [e[1], e[2]] = [e[2], e[1]];
  assert.ok((await problems(e)).includes('1:chain'));

  e = copy();
  e.splice(1, 0, structuredClone(e[0]));
  assert.ok((await problems(e)).includes('1:chain'), 'the same entry twice');

  // Truncation at the end keeps a valid chain: only the remembered head reveals it.
  e = copy();
  e.pop();
  assert.deepEqual(await problems(e), []);
  assert.deepEqual(await problems(e, { head: good.head }), ['3:head']);

  // Even a consistent rewrite (rehash everything after an edit) is caught by the head.
  assert.deepEqual(await problems(copy(), { head: good.head }), []);

  e = copy();
  e[0].extra = 1;
  assert.deepEqual(await problems(e), ['0:schema']);
  await assert.rejects(Ledger.load(e), (err) => err instanceof SelfCrmError && err.code === 'E_SCHEMA' && err.path === '/0');
  const reloaded = await Ledger.load(JSON.parse(JSON.stringify(good.entries)), { head: good.head });
  assert.deepEqual(reloaded.list(), good.entries);
});

test('appends are all-or-nothing and serialised', async () => {
  const { ledger } = await sampleLedger();
  const before = ledger.list();
  await assert.rejects(appendEntry(ledger, { type: 'share', recipient: shop, claims: [] }, { now: at(5) }), (e) => e.code === 'E_SCHEMA' && e.path === '/claims');
  await assert.rejects(appendEntry(ledger, { type: 'share', recipient: shop, claims: [{ claim: 'persona', level: 'copied', purpose: 'x', expiresAt: null }], packetDigest: 'short' }, { now: at(5) }), (e) => e.code === 'E_SCHEMA' && e.path === '/packetDigest');
  assert.deepEqual(ledger.list(), before);
  // Concurrent appends are serialised into one chain.
  const claim = [{ claim: 'persona', level: 'copied', purpose: 'x', expiresAt: null }];
  await Promise.all([1, 2, 3].map(() => appendEntry(ledger, { type: 'change', recipient: shop, claims: claim }, { now: at(6) })));
  assert.equal((await ledger.verify()).valid, true);
  assert.equal(ledger.list().length, 7);
});

test('time never goes backwards, and an entry dated ahead never blocks an append (hybrid clock)', async () => {
  const { ledger } = await sampleLedger();
  const claim = [{ claim: 'persona', level: 'copied', purpose: 'x', expiresAt: null }];
  const last = ledger.list().at(-1);
  const early = await appendEntry(ledger, { type: 'share', recipient: shop, claims: claim }, { now: at(0) });
  assert.equal(early.at, last.at, 'a clock behind the last entry takes its time');
  assert.equal(early.seq, last.seq + 1);
  const future = new Date(Date.UTC(2031, 0, 1));
  await appendEntry(ledger, { type: 'change', recipient: shop, claims: claim }, { now: future });
  const after = await appendEntry(ledger, { type: 'revoke', recipient: shop, claims: claim }, { now: at(7) });
  assert.equal(after.at, future.toISOString());
  assert.equal((await ledger.verify()).valid, true);
});

test('canonicalJson matches the canonicalize package (RFC 8785) on random values', () => {
  const rand = seeded(8785);
  const strings = ['', 'a', 'é', '€', '😀', '\u0000', '"', '\\', '\u2028', 'Z', 'aa', '\ud800x'];
  const value = (depth) => {
    const r = rand();
    if (depth > 3 || r < 0.35) {
      const s = rand();
      if (s < 0.3) return strings[Math.floor(rand() * strings.length)];
      if (s < 0.6) return (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20);
      if (s < 0.8) return Math.floor(rand() * 1e6) - 5e5;
      return [true, false, null][Math.floor(rand() * 3)];
    }
    if (r < 0.65) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
    const o = {};
    for (let i = 0; i < 4; ++i) o[strings[Math.floor(rand() * strings.length)] + String.fromCharCode(97 + Math.floor(rand() * 3))] = value(depth + 1);
    return o;
  };
  let compared = 0;
  for (let i = 0; i < 2000; ++i) {
    const v = value(0);
    let expected;
    try {
      expected = canonicalize(v);
    } catch {
      // Both refuse strings with unpaired surrogates (not I-JSON).
      assert.throws(() => canonicalJson(v), (e) => e.code === 'E_SCHEMA');
      continue;
    }
    assert.equal(canonicalJson(v), expected);
    ++compared;
  }
  assert.ok(compared > 1000, `${compared} values compared`);
  assert.equal(canonicalJson({ b: 1, a: [1e21, 1e-7, -0] }), '{"a":[1e+21,1e-7,0],"b":1}');
  assert.throws(() => canonicalJson({ a: NaN }), (e) => e.code === 'E_SCHEMA' && e.path === '/a');
});
