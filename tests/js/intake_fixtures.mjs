// A generated day of a shop's received answers, for the intake tests and bench: each customer has a
// pairwise key and answers one request with the package's own holder code; then the kinds of line
// an intake must handle: tampered, replayed, expired, revoked, a purpose changed after the request,
// a bad line. `expected` says exactly what the store must hold afterwards.
import { memoryKeyStore, pairwiseKey, Sharing } from 'selfcrm';
import { createRequest } from 'selfcrm/company';

export const origin = 'https://shop.example';
export const dpv = (name) => `https://w3id.org/dpv#${name}`;
// The run's instant: answers are received at `received`, intake runs at `now`, purge at `later`.
export const received = new Date('2026-11-02T10:00:00Z');
export const now = new Date('2026-11-02T10:05:00Z');
export const later = new Date('2026-12-15T00:00:00Z'); // after the 30-day keep, before nothing else ends

const personas = ['explorer', 'loyalist', 'bargain hunter', 'evangelist'];
const first = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John'];
const last = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Backus'];

export function customerValues(i) {
  const name = `${first[i % first.length]} ${last[(i * 3) % last.length]}`;
  return {
    '/personal/name': name,
    '/identities/email/primary': `${name.toLowerCase().replace(' ', '.')}${i}@example.org`,
    '/identities/phone/primary': `+4420${String(7_000_000 + i).padStart(8, '0')}`,
    persona: personas[i % personas.length],
    'band:clv': ['low', 'medium', 'high'][i % 3],
    'band:engagement': ['high', 'medium', 'low'][i % 3],
    'segment:evangelist': i % 4 === 3,
    'segment:at-risk': i % 5 === 0,
    'nps:category': ['promoter', 'passive', 'detractor', 'promoter', 'promoter'][i % 5],
  };
}

const claimIds = {
  '/personal/name': 'name', '/identities/email/primary': 'email', '/identities/phone/primary': 'phone', persona: 'persona',
  'band:clv': 'clv', 'band:engagement': 'engagement', 'segment:evangelist': 'evangelist', 'segment:at-risk': 'atrisk', 'nps:category': 'nps',
};
const pathOf = (claim) => (claim.startsWith('/') ? claim.slice(1).split('/') : claim.split(':'));

/**
 * The shop's request: name, email, phone copied for marketing, kept `keepFor` seconds (none: until
 * revoked); persona borrowed (30 days); bands and segments copied for personalisation.
 */
export function shopRequest({ keepFor, at = received } = {}) {
  const claims = Object.keys(claimIds).map((c) => ({ id: claimIds[c], path: pathOf(c) }));
  return createRequest({
    dcql: { credentials: [{ id: 'northwind', claims }] },
    purpose: { name: 'dpv:Marketing', email: 'dpv:Marketing', phone: 'dpv:Marketing', persona: 'dpv:ServicePersonalisation', clv: 'dpv:ServicePersonalisation', engagement: 'dpv:ServicePersonalisation', evangelist: 'dpv:ServicePersonalisation', atrisk: 'dpv:ServicePersonalisation', nps: 'dpv:ServicePersonalisation' },
    levels: { persona: 'borrowed' },
    ...(keepFor ? { keepFor } : {}),
    now: at,
  });
}

/**
 * The holder's answer to `request` with `claims` (default all asked) of customer `i`, for `to`
 * (default the shop), presented the public way: by a `Sharing`, which grants and records it (kept
 * in the result to withdraw later).
 */
export async function answer(request, i, keys, { claims, at = received, to = origin } = {}) {
  const values = customerValues(i);
  const key = await pairwiseKey(keys, to);
  const sharing = await Sharing.open({ claims: { resolve: (claim) => values[claim] } });
  const approve = claims ?? Object.keys(claimIds);
  const result = await sharing.present(request, { origin: to, approve, key, computedWith: { engine: 'selfcrm 0.1.0', rules: 'default' }, now: at });
  return { response: result.response, key, sharing, digest: result.records[0].digest };
}

export const line = (request, response, extra = {}) => JSON.stringify({ request, response, origin, receivedAt: received.toISOString(), ...extra });

/** A valid line of customer `i` (its own key store), for bulk inputs. */
export async function validLine(i, options = {}) {
  const keys = memoryKeyStore();
  const request = await shopRequest(options);
  const { response, key } = await answer(request, i, keys);
  return { text: line(request, response), key, subject: `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${key.thumbprint}` };
}

const copied = Object.keys(claimIds).filter((c) => c !== 'persona');

