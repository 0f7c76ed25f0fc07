// Identity clustering (core, through wasm): each rule on its own, the customer's decisions, and
// precision/recall on a generated population whose true owners are known.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { ownRecords, proposeMerges, ready, SelfCrmError } from 'selfcrm';

before(() => ready());

const email = (value) => ({ kind: 'email', value });
const phone = (value) => ({ kind: 'phone', value });

test('provider rules: Gmail dots and +tags, Outlook +tags; other domains are left alone', () => {
  const [p] = proposeMerges([
    { id: 'a', identities: [email('Ann.Lee@gmail.com')] },
    { id: 'b', identities: [email('annlee+news@googlemail.com')] },
  ]);
  assert.deepEqual(p.identities, ['email:ann.lee@gmail.com', 'email:annlee+news@googlemail.com']);
  assert.equal(p.score, 0.95);
  assert.equal(p.evidence[0].rule, 'provider-rule');
  assert.deepEqual(proposeMerges([{ id: 'a', identities: [email('ann+x@outlook.com')] }, { id: 'b', identities: [email('ann@outlook.com')] }])[0].evidence[0].rule, 'provider-rule');
  // Outlook keeps dots; an unknown provider keeps tags and dots: no proposal.
  assert.deepEqual(proposeMerges([{ id: 'a', identities: [email('a.nn@outlook.com')] }, { id: 'b', identities: [email('ann@outlook.com')] }]), []);
  assert.deepEqual(proposeMerges([{ id: 'a', identities: [email('ann+x@example.org')] }, { id: 'b', identities: [email('ann@example.org')] }]), []);
});

test('records, shared identifiers, handles and name + birthdate link; weak evidence does not', () => {
  const proposals = proposeMerges([
    { id: 'card', identities: [email('ann@example.org'), phone('+44 20 7946 0018')] },
    { id: 'profile', identities: [phone('0044 (20) 7946-0018'), { kind: 'twitter', value: '@AnnLeePhotos' }] },
    { id: 'insta', identities: [{ kind: 'instagram', value: 'annleephotos' }] },
    { id: 'x', identities: [{ kind: 'twitter', value: 'bob' }] },
    { id: 'y', identities: [{ kind: 'instagram', value: 'bob' }] },
    { id: 'r1', identities: [email('z1@example.org')], name: 'Zoe  Kim', birthdate: '1980-01-02' },
    { id: 'r2', identities: [email('z2@example.org')], name: 'zoe kim', birthdate: '1980-01-02' },
    { id: 'r3', identities: [email('z3@example.org')], name: 'Zoe Kim', birthdate: '1981-01-02' },
  ]);
  assert.deepEqual(proposals.map((p) => p.identities), [
    ['email:ann@example.org', 'instagram:annleephotos', 'phone:+442079460018', 'twitter:annleephotos'],
    ['email:z1@example.org', 'email:z2@example.org'],
  ]);
  assert.deepEqual(proposals[0].records, ['card', 'insta', 'profile']);
  assert.equal(proposals[0].score, 0.6);
  assert.deepEqual(new Set(proposals[0].evidence.map((e) => e.rule)), new Set(['same-record', 'same-handle', 'shared-identifier']));
  assert.equal(proposals[1].evidence[0].rule, 'name-birthdate');
});

test('"never merge" keeps two identities apart; a confirmed cluster is not proposed again', () => {
  const records = [
    { id: 'vault', identities: [email('ann@gmail.com')] },
    { id: 'card', identities: [email('a.nn@gmail.com'), email('family@example.org')] },
  ];
  const all = proposeMerges(records);
  assert.deepEqual(all[0].identities, ['email:a.nn@gmail.com', 'email:ann@gmail.com', 'email:family@example.org']);
  const never = proposeMerges(records, [{ a: 'email:family@example.org', b: 'email:ann@gmail.com', decision: 'never' }]);
  assert.deepEqual(never.map((p) => p.identities), [['email:a.nn@gmail.com', 'email:ann@gmail.com']]);
  const confirmed = proposeMerges(records, [
    { a: 'email:ann@gmail.com', b: 'email:a.nn@gmail.com', decision: 'same' },
    { a: 'email:family@example.org', b: 'email:ann@gmail.com', decision: 'never' },
  ]);
  assert.deepEqual(confirmed, []);
});

test('owner rows: an email or phone under the match rules; bad identifiers are named', () => {
  const verdicts = ownRecords([email('ann.lee@gmail.com'), phone('+4915112345678')], [
    { id: 'r1', identities: [email('annlee@gmail.com'), phone('0151 1234567')] },
    { id: 'r2', identities: [phone('0049 151 12345678')] },
    { id: 'r3', identities: [email('someone@example.org')] },
  ]);
  assert.deepEqual(verdicts.map((v) => v.index), [0, 1]);
  assert.equal(verdicts[0].via[0].rule, 'provider-rule');
  assert.equal(verdicts[0].invalid[0].index, 1);
  assert.equal(verdicts[0].invalid[0].code, 'E_RANGE');
  assert.throws(() => proposeMerges([{ id: 'r', identities: [phone('020 7946 0018')] }]), (e) => e instanceof SelfCrmError && e.code === 'E_RANGE' && e.path === '/records/0/identities/0/value');
  assert.throws(() => proposeMerges([{ id: 'r', identities: [], extra: 1 }]), (e) => e.code === 'E_SCHEMA' && e.path === '/records/0/extra');
});

