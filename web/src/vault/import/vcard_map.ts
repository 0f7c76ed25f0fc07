// One contact card (as jCard properties, RFC 7095) mapped onto the vault: identities, Four-Ps
// attributes, and a reason for every property left out. Shared by the vCard and jCard readers.
import type { AttributeCategory, AttributeValue, IdentityKind } from '../types.js';
import type { ImportBatch, ImportedAttribute, ImportedIdentity, ImportProblem, Provenance } from './batch.js';
import { socialAccount, socialKinds } from './social_urls.js';

/** One property: jCard's [name, parameters, value type, ...values] plus where it sits in the file. */
export interface CardProperty {
  name: string;
  params: Record<string, unknown>;
  type: string;
  values: unknown[];
  path: string;
}

/** The provenance of every item of one file, less the path. */
export type FileSource = Omit<Provenance, 'path'>;

type Found = Pick<ImportBatch, 'identities' | 'attributes' | 'skipped'>;

const flat = (v: unknown): string =>
  Array.isArray(v) ? v.map(flat).filter(Boolean).join(' ') : typeof v === 'string' ? v.trim() : v == null ? '' : String(v);
const component = (values: unknown[], i: number): string => {
  const v = values[0];
  return flat(Array.isArray(v) ? v[i] : i === 0 ? v : '');
};
const paramList = (p: unknown): string[] =>
  (Array.isArray(p) ? p : p === undefined ? [] : [p]).flatMap((x) => String(x).split(',')).map((s) => s.trim().toLowerCase()).filter(Boolean);

/** RFC 6350 PREF (1 most preferred … 100), or vCard 3.0's TYPE=pref as 1. */
export function prefOf(p: CardProperty): number | undefined {
  const pref = Number(p.params.pref);
  if (Number.isInteger(pref) && pref >= 1 && pref <= 100) return pref;
  return paramList(p.params.type).includes('pref') ? 1 : undefined;
}

// Chat addresses given as vCard 3.0 extensions, and what network each is.
const chatExtensions: Record<string, string> = {
  'x-skype': 'skype', 'x-skype-username': 'skype', 'x-jabber': 'xmpp', 'x-aim': 'aim', 'x-icq': 'icq',
  'x-msn': 'msn', 'x-yahoo': 'yahoo', 'x-gadugadu': 'gadugadu', 'x-qq': 'qq',
};
const metadata = new Set(['version', 'prodid', 'uid', 'rev', 'source', 'clientpidmap', 'x-abuid', 'name', 'profile', 'sort-string', 'class', 'mailer']);
const media = new Set(['photo', 'logo', 'sound', 'key']);
const genders: Record<string, string> = { m: 'male', f: 'female', o: 'other', n: 'none', u: 'unknown' };

/** A BDAY value as the vault's attributes: a full date, a year alone, or a month and day alone. */
export function birthAttributes(value: string): { name: string; value: AttributeValue }[] | undefined {
  const date = /^(\d{4})-?(\d{2})-?(\d{2})(T.*)?$/.exec(value);
  if (date) {
    const [, y, m, d] = date;
    const out: { name: string; value: AttributeValue }[] = [{ name: 'birthYear', value: Number(y) }, { name: 'birthDate', value: { date: `${y}-${m}-${d}` } }];
    // Year 0000 (OpenID Connect) and vCard's --MM-DD mean "year withheld".
    return y === '0000' ? [{ name: 'birthMonthDay', value: `${m}-${d}` }] : out;
  }
  const year = /^(\d{4})$/.exec(value);
  if (year) return [{ name: 'birthYear', value: Number(year[1]) }];
  const monthDay = /^--(\d{2})-?(\d{2})$/.exec(value);
  if (monthDay) return [{ name: 'birthMonthDay', value: `${monthDay[1]}-${monthDay[2]}` }];
  return undefined;
}

