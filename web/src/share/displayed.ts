// "Displayed" claims: shown to the customer on the company's page, never handed to its code.
//
// Threat model, honestly: this keeps the value out of the company's *API surface* — no function
// returns it, no packet carries it, and it is written into a closed shadow root, so ordinary page
// code reading the host element's text, innerHTML or shadowRoot sees nothing. It is NOT a security
// boundary against a company script that wants the value: script on the same page can patch
// attachShadow or textContent before we run, read the accessibility tree, or screenshot. Only a
// cross-origin frame served by the vault's own origin would stop that. Use `displayed` for
// convenience and least exposure, and `owned` when the value must not reach the page at all.
import { SelfCrmError } from '../runtime/errors.js';
import type { ClaimSource } from './claims.js';
import { isGrantActive, type Grant } from './grants.js';
import { nowOf } from './time.js';
import type { AsOf } from '../runtime/time.js';

/** Minimal DOM surface this needs, so the module type-checks without a browser. */
interface HostElement {
  attachShadow(init: { mode: 'closed' }): { textContent: string | null };
}

/**
 * Renders a live `displayed` grant's value as text inside a closed shadow root of `host`.
 * Resolves to nothing, by design. @throws SelfCrmError E_CONFLICT unless the grant is a live
 * displayed grant; E_NOT_FOUND when the claim has no value; E_SCHEMA for a bad host.
 */
export async function renderDisplayed(host: HostElement, grant: Grant, claims: ClaimSource, options: { now?: AsOf } = {}): Promise<void> {
  if (!host || typeof host.attachShadow !== 'function') throw new SelfCrmError('E_SCHEMA', 'host must be a DOM element', '/host');
  if (grant?.level !== 'displayed' || !isGrantActive(grant, nowOf(options))) {
    throw new SelfCrmError('E_CONFLICT', 'only a live displayed grant can be rendered', '/grant');
  }
  const value = await claims.resolve(grant.claim);
  if (value === undefined) throw new SelfCrmError('E_NOT_FOUND', `the customer has no value for ${grant.claim}`, '/grant/claim');
  const root = host.attachShadow({ mode: 'closed' });
  root.textContent = typeof value === 'string' ? value : JSON.stringify(value);
}
