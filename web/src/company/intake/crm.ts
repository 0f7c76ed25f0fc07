// Contacts for a CRM's import, from the claims a customer granted for one purpose. The headers are
// the names HubSpot's contact import maps by itself (Email, First name, Last name, Phone number,
// Lifecycle stage); the README maps them to Salesforce's too. Cells are RFC 4180 CSV and never
// start a spreadsheet formula: CRMs' users open these files in spreadsheets.
import { companyWasm } from '../../runtime/company_loader.js';
import { SelfCrmError, unwrapLines, type LineReject } from '../../runtime/errors.js';
import { withBytes } from '../../runtime/heap.js';
import type { ClaimValue } from '../../share/claims.js';
import type { IntakeStore, StoredClaim } from './store.js';

export const crmColumns = ['Email', 'First name', 'Last name', 'Phone number', 'Lifecycle stage', 'Lead score', 'Segments', 'Persona', 'Consent purpose', 'Consent expires', 'Pairwise ID'] as const;

export type CrmContact = Record<(typeof crmColumns)[number], string>;

/** Lifecycle stage and lead score (README "export crm"), computed by the core. */
interface CrmRating {
  stage: 'Lead' | 'Customer' | 'Evangelist';
  leadScore: number | null;
}

/** The core's rating of each customer's claims, in order, in one call into the company module. */
function crmRatings(customers: readonly Record<string, ClaimValue>[]): CrmRating[] {
  if (customers.length === 0) return [];
  const text = customers.map((claims) => `${JSON.stringify({ claims })}\n`).join('');
  const mod = companyWasm();
  const out = withBytes(text, (p, n) => unwrapLines<{ ndjson: string; rejects: LineReject[] }>(mod.crmRateRows(p, n, 1)), mod);
  const bad = out.rejects[0];
  if (bad) throw new SelfCrmError('E_INTERNAL', `a stored customer could not be rated: ${bad.message}`, bad.path);
  return out.ndjson.split('\n').filter(Boolean).map((line) => JSON.parse(line) as CrmRating);
}

function first(value: ClaimValue | undefined): string {
  if (Array.isArray(value)) return value.length ? first(value[0] as ClaimValue) : '';
  return value === undefined || value === null ? '' : String(value);
}

/** First and last name: the raw claims when shared, else the full name split at its last space. */
function names(c: Map<string, ClaimValue>): [string, string] {
  const given = first(c.get('/personal/firstName'));
  const family = first(c.get('/personal/lastName'));
  if (given || family) return [given, family];
  const full = first(c.get('/personal/name')).trim();
  const cut = full.lastIndexOf(' ');
  return cut < 0 ? [full, ''] : [full.slice(0, cut), full.slice(cut + 1)];
}

function contactRow(subject: string, claims: StoredClaim[], purpose: string, rating: CrmRating): CrmContact {
  const c = new Map(claims.map((x) => [x.claim, x.value]));
  const [given, family] = names(c);
  const segments = claims.filter((x) => x.claim.startsWith('segment:') && x.value === true).map((x) => x.claim.slice('segment:'.length)).sort();
  const expiries = claims.map((x) => x.expiresAt).filter((e): e is string => e !== null).sort();
  return {
    Email: first(c.get('/identities/email/primary') ?? c.get('/identities/email') ?? c.get('/identities/email/0')),
    'First name': given,
    'Last name': family,
    'Phone number': first(c.get('/identities/phone/primary') ?? c.get('/identities/phone') ?? c.get('/identities/phone/0')),
    'Lifecycle stage': rating.stage,
    'Lead score': rating.leadScore === null ? '' : String(rating.leadScore),
    Segments: segments.join(';'),
    Persona: first(c.get('persona')),
    'Consent purpose': purpose,
    'Consent expires': expiries[0] ?? '',
    'Pairwise ID': subject,
  };
}

const claimObject = (claims: StoredClaim[]): Record<string, ClaimValue> => Object.fromEntries(claims.map((x) => [x.claim, x.value]));

/**
 * One customer's contact row; the lifecycle stage and the lead score are the core's rules
 * (README "export crm"): Evangelist, Customer or Lead; the mean of the shared score bands.
 */
export function crmContact(subject: string, claims: StoredClaim[], purpose: string): CrmContact {
  return contactRow(subject, claims, purpose, crmRatings([claimObject(claims)])[0] as CrmRating);
}

/** Contacts of every customer with claims in force granted for `purpose` (only those claims are read). */
export function crmContacts(store: IntakeStore, options: { purpose: string; now?: Date }): CrmContact[] {
  const groups: { subject: string; claims: StoredClaim[] }[] = [];
  for (const c of store.claimsInForce({ now: options.now ?? new Date(), purpose: options.purpose })) {
    const last = groups[groups.length - 1];
    if (last?.subject === c.subject) last.claims.push(c);
    else groups.push({ subject: c.subject, claims: [c] });
  }
  const ratings = crmRatings(groups.map((g) => claimObject(g.claims)));
  return groups.map((g, i) => contactRow(g.subject, g.claims, options.purpose, ratings[i] as CrmRating));
}

/**
 * One RFC 4180 field. Text a spreadsheet would run as a formula (first character = + - @, tab or
 * CR) gets a leading ', except a plain number or phone number (+44 20 7946 0000, -3.5): nothing
 * a spreadsheet runs, and a CRM must receive it as it is.
 */
export function crmCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^[+-]?[0-9][0-9 ().-]*$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV text: the header, then one CRLF-terminated record per contact (RFC 4180). */
export function crmCsv(contacts: CrmContact[]): string {
  return [crmColumns.map(crmCell).join(','), ...contacts.map((row) => crmColumns.map((k) => crmCell(row[k])).join(','))].map((l) => `${l}\r\n`).join('');
}
