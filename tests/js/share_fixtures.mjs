// Shared set-up for the sharing tests: a seeded generator, recipients, grants made the public way,
// and packet surgery.
import assert from 'node:assert/strict';

import { claimSourceFromObjects, createKeyPair, Sharing } from 'selfcrm';

export const shop = { id: 'shop-1', displayName: 'Example Shop', origin: 'https://shop.example' };
export const other = { id: 'bank-2', displayName: 'Example Bank', origin: 'https://bank.example:8443' };
export const now = new Date('2026-11-22T12:00:00Z');

/** mulberry32: a small seeded generator for reproducible random cases. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const profile = {
  personal: { name: 'Ada Lovelace', birthYear: 1815 },
  identities: { email: { primary: 'ada@example.org' }, phone: { primary: '+44 20 7946 0000' } },
  history: { transactions: [{ amount: 120 }, { amount: 80 }] },
};
export const derived = { persona: 'explorer', 'segment:evangelist': true, 'band:clv': 'high', 'nps:category': 'promoter', 'rfm:segment': 'champions' };

/**
 * A `Sharing` (the public way to grant outside a vault) holding `specs` (purpose 'p' unless given),
 * granted at `at`. Checks that each grant is in `grants()` and was recorded in the ledger with its
 * id and terms, in order.
 */
export async function sharingWith(specs, { keyPair, claims = claimSourceFromObjects(profile, derived), at = now } = {}) {
  const sharing = await Sharing.open({ keyPair: keyPair ?? (await createKeyPair()), claims });
  const made = [];
  for (const spec of specs) made.push(await sharing.grant({ purpose: 'p', ...spec }, { now: at }));
  assert.deepEqual(sharing.grants(), made);
  const terms = (x) => [x.claim, x.level, x.purpose, x.expiresAt];
  assert.deepEqual(
    sharing.ledger().list().map((e) => [e.type, e.grantId, e.recipient.id, ...terms(e.claims[0])]),
    made.map((g) => ['grant', g.id, g.recipient.id, ...terms(g)]),
  );
  return sharing;
}

export const b64 = {
  encode: (value) => Buffer.from(JSON.stringify(value)).toString('base64url'),
  decode: (text) => JSON.parse(Buffer.from(text, 'base64url').toString('utf8')),
};

/** Splits a packet into its JWS parts and disclosures. */
export function parts(packet) {
  const pieces = packet.split('~');
  const [header, payload, signature] = pieces[0].split('.');
  return { header, payload, signature, disclosures: pieces.slice(1, -1) };
}

export function join({ header, payload, signature, disclosures }) {
  return `${header}.${payload}.${signature}~${disclosures.map((d) => `${d}~`).join('')}`;
}

/** The claim names a packet discloses, decoded without any checking. */
export function disclosedNames(packet) {
  return parts(packet).disclosures.map((d) => b64.decode(d)[1]);
}

/**
 * A packet for `recipient` made the one public way: a `Sharing` restored from the stored `grants`
 * shares it. Checks the ledger then holds exactly one new entry, the share of that packet (its
 * digest, recipient and claims), and, when sharing is refused, that nothing was recorded.
 */
export async function shareRecorded(recipient, grants, claims, keyPair, options = {}) {
  const sharing = await Sharing.open({ keyPair, claims, document: { grants } });
  let packet;
  try {
    packet = await sharing.share(recipient, options);
  } catch (e) {
    assert.deepEqual(sharing.ledger().list(), [], 'a refused share records nothing');
    throw e;
  }
  const entries = sharing.ledger().list();
  assert.equal(entries.length, 1);
  assert.deepEqual(
    [entries[0].type, entries[0].packetDigest, entries[0].recipient, entries[0].claims.map((c) => c.claim)],
    ['share', packet.digest, recipient, packet.claims.map((c) => c.claim)],
  );
  return packet;
}
