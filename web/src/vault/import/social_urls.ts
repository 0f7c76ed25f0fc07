// Profile addresses of the networks the vault names as identity kinds: a contact card's URL or
// X-SOCIALPROFILE and a sign-in's `profile`/`website` claim often are one.
import type { IdentityKind } from '../types.js';

const hosts: [RegExp, IdentityKind][] = [
  [/^(www\.|mobile\.)?(twitter|x)\.com$/, 'twitter'],
  [/^([a-z]{2,3}\.|www\.)?linkedin\.com$/, 'linkedin'],
  [/^(www\.)?instagram\.com$/, 'instagram'],
  [/^(www\.|m\.|web\.)?facebook\.com$|^fb\.com$/, 'facebook'],
];

/** Names the vault gives the networks that are identity kinds of their own. */
export const socialKinds: readonly IdentityKind[] = ['twitter', 'linkedin', 'instagram', 'facebook'];

/** The account a profile URL names, or undefined when it is not one of those networks' profiles. */
export function socialAccount(url: string): { kind: IdentityKind; value: string } | undefined {
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`);
  } catch {
    return undefined;
  }
  const host = u.hostname.toLowerCase();
  const match = hosts.find(([pattern]) => pattern.test(host));
  if (!match) return undefined;
  const kind = match[1];
  const parts = u.pathname.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  let value: string | undefined;
  if (kind === 'linkedin') value = parts[0] === 'in' ? parts[1] : undefined;
  else if (kind === 'facebook' && parts[0] === 'profile.php') value = u.searchParams.get('id') ?? undefined;
  else value = parts[0];
  // Paths that are pages of the site, not accounts.
  if (!value || /^(home|share|intent|search|hashtag|i|p|reel|explore|groups|pages|watch)$/i.test(value)) return undefined;
  return { kind, value };
}
