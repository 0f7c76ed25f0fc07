// OpenID Connect standard claims (Core 1.0 §5.1) into an ImportBatch, from a UserInfo response or
// an ID token: its decoded payload as JSON, or the compact token itself, whose payload is read
// without checking the signature (the customer's own token, from their own sign-in; the vault
// records the source, not a proof, and `email_verified` is the provider's word as given).
import type { AttributeValue, IdentityKind } from '../types.js';
import type { ImportBatch, ImportProblem, Provenance } from './batch.js';
import { birthAttributes, type FileSource } from './vcard_map.js';
import { socialAccount } from './social_urls.js';

// Claims about the token or the sign-in, not the person.
const tokenClaims = new Set(['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'auth_time', 'nonce', 'acr', 'amr', 'azp', 'at_hash', 'c_hash', 'sid', 'jti', 'updated_at', 'hd']);

const personal: Record<string, string> = {
  name: 'name', given_name: 'givenName', family_name: 'familyName', middle_name: 'additionalNames',
  nickname: 'nickname', gender: 'gender', locale: 'locale', zoneinfo: 'timeZone',
};

function payloadOf(text: string): { claims: unknown } | { problem: ImportProblem } {
  const trimmed = text.trim();
  const jwt = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(trimmed);
  try {
    if (!jwt) return { claims: JSON.parse(trimmed) };
    const b64 = (jwt[2] as string).replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    return { claims: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch (e) {
    const why = e instanceof SyntaxError ? e.message : 'not UTF-8';
    return { problem: { code: 'E_PARSE', path: jwt ? '$ (token payload)' : '$', message: `not a JSON object of claims: ${why}` } };
  }
}

/** Reads OpenID Connect claims (UserInfo JSON, an ID token's payload, or a compact ID token). */
export function readOidcClaims(bytes: Uint8Array, source: FileSource): ImportBatch {
  const batch: ImportBatch = { source: source.source, identities: [], attributes: [], rejects: [], skipped: [] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ...batch, rejects: [{ code: 'E_PARSE', path: '$', message: 'not UTF-8 text' }] };
  }
  const payload = payloadOf(text);
  if ('problem' in payload) return { ...batch, rejects: [payload.problem] };
  const claims = payload.claims;
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    return { ...batch, rejects: [{ code: 'E_SCHEMA', path: '$', message: 'claims are a JSON object' }] };
  }
  const c = claims as Record<string, unknown>;
  const at = (path: string): Provenance => ({ ...source, path });
  const wrong = (claim: string, expected: string) => batch.rejects.push({ code: 'E_SCHEMA', path: `$.${claim}`, message: `${claim} must be ${expected}` });
  const str = (claim: string): string | undefined => {
    const v = c[claim];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') return void wrong(claim, 'a string');
    return v.trim() || undefined;
  };
  // `*_verified` is a boolean (§5.1); some providers send "true"/"false" strings, read alike.
  const flag = (claim: string): boolean | undefined => {
    const v = c[claim];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    return void wrong(claim, 'true or false');
  };
  const attribute = (category: 'personal' | 'profile', name: string, value: AttributeValue, path: string) =>
    batch.attributes.push({ category, name, value, provenance: at(path) });
  const identity = (kind: IdentityKind, value: string, path: string, verified?: boolean, network?: string) =>
    batch.identities.push({ kind, value, provenance: at(path), ...(verified ? { verified } : {}), ...(network ? { network } : {}) });
  const url = (claim: string) => {
    const v = str(claim);
    if (!v) return;
    const account = socialAccount(v);
    if (account) identity(account.kind, account.value, `$.${claim}`);
    else attribute('profile', claim === 'website' ? 'website' : 'profileUrl', v, `$.${claim}`);
  };

  const done = new Set<string>();
  const email = str('email');
  const emailVerified = flag('email_verified');
  if (email) identity('email', email, '$.email', emailVerified === true);
  const phone = str('phone_number');
  const phoneVerified = flag('phone_number_verified');
  if (phone) identity('phone', phone, '$.phone_number', phoneVerified === true);
  for (const [claim, name] of Object.entries(personal)) {
    const v = str(claim);
    if (v) attribute('personal', name, v, `$.${claim}`);
  }
  const birthdate = str('birthdate');
  if (birthdate) {
    const parts = birthAttributes(birthdate);
    if (parts) parts.forEach((p) => attribute('personal', p.name, p.value, '$.birthdate'));
    else batch.rejects.push({ code: 'E_RANGE', path: '$.birthdate', message: `"${birthdate}" is not YYYY-MM-DD, 0000-MM-DD or YYYY (§5.1)` });
  }
  const username = str('preferred_username');
  if (username) {
    // A name at the provider: the issuer is the network it belongs to.
    let network = 'openid';
    try {
      network = new URL(str('iss') ?? '').hostname || network;
    } catch {
      /* no issuer given: the generic network name stands */
    }
    identity('other', username, '$.preferred_username', false, network);
  }
  url('profile');
  url('website');
  const address = c.address;
  if (address !== undefined && address !== null) {
    if (typeof address !== 'object' || Array.isArray(address)) wrong('address', 'an object (§5.1.1)');
    else {
      const a = address as Record<string, unknown>;
      for (const [part, name] of [['locality', 'city'], ['region', 'region'], ['country', 'country']] as const) {
        const v = a[part];
        if (v === undefined || v === null) continue;
        if (typeof v !== 'string') batch.rejects.push({ code: 'E_SCHEMA', path: `$.address.${part}`, message: `address.${part} must be a string` });
        else if (v.trim()) attribute('personal', name, v.trim(), `$.address.${part}`);
      }
      for (const part of Object.keys(a)) {
        if (!['locality', 'region', 'country'].includes(part)) {
          batch.skipped.push({ code: 'E_UNSUPPORTED', path: `$.address.${part}`, message: `address.${part}: only the locality, region and country are kept` });
        }
      }
    }
  }
  for (const claim of ['email', 'email_verified', 'phone_number', 'phone_number_verified', 'birthdate', 'preferred_username', 'profile', 'website', 'address', ...Object.keys(personal)]) done.add(claim);
  for (const claim of Object.keys(c)) {
    if (done.has(claim)) continue;
    if (claim === 'iss' && username) continue;
    const why = tokenClaims.has(claim) ? 'about the sign-in, not the person' : claim === 'picture' ? 'pictures are not imported' : 'not an OpenID Connect standard claim the vault holds';
    batch.skipped.push({ code: 'E_UNSUPPORTED', path: `$.${claim}`, message: `${claim}: ${why}` });
  }
  return batch;
}
