// Shared set-up for the presentation tests: a company's request, a holder's pairwise key, and the
// holder's answer built by the package's own functions.
import { createPresentation, memoryKeyStore, pairwiseKey } from 'selfcrm';
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

/** The holder's answer approving `names` (default: everything asked). */
export async function answer(request, { origin = shopOrigin, names, keys = memoryKeyStore(), now, validFor } = {}) {
  const key = await pairwiseKey(keys, origin);
  const asked = request.dcql_query.credentials[0];
  const claimNames = asked.claims.map((c) => (c.path.length === 1 ? c.path[0] : ['persona', 'segment', 'band', 'nps', 'rfm'].includes(c.path[0]) ? `${c.path[0]}:${c.path[1]}` : `/${c.path.join('/')}`));
  const chosen = (names ?? claimNames).map((claim) => ({ claim, value: values[claim], ...(derivedNames.has(claim) ? { computedWith: engine } : {}) }));
  const result = await createPresentation(request, origin, { [asked.id]: chosen }, key, { ...(now ? { now } : {}), ...(validFor ? { validFor } : {}) });
  return { ...result, key, presentation: result.response.vp_token[asked.id][0] };
}
