// requestPresentation: opens the customer's vault app (another origin) in a popup from the click
// that asked, hands it the request by postMessage, and waits for the answer. Both sides check
// `event.origin` and `event.source`: the vault learns who asks from the browser, not the request,
// and only the vault's window at the vault's origin can answer here.
import { SelfCrmError } from '../runtime/errors.js';
import type { PresentationRequest } from '../share/request.js';

export interface RequestPresentationOptions {
  /** The customer's vault app, e.g. `https://vault.example/app/` (their choice, remembered by the page). */
  vaultUrl: string;
  /** Give up after this many milliseconds (default 10 minutes). */
  timeout?: number;
}

/** The answer: an OpenID4VP response, or (direct_post) that the vault posted it to `response_uri`. */
export type PresentationAnswer =
  | { vp_token: Record<string, string[]>; state?: string }
  | { posted: true; status: number; body: unknown };

/** The messages of the popup protocol (`type` tells them apart). */
export const messageTypes = { ready: 'selfcrm:ready', request: 'selfcrm:request', response: 'selfcrm:response', declined: 'selfcrm:declined', posted: 'selfcrm:posted' } as const;

/**
 * Must be called from a user gesture (a click): browsers block popups opened later.
 * @throws SelfCrmError E_DECLINED when the customer declines, E_CANCELLED when the popup is closed
 *   or blocked, E_TIMEOUT, E_SCHEMA for a bad vault URL.
 */
export function requestPresentation(request: PresentationRequest, options: RequestPresentationOptions): Promise<PresentationAnswer> {
  let vault: URL;
  try {
    vault = new URL(options.vaultUrl);
  } catch {
    return Promise.reject(new SelfCrmError('E_SCHEMA', 'vaultUrl must be an absolute http(s) URL', '/vaultUrl'));
  }
  if (!['https:', 'http:'].includes(vault.protocol)) return Promise.reject(new SelfCrmError('E_SCHEMA', 'vaultUrl must be http(s)', '/vaultUrl'));
  // Opened before any await: the click's user activation allows exactly this.
  const popup = window.open(vault.href, 'selfcrm-vault', 'popup,width=520,height=760');
  if (!popup) return Promise.reject(new SelfCrmError('E_CANCELLED', 'the browser blocked the vault window: call this from a click'));
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      window.removeEventListener('message', onMessage);
      clearInterval(watch);
      clearTimeout(timer);
      fn();
    };
    const onMessage = (event: MessageEvent) => {
      if (event.source !== popup || event.origin !== vault.origin) return;
      const data = event.data as { type?: string; nonce?: string; response?: unknown; status?: number; body?: unknown } | null;
      if (!data || typeof data.type !== 'string') return;
      if (data.type === messageTypes.ready) {
        popup.postMessage({ type: messageTypes.request, request }, vault.origin);
        return;
      }
      if (data.nonce !== request.nonce) return;
      if (data.type === messageTypes.response) done(() => resolve(data.response as PresentationAnswer));
      else if (data.type === messageTypes.posted) done(() => resolve({ posted: true, status: Number(data.status), body: data.body }));
      else if (data.type === messageTypes.declined) done(() => reject(new SelfCrmError('E_DECLINED', 'the customer declined')));
    };
    window.addEventListener('message', onMessage);
    const watch = setInterval(() => {
      if (popup.closed) done(() => reject(new SelfCrmError('E_CANCELLED', 'the vault window was closed without an answer')));
    }, 300);
    const timer = setTimeout(() => done(() => {
      popup.close();
      reject(new SelfCrmError('E_TIMEOUT', 'no answer from the vault in time'));
    }), options.timeout ?? 600_000);
  });
}
