// The demo: a customer's vault, their insights and their choices on the left; what a company
// receives, and what a privacy-preserving population view costs, on the right. Everything runs in
// this page (and its worker); the only requests are for this site's own static files.
import * as selfcrm from '../../dist/index.js';
import { showReceived, flipOneByte } from './company-view.js';
import { byTestId, say } from './dom.js';
import { renderInsights } from './insights-view.js';
import { loadOrCreateKeyPair } from './keys.js';
import { runPopulation } from './population-view.js';
import { company, renderLedger, renderShare } from './share-view.js';
import { renderVault, wireVaultForms } from './vault-view.js';

const { Insights, Vault, ready } = selfcrm;
const STORE_KEY = 'demo';
const state = {
  vault: undefined, engine: undefined, keyPair: undefined, publicJwk: undefined, packet: undefined, passphrase: '', worker: undefined,
  // Set when a saved vault could not be opened: nothing is saved over it until the customer says so.
  saveLocked: false,
};
const status = byTestId('status');
const asOf = () => new Date();

function fail(e, where = status) {
  const text = e instanceof selfcrm.SelfCrmError ? `${e.code}${e.path ? ` at ${e.path}` : ''}: ${e.message}` : String(e?.message ?? e);
  say(where, text, 'error');
}

let saving = Promise.resolve();
function autosave() {
  if (state.saveLocked) {
    say(byTestId('save-status'), 'Not saved: your encrypted vault in this browser was not opened. "Save in this browser" replaces it.', 'error');
    return saving;
  }
  saving = saving.then(async () => {
    await selfcrm.saveVaultToIndexedDB(STORE_KEY, state.vault, state.passphrase ? { passphrase: state.passphrase } : {});
    say(byTestId('save-status'), `Saved in this browser${state.passphrase ? ', encrypted' : ''} at ${new Date().toLocaleTimeString()}.`, 'ok');
  }).catch((e) => fail(e, byTestId('save-status')));
  return saving;
}

async function refresh() {
  const vault = state.vault;
  renderVault(vault);
  let insights;
  try {
    insights = state.engine.analyze(vault, { asOf: asOf() });
    renderInsights(insights, vault.toJSON().history.interactions, selfcrm.analyzeText);
  } catch (e) {
    fail(e);
  }
  const displayed = renderShare(vault, vault.claims(insights), onGrantChange);
  const host = byTestId('displayed');
  host.replaceChildren();
  for (const g of displayed) {
    const slot = document.createElement('div');
    slot.dataset.claim = g.claim;
    host.append(slot);
    await selfcrm.renderDisplayed(slot, g, vault.claims(insights));
  }
  if (!displayed.length) host.textContent = 'Nothing is displayed.';
  await renderLedger(vault, onRevoke);
  state.insights = insights;
}

/** Runs one change to the vault; on failure shows the coded error and changes nothing. */
async function apply(change, where = status) {
  try {
    await change();
    await refresh();
    await autosave();
    if (where !== status) where.classList.remove('error');
  } catch (e) {
    fail(e, where);
  }
}

async function onGrantChange({ claim, grant, level, purpose, expires }) {
  const expiresAt = expires ? `${expires}T23:59:59Z` : null;
  await apply(async () => {
    if (!grant && level !== 'owned') {
      await state.vault.grant({ recipient: company, claim, level, purpose, expiresAt });
    } else if (grant && level === 'owned') {
      await state.vault.revoke(grant.id);
    } else if (grant) {
      await state.vault.changeGrant(grant.id, { level, purpose, expiresAt });
    }
  }, byTestId('share-status'));
}

async function onRevoke(grant) {
  await apply(() => state.vault.revoke(grant.id), byTestId('share-status'));
}

async function loadSample(name) {
  const next = name === 'empty'
    ? Vault.create('me')
    : Vault.fromJSON(await (await fetch(`./data/customers/${name}.json`)).text());
  state.vault?.dispose();
  state.vault = next;
}

function wire() {
  document.getElementById('start-form').addEventListener('submit', (event) => {
    event.preventDefault();
    apply(() => loadSample(document.getElementById('sample').value));
  });
  wireVaultForms(() => state.vault, (fn, where) => apply(fn, where));

  document.getElementById('export').addEventListener('click', () => {
    const blob = new Blob([state.vault.toString()], { type: 'application/json' });
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
      state.vault?.dispose();
      state.vault = next;
    });
  });
  document.getElementById('save-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.passphrase = document.getElementById('passphrase').value;
    state.saveLocked = false;
    say(byTestId('save-status'), state.passphrase ? 'Encrypting (PBKDF2, 600,000 iterations)…' : 'Saving…');
    autosave();
  });

  document.getElementById('share-button').addEventListener('click', () => apply(async () => {
    const packet = await state.vault.share(company, { keyPair: state.keyPair, insights: state.insights });
    state.packet = packet.packet;
    const withheld = packet.withheld.length ? ` Not shared, no value today: ${packet.withheld.map((w) => w.claim).join(', ')}.` : '';
    say(byTestId('share-status'), `Shared ${packet.claims.length} claim(s) with ${company.displayName}; recorded in the ledger.${withheld}`, 'ok');
    await showReceived(selfcrm, state.packet, state.publicJwk, company.id);
    document.getElementById('tamper-button').disabled = false;
  }, byTestId('share-status')));
  document.getElementById('tamper-button').addEventListener('click', async () => {
    state.packet = flipOneByte(state.packet);
    await showReceived(selfcrm, state.packet, state.publicJwk, company.id);
  });

  document.getElementById('population-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const epsilon = Number(document.getElementById('epsilon').value);
    try {
      state.worker ??= await selfcrm.createWorker();
      await runPopulation(selfcrm, state.worker, epsilon, asOf().toISOString());
    } catch (e) {
      fail(e, byTestId('population-result'));
    }
  });
}

async function start() {
  await ready();
  state.engine = Insights.create();
  state.keyPair = await loadOrCreateKeyPair(selfcrm.createKeyPair);
  state.publicJwk = (await selfcrm.exportKeyPair(state.keyPair)).publicJwk;
  wire();
  try {
    state.vault = await selfcrm.loadVaultFromIndexedDB(STORE_KEY);
    say(status, 'Your saved vault was loaded from this browser. Computed in WebAssembly on this device.', 'ok');
  } catch (e) {
    if (e instanceof selfcrm.SelfCrmError && e.code === 'E_DECRYPT') {
      const passphrase = window.prompt('Your saved vault is encrypted. Passphrase:') ?? '';
      try {
        state.vault = await selfcrm.loadVaultFromIndexedDB(STORE_KEY, { passphrase });
        state.passphrase = passphrase;
        say(status, 'Your encrypted vault was opened. Computed in WebAssembly on this device.', 'ok');
      } catch (err) {
        state.saveLocked = true;
        await loadSample('evangelist');
        fail(err);
        status.textContent += ' Showing a sample instead; your saved vault is kept as it is.';
      }
    } else {
      await loadSample('evangelist');
      say(status, 'Computed in WebAssembly on this device.', 'ok');
    }
  }
  await refresh();
  document.body.dataset.ready = 'yes';
}

start().catch((e) => fail(e));
