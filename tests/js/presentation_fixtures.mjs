// Shared set-up for the presentation tests: a company's request, a holder's pairwise key, and the
// holder's answer built the package's one public way (a Sharing, which records it).
import assert from 'node:assert/strict';

import { memoryKeyStore, pairwiseKey, Sharing } from 'selfcrm';
import { createRequest } from 'selfcrm/company';

export const shopOrigin = 'https://shop.example';
export const bankOrigin = 'https://bank.example:8443';

/** The customer's values, by claim name. */
export const values = {
  '/personal/name': 'Ada Lovelace',
  '/personal/birthYear': 1815,
  '/identities/email/primary': 'ada@example.org',
  persona: 'explorer',
  'band:clv': 'high',
  'segment:evangelist': true,
  'nps:category': 'promoter',
};

export const derivedNames = new Set(['persona', 'band:clv', 'segment:evangelist', 'nps:category']);
export const engine = { engine: 'selfcrm 0.1.0', rules: 'default' };

export const allClaims = [
  { id: 'name', path: ['personal', 'name'] },
  { id: 'birth', path: ['personal', 'birthYear'] },
  { id: 'email', path: ['identities', 'email', 'primary'] },
  { id: 'persona', path: ['persona'] },
  { id: 'clv', path: ['band', 'clv'], values: ['medium', 'high'] },
  { id: 'evangelist', path: ['segment', 'evangelist'] },
];

export function shopRequest(options = {}) {
  return createRequest({
    dcql: { credentials: [{ id: 'northwind', claims: options.claims ?? allClaims }] },
    purpose: 'dpv:ServicePersonalisation',
    levels: { persona: 'borrowed', ...(options.levels ?? {}) },
    ...options.extra,
  });
}

/**
 * The holder's answer approving `names` (default: everything asked), presented by a `Sharing` over
 * `values`: checks that its ledger then ends with one `share` entry per presentation, holding the
 * request's nonce and the presentation's digest.
 */
export async function answer(request, { origin = shopOrigin, names, keys = memoryKeyStore(), now, validFor } = {}) {
  const key = await pairwiseKey(keys, origin);
  const asked = request.dcql_query.credentials[0];
  const claimNames = asked.claims.map((c) => (c.path.length === 1 ? c.path[0] : ['persona', 'segment', 'band', 'nps', 'rfm'].includes(c.path[0]) ? `${c.path[0]}:${c.path[1]}` : `/${c.path.join('/')}`));
  const sharing = await Sharing.open({ claims: { resolve: (claim) => values[claim] } });
  const result = await sharing.present(request, { origin, approve: names ?? claimNames, key, computedWith: engine, ...(now ? { now } : {}), ...(validFor ? { validFor } : {}) });
  const shares = sharing.ledger().list().filter((e) => e.type === 'share');
  assert.deepEqual(shares.map((e) => [e.packetDigest, e.presentation.nonce]), result.records.map((r) => [r.digest, request.nonce]));
  return { ...result, key, sharing, presentation: result.response.vp_token[asked.id][0] };
}
