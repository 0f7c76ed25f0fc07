// What a request asks of this customer, claim by claim, with the value that would be shared: the
// consent screen shows these items, and the presentation is built from the very same items, so
// what the customer saw is what leaves.
import { claimOfPath } from './claim_paths.js';
import { isDerivedClaim, type ClaimSource, type ClaimValue } from './claims.js';
import { checkRequest, requestedClaims, type ComputedWith, type PresentationRequest } from './request.js';
import type { ApprovedClaim } from './presentation.js';

export interface ConsentItem {
  /** The credential query id ('' for a claim only to be displayed). */
  credential: string;
  claim: string;
  level: 'copied' | 'borrowed' | 'displayed';
  /** DPV purpose IRI. */
  purpose: string;
  /** When the company's use must end (borrowed); null for copied and displayed. */
  expiresAt: string | null;
  derived: boolean;
  /** The value that would be shared or shown; undefined when the customer has none. */
  value: ClaimValue | undefined;
  /** Whether it can be approved: the customer has a value and the query accepts it. */
  available: boolean;
  /** Why it cannot be, in plain words. */
  reason: string | null;
}

/** The items of `request` resolved against the customer's claims (`Sharing#consent`'s step). @throws E_SCHEMA for a bad request. @internal */
export async function consentItems(requestInput: unknown, claims: ClaimSource): Promise<{ request: PresentationRequest; items: ConsentItem[] }> {
  const request = checkRequest(requestInput);
  const items: ConsentItem[] = [];
  for (const { credential, claim, term } of requestedClaims(request)) {
    const name = claimOfPath(claim.path) as string;
    const value = await claims.resolve(name);
    const fits = value !== undefined && (!claim.values || claim.values.some((v) => v === value));
    items.push({
      credential: credential.id, claim: name, level: term.level, purpose: term.purpose,
      expiresAt: term.expires_at === undefined ? null : new Date(term.expires_at * 1000).toISOString(),
      derived: isDerivedClaim(name), value, available: fits,
      reason: value === undefined ? 'you have no value for this' : fits ? null : 'your value is not one this company accepts, so it cannot be shared',
    });
  }
  for (const d of request.selfcrm.display) {
    const name = claimOfPath(d.path) as string;
    const value = await claims.resolve(name);
    items.push({ credential: '', claim: name, level: 'displayed', purpose: d.purpose, expiresAt: null, derived: isDerivedClaim(name), value, available: value !== undefined, reason: value === undefined ? 'you have no value for this' : null });
  }
  return { request, items };
}

/** The approved items (by claim name) as createPresentation takes them; displayed ones never travel. @internal */
export function approvedClaims(items: readonly ConsentItem[], chosen: Iterable<string>, computedWith?: ComputedWith): Record<string, ApprovedClaim[]> {
  const wanted = new Set(chosen);
  const out: Record<string, ApprovedClaim[]> = {};
  for (const item of items) {
    if (!wanted.has(item.claim) || !item.available || item.level === 'displayed' || item.value === undefined) continue;
    (out[item.credential] ??= []).push({ claim: item.claim, value: item.value, ...(item.derived && computedWith ? { computedWith } : {}) });
  }
  return out;
}