/**
 * The mixed set: `n` valid customers (0 … n-1; the odd ones' copies kept 30 days), then the
 * special lines. Returns the NDJSON lines and what must come of them.
 */
export async function generatedSet(n = 8) {
  const lines = [];
  const customers = [];
  for (let i = 0; i < n; ++i) {
    const keys = memoryKeyStore();
    const request = await shopRequest(i % 2 ? { keepFor: 30 * 86400 } : {});
    const a = await answer(request, i, keys);
    lines.push(line(request, a.response));
    customers.push({ i, keys, key: a.key, sharing: a.sharing, request, response: a.response, subject: `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${a.key.thumbprint}`, keep: Boolean(i % 2) });
  }
  const special = {};
  // Tampered: a disclosure's value changed after signing.
  {
    const keys = memoryKeyStore();
    const request = await shopRequest();
    const { response } = await answer(request, 100, keys);
    const p = response.vp_token.northwind[0].split('~');
    const [salt, name] = JSON.parse(Buffer.from(p[1], 'base64url').toString());
    p[1] = Buffer.from(JSON.stringify([salt, name, 'forged'])).toString('base64url');
    special.tampered = lines.push(line(request, { ...response, vp_token: { northwind: [p.join('~')] } }));
  }
  // Replayed: customer 0 answers its (already answered) request again: a second presentation for one nonce.
  {
    const c = customers[0];
    const again = await answer(c.request, 0, c.keys, { at: new Date(received.getTime() + 1000) });
    special.replayed = lines.push(line(c.request, again.response));
  }
  // The very same line twice: a duplicate, not an error.
  special.duplicate = lines.push(lines[1]);
  // Expired: the answer arrived after the request's 10 minutes.
  {
    const keys = memoryKeyStore();
    const request = await shopRequest({ at: new Date(received.getTime() - 3600_000) });
    const { response } = await answer(request, 101, keys, { at: new Date(received.getTime() - 3600_000) });
    special.expired = lines.push(line(request, response));
  }
  // Wrong purpose: the holder signed terms for another purpose than the request stated.
  {
    const keys = memoryKeyStore();
    const request = await shopRequest();
    const altered = structuredClone(request);
    for (const t of altered.selfcrm.terms) t.purpose = dpv('Advertising');
    const { response } = await answer(altered, 102, keys);
    special.wrongPurpose = lines.push(line(request, response));
  }
  // Revoked (each withdrawn through the customer's Sharing, which revokes and records the grants):
  // customer 2 withdraws its email and phone; customer 3 everything it gave.
  const revokedAt = new Date(received.getTime() + 60_000);
  const withdraw = (c, claims) => c.sharing.withdraw(origin, { key: c.key, ...(claims ? { claims } : {}), now: revokedAt });
  const rev2 = (await withdraw(customers[2], ['/identities/email/primary', '/identities/phone/primary'])).revocation;
  special.revoke2 = lines.push(JSON.stringify({ revocation: rev2, origin, receivedAt: revokedAt.toISOString() }));
  const rev3 = (await withdraw(customers[3])).revocation;
  special.revoke3 = lines.push(JSON.stringify({ revocation: rev3, origin, receivedAt: revokedAt.toISOString() }));
  // A revocation for another company's origin, replayed here: refused.
  {
    const bank = 'https://bank.example';
    const given = await answer(await shopRequest(), 103, memoryKeyStore(), { to: bank });
    const { revocation } = await given.sharing.withdraw(bank, { key: given.key, now: revokedAt });
    special.foreignRevocation = lines.push(JSON.stringify({ revocation, origin }));
  }
  special.notJson = lines.push('{"request": ');
  return { lines, customers, special, revokedAt };
}

/** What the store must hold after the set: every claim row, in the store's order (subject, claim). */
export function expectedClaims({ customers, revokedAt }) {
  const rows = [];
  for (const c of customers) {
    const values = customerValues(c.i);
    for (const claim of copied) {
      const revoked = (c.i === 2 && ['/identities/email/primary', '/identities/phone/primary'].includes(claim)) || c.i === 3;
      rows.push({
        subject: c.subject, claim, value: values[claim], level: 'copied',
        purpose: dpv(['/personal/name', '/identities/email/primary', '/identities/phone/primary'].includes(claim) ? 'Marketing' : 'ServicePersonalisation'),
        expiresAt: c.keep ? new Date(received.getTime() + 30 * 86400_000).toISOString() : null,
        revokedAt: revoked ? revokedAt.toISOString() : null,
      });
    }
  }
  return rows.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.claim < b.claim ? -1 : 1));
}