// A population of people, each seen in several sources with their identifiers spelled differently
// (Gmail dots and tags, phone formats, handle case), plus namesakes and short handles that must not
// be joined. Truth: which person each identity label belongs to.
function population(seed, people) {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const first = ['ann', 'bob', 'cara', 'dev', 'eli', 'fay', 'gus', 'hana', 'ivo', 'jo'];
  const last = ['lee', 'kim', 'diaz', 'berg', 'okafor', 'rossi', 'novak', 'sato'];
  const records = [];
  const truth = new Map();
  const label = (kind, normalized) => `${kind}:${normalized}`;
  for (let p = 0; p < people; ++p) {
    const given = pick(first);
    const family = pick(last);
    const local = `${given}${family}${p}`;
    const digits = String(7000000000 + p * 7919).slice(0, 10);
    const handle = `${given}.${family}${p}`;
    const born = `19${50 + (p % 50)}-0${1 + (p % 9)}-1${p % 10}`;
    const name = `${given[0].toUpperCase()}${given.slice(1)} ${family[0].toUpperCase()}${family.slice(1)}`;
    const gmail = `${local}@gmail.com`;
    const work = `${given}.${family}${p}@corp${p % 7}.example`;
    truth.set(label('email', gmail), p);
    truth.set(label('email', work), p);
    truth.set(label('phone', `+44${digits}`), p);
    truth.set(label('twitter', handle), p);
    // Source 1: a contact card with the Gmail address and the work address.
    records.push({ id: `card ${p}`, identities: [email(gmail), email(work)], name, birthdate: born });
    // Source 2: a profile: the Gmail address dotted and tagged, the phone, the Twitter handle.
    const dotted = `${local.slice(0, 2)}.${local.slice(2)}+p${p}@gmail.com`;
    truth.set(label('email', dotted), p);
    records.push({ id: `profile ${p}`, identities: [email(dotted), phone(`0044 ${digits.slice(0, 3)} ${digits.slice(3)}`), { kind: 'twitter', value: `@${handle.toUpperCase()}` }] });
    // Source 3 (every other person): the same handle on Instagram, alone.
    if (p % 2 === 0) {
      truth.set(label('instagram', handle), p);
      records.push({ id: `insta ${p}`, identities: [{ kind: 'instagram', value: handle }] });
    }
    // A namesake with another birthdate, and a short handle that another person uses on another
    // network: both must stay apart from this person and from each other.
    const other = `namesake${p}@example.org`;
    const short = `q${p}`;
    const pad = (n) => String(n).padStart(2, '0');
    truth.set(label('email', other), `namesake ${p}`);
    truth.set(label('twitter', short), `namesake ${p}`);
    records.push({ id: `namesake ${p}`, identities: [email(other), { kind: 'twitter', value: short }], name, birthdate: `20${10 + (p % 9)}-${pad(1 + (p % 12))}-${pad(1 + (p % 28))}` });
    truth.set(label('email', `decoy${p}@example.org`), `decoy ${p}`);
    truth.set(label('instagram', short), `decoy ${p}`);
    records.push({ id: `decoy ${p}`, identities: [email(`decoy${p}@example.org`), { kind: 'instagram', value: short }] });
  }
  return { records, truth };
}

test('precision and recall on a generated population with known truth', () => {
  const { records, truth } = population(20, 120);
  const proposals = proposeMerges(records);
  const pairKey = (a, b) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);
  const predicted = new Set();
  for (const p of proposals) {
    for (let i = 0; i < p.identities.length; ++i) for (let j = i + 1; j < p.identities.length; ++j) predicted.add(pairKey(p.identities[i], p.identities[j]));
  }
  const labels = [...truth.keys()];
  const actual = new Set();
  for (let i = 0; i < labels.length; ++i) {
    for (let j = i + 1; j < labels.length; ++j) if (truth.get(labels[i]) === truth.get(labels[j])) actual.add(pairKey(labels[i], labels[j]));
  }
  const hits = [...predicted].filter((k) => actual.has(k)).length;
  const precision = hits / predicted.size;
  const recall = hits / actual.size;
  console.log(`# identity clustering on ${records.length} records, ${labels.length} identities: precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)} (${hits} of ${actual.size} true pairs, ${predicted.size} proposed)`);
  for (const label of labels) assert.ok(proposals.some((p) => p.identities.includes(label)) || typeof truth.get(label) === 'string', `${label} is in no proposal`);
  assert.equal(precision, 1);
  assert.equal(recall, 1);
});
