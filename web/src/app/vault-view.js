// The customer's own data: identities, Four-Ps attributes, history and the change journal.
import { columnChart } from './charts.js';
import { byTestId, day, el, replace } from './dom.js';

function attributeText(value) {
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object' && 'date' in value) return value.date;
  return String(value);
}

function spendByMonth(transactions) {
  const months = new Map();
  for (const t of transactions) months.set(t.at.slice(0, 7), (months.get(t.at.slice(0, 7)) ?? 0) + t.amount);
  return [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, value]) => ({ label: label.slice(2), value }));
}

export function renderVault(vault) {
  const doc = vault.toJSON();
  // Where each imported item came from, by the name the journal gives it.
  const sources = new Map();
  for (const p of doc.provenance ?? []) sources.set(p.item, [...(sources.get(p.item) ?? []), `${p.source} ${p.file} ${p.path}`]);
  const from = (item) => (sources.has(item) ? el('span', { class: 'tag', text: `from ${sources.get(item).join('; ')}` }) : null);
  replace(byTestId('identities'), doc.identities.map((i) =>
    el('li', {}, `${i.kind}${i.network ? ` (${i.network})` : ''}: ${i.value}`,
      i.primary ? el('span', { class: 'tag', text: 'primary' }) : null,
      i.verified ? el('span', { class: 'tag', text: 'verified' }) : null,
      from(`${i.kind}${i.network ? `/${i.network.trim().toLowerCase()}` : ''}:${i.normalized}`))));
  if (!doc.identities.length) replace(byTestId('identities'), el('li', { text: 'No identities yet.' }));

  const categories = ['personal', 'profile', 'preferential', 'performance'];
  replace(byTestId('attributes'), categories.map((c) => {
    const entries = Object.entries(doc.attributes[c] ?? {});
    return el('p', {}, el('strong', { text: `${c}: ` }),
      entries.length ? entries.map(([k, v]) => `${k} = ${attributeText(v)}${sources.has(`${c}/${k}`) ? ' (imported)' : ''}`).join(' · ') : '—');
  }));

  const h = doc.history;
  byTestId('history-counts').textContent = `${h.transactions.length} purchases · ${h.interactions.length} interactions · ` +
    `${h.surveys.length} survey answers · ${h.referrals.length} referrals · ${h.reach.length} reach records`;
  columnChart(byTestId('spend-chart'), spendByMonth(h.transactions));

  replace(byTestId('journal'), [...doc.journal].reverse().slice(0, 40).map((j) =>
    el('li', {}, `${day(j.at)} ${j.op} ${j.target}: ${j.detail}`)));
}

function parseValue(text) {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return { date: t };
  if (t.includes(',')) return t.split(',').map((s) => s.trim()).filter(Boolean);
  return t;
}

/** Wires the forms; `apply(fn, done)` runs a vault change, reports errors, and re-renders. */
export function wireVaultForms(getVault, apply) {
  document.getElementById('identity-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const kind = document.getElementById('identity-kind').value;
    const value = document.getElementById('identity-value').value;
    apply(() => {
      const merged = getVault().addIdentity({ kind, value });
      byTestId('identity-result').textContent = merged
        ? `"${value}" is the same ${kind} as one you already have: merged, no duplicate.`
        : `Added ${kind} "${value}".`;
      document.getElementById('identity-value').value = '';
    }, byTestId('identity-result'));
  });
  document.getElementById('attribute-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const category = document.getElementById('attribute-category').value;
    const name = document.getElementById('attribute-name').value.trim();
    const value = parseValue(document.getElementById('attribute-value').value);
    apply(() => getVault().setAttribute(category, name, value));
  });
  document.getElementById('purchase-date').value = new Date().toISOString().slice(0, 10);
  document.getElementById('purchase-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const amount = Number(document.getElementById('purchase-amount').value);
    // Noon of the chosen day, or now if that is still to come (today before noon UTC): a purchase
    // dated after "now" would be refused when the scores are computed as of now.
    const noon = new Date(`${document.getElementById('purchase-date').value}T12:00:00Z`);
    const at = new Date(Math.min(noon.getTime(), Date.now())).toISOString().replace(/\.\d+Z$/, 'Z');
    apply(() => getVault().addTransaction({ at, amount, margin: Math.round(amount * 30) / 100, currency: 'EUR' }));
  });
  document.getElementById('feedback-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = document.getElementById('feedback-text').value;
    const isPublic = document.getElementById('feedback-public').checked;
    apply(() => {
      getVault().addInteraction({
        at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), channel: isPublic ? 'twitter' : 'email',
        direction: 'customer-to-business', isPublic, participants: 2, replyExpected: true, replyReceived: false, text,
      });
      document.getElementById('feedback-text').value = '';
    });
  });
}
