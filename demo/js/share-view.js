// The customer's choices: per claim a level, purpose and expiry; the live preview of the packet;
// the ledger; and displayed claims rendered by the library, never handed to page code.
import { byTestId, day, el, replace } from './dom.js';

export const company = { id: 'northwind', displayName: 'Northwind Outfitters', origin: 'https://northwind.example' };

export const claimRows = [
  ['/personal/name', 'Your name'],
  ['/identities/email/primary', 'Primary email'],
  ['/personal/locale', 'Locale'],
  ['/personal/birthYear', 'Birth year'],
  ['persona', 'Persona'],
  ['segment:evangelist', 'Evangelist (yes/no)'],
  ['nps:category', 'NPS category'],
  ['band:clv', 'Value band (CLV)'],
  ['rfm:segment', 'RFM segment'],
];

const levels = ['owned', 'copied', 'borrowed', 'displayed'];
const live = (g) => g.recipient.id === company.id && !g.revokedAt;
const inDays = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

/** The live grant of this company for each claim. */
export function liveGrants(vault) {
  return new Map(vault.grants().filter(live).map((g) => [g.claim, g]));
}

function slug(claim) {
  return claim.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
}

export function renderShare(vault, claims, onChange) {
  const grants = liveGrants(vault);
  const body = byTestId('grant-table').querySelector('tbody');
  replace(body, claimRows.map(([claim, label]) => {
    const g = grants.get(claim);
    const id = slug(claim);
    const level = el('select', { id: `level-${id}`, 'data-claim': claim, 'aria-label': `Level for ${label}` },
      levels.map((l) => el('option', { value: l, text: l, selected: (g?.level ?? 'owned') === l })));
    const purpose = el('input', { id: `purpose-${id}`, value: g?.purpose ?? 'personalised offers', 'aria-label': `Purpose for ${label}` });
    const expires = el('input', { id: `expires-${id}`, type: 'date', value: g?.expiresAt ? day(g.expiresAt) : inDays(30), 'aria-label': `Expiry for ${label}` });
    const changed = () => onChange({ claim, grant: g, level: level.value, purpose: purpose.value, expires: expires.value });
    level.addEventListener('change', changed);
    purpose.addEventListener('change', changed);
    expires.addEventListener('change', changed);
    return el('tr', {}, el('th', { scope: 'row', text: label, title: claim }), el('td', {}, level), el('td', {}, purpose), el('td', {}, expires));
  }));

  // The live preview: exactly the claims a packet would carry now (copied and borrowed only).
  const preview = [];
  for (const g of grants.values()) {
    if (g.level !== 'copied' && g.level !== 'borrowed') continue;
    preview.push({ claim: g.claim, value: claims.resolve(g.claim) ?? null, level: g.level, purpose: g.purpose,
      retention: g.level === 'borrowed' ? 'none' : 'keep', expiresAt: g.expiresAt });
  }
  byTestId('packet-preview').textContent = preview.length
    ? JSON.stringify(preview, null, 2)
    : 'Nothing: every claim is owned (or only displayed). A packet now would carry no claim.';
  return [...grants.values()].filter((g) => g.level === 'displayed');
}

export async function renderLedger(vault, onRevoke) {
  const ledger = await vault.ledger();
  const check = await ledger.verify();
  byTestId('ledger-check').textContent = check.valid
    ? `${check.length} entries, hash chain intact (head ${check.head.slice(0, 12)}…).`
    : `Ledger damaged: ${check.problems.map((p) => p.kind ?? p.message).join(', ')}`;
  const grants = liveGrants(vault);
  replace(byTestId('ledger').querySelector('tbody'), [...ledger.list()].reverse().flatMap((e) =>
    (e.claims.length ? e.claims : [{ claim: '—', level: '', purpose: '' }]).map((c) => {
      const g = grants.get(c.claim);
      const revoke = e.type !== 'share' && g && g.id === e.grantId
        ? el('button', { type: 'button', class: 'secondary', text: 'Revoke', 'aria-label': `Revoke ${c.claim}`, onclick: () => onRevoke(g) })
        : null;
      return el('tr', {}, el('td', { text: e.at.replace('T', ' ').slice(0, 16) }), el('td', { text: e.type }),
        el('td', { text: c.claim }), el('td', { text: c.level }), el('td', { text: c.purpose }), el('td', {}, revoke));
    })));
}
