// The vault app: the customer's data, insights and ledger on the vault's own origin. Opened by a
// company's page (a popup), it also answers that page's request after the customer's consent.
// Nothing here is reachable from the company's origin: the browser keeps the two apart.
import * as selfcrm from '../index.js';
import { listenForRequest } from './consent.js';
import { byTestId, el, replace, say } from './dom.js';
import { renderInsights } from './insights-view.js';
import { renderProvenance, wireImport } from './import-view.js';
import { renderVault, wireVaultForms } from './vault-view.js';

const { Insights, Vault, ready } = selfcrm;
const STORE_KEY = 'vault';
const status = byTestId('status');

/** Everything the page holds; other modules get it through `session`. */
export const session = {
  vault: undefined, engine: undefined, insights: undefined, passphrase: '',
  // Set when a saved vault could not be opened: nothing is saved over it until the customer says so.
  saveLocked: false,
  keys: selfcrm.indexedDbKeyStore(),
  selfcrm,
  /** Runs `change` on the vault, re-renders, saves; a coded error is shown and nothing else happens. */
  apply: (change, where) => apply(change, where),
  /** Re-renders and saves after a change made elsewhere (an answered request). */
  persist: async () => {
    await refresh();
    await save();
  },
};

export function fail(e, where = status) {
  const text = e instanceof selfcrm.SelfCrmError ? `${e.code}${e.path ? ` at ${e.path}` : ''}: ${e.message}` : String(e?.message ?? e);
  say(where, text, 'error');
}

let saving = Promise.resolve();
export function save() {
  if (session.saveLocked) {
    say(byTestId('save-status'), 'Not saved: your encrypted vault in this browser was not opened. "Save in this browser" replaces it.', 'error');
    return saving;
  }
  saving = saving.then(async () => {
    await selfcrm.saveVaultToIndexedDB(STORE_KEY, session.vault, session.passphrase ? { passphrase: session.passphrase } : {});
    say(byTestId('save-status'), `Saved in this browser${session.passphrase ? ', encrypted' : ''} at ${new Date().toLocaleTimeString()}.`, 'ok');
  }).catch((e) => fail(e, byTestId('save-status')));
  return saving;
}

async function renderLedger() {
  const ledger = await session.vault.ledger();
  const check = await ledger.verify();
  byTestId('ledger-check').textContent = check.valid
    ? `${check.length} entries, hash chain intact (head ${check.head.slice(0, 12)}…).`
    : `Ledger damaged: ${check.problems.map((p) => p.kind).join(', ')}`;
  const live = new Map(session.vault.grants().filter((g) => !g.revokedAt).map((g) => [g.id, g]));
  replace(byTestId('ledger').querySelector('tbody'), [...ledger.list()].reverse().flatMap((e) => e.claims.map((c) => {
    const grant = e.grantId ? live.get(e.grantId) : undefined;
    const revoke = e.type === 'grant' && grant
      ? el('button', { type: 'button', class: 'secondary', text: 'Revoke', 'aria-label': `Revoke ${c.claim} for ${e.recipient.origin}`,
        onclick: () => apply(() => session.vault.revoke(grant.id)) })
      : null;
    const what = e.type === 'share' && e.presentation ? `shared (nonce ${e.presentation.nonce.slice(0, 8)}…)` : e.type;
    return el('tr', {}, el('td', { text: e.at.replace('T', ' ').slice(0, 16) }), el('td', { text: what }), el('td', { text: e.recipient.origin }),
      el('td', { text: c.claim }), el('td', { text: c.level }), el('td', { text: selfcrm.purposeWords(c.purpose) }), el('td', {}, revoke));
  })));
}

export async function refresh() {
  renderVault(session.vault);
  renderProvenance(session.vault.toJSON());
  try {
    session.insights = session.engine.analyze(session.vault, { asOf: new Date() });
    renderInsights(session.insights, session.vault.toJSON().history.interactions, selfcrm.analyzeText);
  } catch (e) {
    session.insights = undefined;
    fail(e);
  }
  await renderLedger();
}

async function apply(change, where = status) {
  try {
    await change();
    await refresh();
    await save();
  } catch (e) {
    fail(e, where);
  }
}

async function loadSample(name) {
  let next;
  if (name === 'empty') next = Vault.create('me');
  else {
    const res = await fetch(`../samples/${name}.json`);
    if (!res.ok) throw new selfcrm.SelfCrmError('E_NOT_FOUND', `no sample "${name}" on this site`);
    next = Vault.fromJSON(await res.text());
  }
  session.vault?.dispose();
  session.vault = next;
}

function wire() {
  document.getElementById('start-form').addEventListener('submit', (event) => {
    event.preventDefault();
    apply(() => loadSample(document.getElementById('sample').value));
  });
  wireVaultForms(() => session.vault, (fn, where) => apply(fn, where));
  document.getElementById('export').addEventListener('click', () => {
    const blob = new Blob([session.vault.toString()], { type: 'application/json' });
    const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: 'my-vault.json' });
    a.click();
    URL.revokeObjectURL(a.href);
  });
  document.getElementById('import').addEventListener('change', async (event) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    apply(() => {
      const next = Vault.fromJSON(text);
      session.vault?.dispose();
      session.vault = next;
    });
  });
  document.getElementById('save-form').addEventListener('submit', (event) => {
    event.preventDefault();
    session.passphrase = document.getElementById('passphrase').value;
    session.saveLocked = false;
    say(byTestId('save-status'), session.passphrase ? 'Encrypting (PBKDF2, 600,000 iterations)…' : 'Saving…');
    save();
  });
}

/** Opens the saved vault; asks for the passphrase of an encrypted one in the page (no prompt()). */
async function openSaved() {
  try {
    session.vault = await selfcrm.loadVaultFromIndexedDB(STORE_KEY);
    say(status, 'Your vault was loaded from this browser. Computed in WebAssembly on this device.', 'ok');
    return;
  } catch (e) {
    if (!(e instanceof selfcrm.SelfCrmError) || e.code !== 'E_DECRYPT') {
      await loadSample('evangelist').catch(() => { session.vault = Vault.create('me'); });
      say(status, 'A new vault (a sample). Computed in WebAssembly on this device.', 'ok');
      return;
    }
  }
  const form = document.getElementById('unlock-form');
  form.hidden = false;
  say(status, 'Your vault is encrypted: enter your passphrase.');
  await new Promise((resolve) => {
    form.addEventListener('submit', async function onSubmit(event) {
      event.preventDefault();
      const passphrase = document.getElementById('unlock-passphrase').value;
      try {
        session.vault = await selfcrm.loadVaultFromIndexedDB(STORE_KEY, { passphrase });
        session.passphrase = passphrase;
        form.hidden = true;
        form.removeEventListener('submit', onSubmit);
        say(status, 'Your encrypted vault was opened. Computed in WebAssembly on this device.', 'ok');
        resolve();
      } catch (err) {
        fail(err);
      }
    });
  });
}

async function start() {
  // Registered first, so a company's request can arrive while the engine loads; it waits for `opened`.
  let opened;
  const vaultOpen = new Promise((resolve) => { opened = resolve; });
  listenForRequest(session, vaultOpen);
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  await ready();
  session.engine = Insights.create();
  wire();
  await wireImport(session);
  await openSaved();
  await refresh();
  opened();
  document.body.dataset.ready = 'yes';
}

start().catch((e) => fail(e));
