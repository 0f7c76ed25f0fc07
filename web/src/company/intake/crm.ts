// Contacts for a CRM's import, from the claims a customer granted for one purpose. The headers are
// the names HubSpot's contact import maps by itself (Email, First name, Last name, Phone number,
// Lifecycle stage); the README maps them to Salesforce's too. Cells are RFC 4180 CSV and never
// start a spreadsheet formula: CRMs' users open these files in spreadsheets.
import type { ClaimValue } from '../../share/claims.js';
import type { IntakeStore, StoredClaim } from './store.js';

export const crmColumns = ['Email', 'First name', 'Last name', 'Phone number', 'Lifecycle stage', 'Lead score', 'Segments', 'Persona', 'Consent purpose', 'Consent expires', 'Pairwise ID'] as const;

export type CrmContact = Record<(typeof crmColumns)[number], string>;

const bandPoints: Record<string, number> = { low: 0, medium: 50, high: 100 };

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

/**
 * One customer's contact row: lifecycle stage Evangelist when segment:evangelist is true, Customer
 * when a purchase-based claim (band:clv, rfm:segment) was shared, else Lead; lead score the mean of
 * the shared score bands (band:clv, band:engagement, band:influence; low 0, medium 50, high 100).
 */
export function crmContact(subject: string, claims: StoredClaim[], purpose: string): CrmContact {
  const c = new Map(claims.map((x) => [x.claim, x.value]));
  const [given, family] = names(c);
  const bands = ['band:clv', 'band:engagement', 'band:influence'].map((b) => bandPoints[first(c.get(b))]).filter((p): p is number => p !== undefined);
  const segments = claims.filter((x) => x.claim.startsWith('segment:') && x.value === true).map((x) => x.claim.slice('segment:'.length)).sort();
  const expiries = claims.map((x) => x.expiresAt).filter((e): e is string => e !== null).sort();
  return {
    Email: first(c.get('/identities/email/primary') ?? c.get('/identities/email') ?? c.get('/identities/email/0')),
    'First name': given,
    'Last name': family,
    'Phone number': first(c.get('/identities/phone/primary') ?? c.get('/identities/phone') ?? c.get('/identities/phone/0')),
    'Lifecycle stage': c.get('segment:evangelist') === true ? 'Evangelist' : c.has('band:clv') || c.has('rfm:segment') ? 'Customer' : 'Lead',
    'Lead score': bands.length ? String(Math.round(bands.reduce((a, b) => a + b, 0) / bands.length)) : '',
    Segments: segments.join(';'),
    Persona: first(c.get('persona')),
    'Consent purpose': purpose,
    'Consent expires': expiries[0] ?? '',
    'Pairwise ID': subject,
  };
}

/** Contacts of every customer with claims in force granted for `purpose` (only those claims are read). */
export function crmContacts(store: IntakeStore, options: { purpose: string; now?: Date }): CrmContact[] {
  const rows: CrmContact[] = [];
  let subject = '';
  let group: StoredClaim[] = [];
  const flush = () => group.length && rows.push(crmContact(subject, group, options.purpose));
  for (const c of store.claimsInForce({ now: options.now ?? new Date(), purpose: options.purpose })) {
    if (c.subject !== subject) {
      flush();
      subject = c.subject;
      group = [];
    }
    group.push(c);
  }
  flush();
  return rows;
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
