// Revoking from the ledger: the vault withdraws its grants to a company and signs a revocation with
// that company's pairwise key (the key its presentations carried, so the company knows the holder).
// The revocation goes to the company's direct_post endpoint if the company gave one in a request the
// customer answered; pressing Revoke is the customer's approval of that one network call. With no
// endpoint it is shown for the customer to hand over.

const ENDPOINTS = 'selfcrm-endpoints';

function endpoints() {
  try {
    return JSON.parse(localStorage.getItem(ENDPOINTS) ?? '{}');
  } catch {
    return {};
  }
}

/** Keeps where `origin` takes answers (a direct_post response_uri on that origin) for later revocations. */
export function rememberEndpoint(origin, uri) {
  if (new URL(uri).origin !== origin) return; // the vault only posts to the asking origin itself
  localStorage.setItem(ENDPOINTS, JSON.stringify({ ...endpoints(), [origin]: uri }));
}

export function endpointFor(origin) {
  return endpoints()[origin];
}

/**
 * Withdraws `claims` (default: all) from `origin` and delivers the revocation. Returns
 * `{revocation, endpoint?, sent, status?, error?}`, or null when no answer to `origin` was ever
 * signed here (no pairwise key: nothing to tell it, so only the grants are revoked). The grants are
 * revoked in the vault whether or not the post succeeds; the revocation is returned to show.
 */
export async function withdrawFrom(session, origin, claims) {
  const key = await session.keys.get(origin);
  if (!key) return null;
  const { revocation } = await session.vault.withdraw(origin, { key, ...(claims ? { claims } : {}) });
  const endpoint = endpointFor(origin);
  if (!endpoint) return { revocation, sent: false };
  try {
    const res = await fetch(endpoint, { method: 'POST', body: new URLSearchParams({ revocation }), credentials: 'omit', signal: AbortSignal.timeout(15000) });
    return { revocation, endpoint, sent: res.ok, status: res.status };
  } catch (e) {
    return { revocation, endpoint, sent: false, error: String(e?.message ?? e) };
  }
}