/** Maps the properties of the customer's own card. */
export function mapCard(props: CardProperty[], source: FileSource): Found {
  const found: Found = { identities: [], attributes: [], skipped: [] };
  const at = (p: CardProperty): Provenance => ({ ...source, path: p.path });
  const skip = (p: CardProperty, message: string, code: ImportProblem['code'] = 'E_UNSUPPORTED') =>
    found.skipped.push({ code, path: p.path, message: `${p.name.toUpperCase()}: ${message}` });
  const identity = (p: CardProperty, kind: IdentityKind, value: string, network?: string) => {
    const item: ImportedIdentity = { kind, value, provenance: at(p) };
    if (network) item.network = network;
    const pref = prefOf(p);
    if (pref !== undefined) item.pref = pref;
    found.identities.push(item);
  };
  // Single-valued attributes: the most preferred property wins (ties: the first); the others are reported.
  const single = new Map<string, { p: CardProperty; value: AttributeValue; category: AttributeCategory; name: string }>();
  const offer = (p: CardProperty, category: AttributeCategory, name: string, value: AttributeValue) => {
    if (value === '' || (Array.isArray(value) && value.length === 0)) return;
    const key = `${category}/${name}`;
    const held = single.get(key);
    const better = !held || (prefOf(p) ?? 101) < (prefOf(held.p) ?? 101);
    if (held && held.p !== p) {
      const loser = better ? held.p : p;
      skip(loser, `another value for ${key}; the vault keeps the preferred one (${better ? p.path : held.p.path})`, 'E_CONFLICT');
    }
    if (better) single.set(key, { p, value, category, name });
  };

  // Groups (RFC 6350 §3.3) carry Apple's X-ABLabel naming what a URL or IMPP of the group is.
  const labels = new Map<string, string>();
  for (const p of props) {
    if (p.name === 'x-ablabel' && typeof p.params.group === 'string') {
      labels.set(p.params.group.toLowerCase(), flat(p.values).replace(/^_\$!<(.*)>!\$_$/, '$1').toLowerCase());
    }
  }
  // ALTID (RFC 6350 §5.4): alternative representations of one value; the first one stands for all.
  const altFirst = new Map<string, CardProperty>();
  const languages: { tag: string; pref: number; order: number }[] = [];

  props.forEach((p, order) => {
    const altid = p.params.altid === undefined ? undefined : `${p.name}\n${String(p.params.altid)}`;
    if (altid !== undefined) {
      const first = altFirst.get(altid);
      if (first) return skip(p, `another representation (ALTID=${String(p.params.altid)}) of ${first.path}`, 'E_CONFLICT');
      altFirst.set(altid, p);
    }
    const value = flat(p.values);
    const group = typeof p.params.group === 'string' ? labels.get(p.params.group.toLowerCase()) : undefined;
    switch (p.name) {
      case 'fn': return offer(p, 'personal', 'name', value);
      case 'n': {
        offer(p, 'personal', 'familyName', component(p.values, 0));
        offer(p, 'personal', 'givenName', component(p.values, 1));
        offer(p, 'personal', 'additionalNames', component(p.values, 2));
        offer(p, 'personal', 'honorificPrefix', component(p.values, 3));
        return offer(p, 'personal', 'honorificSuffix', component(p.values, 4));
      }
      case 'nickname': return offer(p, 'personal', 'nickname', component(p.values, 0));
      case 'bday': {
        const parts = birthAttributes(value);
        if (!parts) return skip(p, `"${value}" is not a date the vault can hold (a full date, a year, or --MM-DD)`, 'E_RANGE');
        return parts.forEach((a) => offer(p, 'personal', a.name, a.value));
      }
      case 'gender': {
        const sex = component(p.values, 0).toLowerCase();
        const identityText = component(p.values, 1);
        if (sex && !genders[sex]) return skip(p, `"${sex}" is not a sex RFC 6350 defines (M, F, O, N, U)`, 'E_RANGE');
        if (sex) offer(p, 'personal', 'gender', genders[sex] as string);
        return offer(p, 'personal', 'genderIdentity', identityText);
      }
      case 'adr': {
        // Only where the customer lives, coarsely: street and postal code stay out of the vault.
        offer(p, 'personal', 'city', component(p.values, 3));
        offer(p, 'personal', 'region', component(p.values, 4));
        return offer(p, 'personal', 'country', component(p.values, 6));
      }
      case 'lang':
        languages.push({ tag: value, pref: prefOf(p) ?? 101, order });
        return;
      case 'tz':
        // A named zone says where; an offset (-0500) changes twice a year and says little.
        return p.type === 'text' && !/^[+-]\d{2}:?\d{2}$/.test(value) ? offer(p, 'personal', 'timeZone', value) : skip(p, 'only a named time zone (Europe/Paris) is kept, not an offset');
      case 'org': {
        offer(p, 'profile', 'company', component(p.values, 0));
        const units = Array.isArray(p.values[0]) ? (p.values[0] as unknown[]).slice(1).map(flat).filter(Boolean) : [];
        return offer(p, 'profile', 'department', units.join(' / '));
      }
      case 'title': return offer(p, 'profile', 'job', value);
      case 'role': return offer(p, 'profile', 'role', value);
      case 'email': return identity(p, 'email', value);
      case 'tel': return identity(p, 'phone', value.replace(/^tel:/i, '').replace(/;.*$/, ''));
      case 'impp': {
        const m = /^([a-z][a-z0-9+.-]*):(.+)$/i.exec(value);
        if (!m) return skip(p, `"${value}" is not a URI (scheme:address)`, 'E_RANGE');
        return identity(p, 'other', (m[2] as string).replace(/^\/\//, ''), (m[1] as string).toLowerCase());
      }
      case 'url': {
        const account = socialAccount(value);
        if (account) return identity(p, account.kind, account.value);
        if (group && (socialKinds as string[]).includes(group)) return identity(p, group as IdentityKind, value.replace(/^.*\//, ''));
        return offer(p, 'profile', 'website', value);
      }
      case 'x-socialprofile': {
        const network = paramList(p.params.type).find((t) => t !== 'pref') ?? '';
        const user = typeof p.params['x-user'] === 'string' ? p.params['x-user'] : undefined;
        const account = socialAccount(value);
        if ((socialKinds as string[]).includes(network)) {
          const handle = user ?? (account?.kind === network ? account.value : undefined);
          if (!handle) return skip(p, `no ${network} account in "${value}"`, 'E_RANGE');
          return identity(p, network as IdentityKind, handle);
        }
        if (account) return identity(p, account.kind, account.value);
        if (!network) return skip(p, 'names no network (TYPE=…)', 'E_RANGE');
        return identity(p, 'other', user ?? value.replace(/\/+$/, '').replace(/^.*\//, ''), network);
      }
      case 'kind':
        if (value.toLowerCase() !== 'individual') return skip(p, `this card describes a ${value}, not a person: its other properties are imported as the customer's`);
        return skip(p, 'card metadata');
      case 'x-ablabel': return skip(p, `the label of group ${String(p.params.group ?? '')} (read with its other lines)`);
      default:
        if (chatExtensions[p.name]) return identity(p, 'other', value, chatExtensions[p.name]);
        if (metadata.has(p.name)) return skip(p, 'card metadata');
        if (media.has(p.name)) return skip(p, 'pictures, sounds and keys are not imported');
        return skip(p, 'has no place in the vault');
    }
  });

  if (languages.length) {
    languages.sort((a, b) => a.pref - b.pref || a.order - b.order);
    const first = props[(languages[0] as { order: number }).order] as CardProperty;
    found.attributes.push({ category: 'preferential', name: 'languages', value: languages.map((l) => l.tag), provenance: at(first) });
  }
  for (const { p, category, name, value } of single.values()) found.attributes.push({ category, name, value, provenance: at(p) } satisfies ImportedAttribute);
  return found;
}
