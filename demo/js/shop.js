// Northwind's page: "Share with SelfCRM" asks the customer's vault (another site) for claims and
// verifies what comes back; the customer's data never runs in this page. It also shows what a
// tampered or replayed answer gets, and the population view (local differential privacy).
import { createRequest, requestPresentation, SelfCrmError, verifyPresentation } from 'selfcrm/company';
import { byTestId, day, el, replace, say } from 'selfcrm/app/dom.js';
import { shopQuery } from './query.js';

const state = { rules: undefined, request: undefined, postRequest: undefined, response: undefined, answered: undefined, worker: undefined };
const status = byTestId('status');
const asked = shopQuery.dcql.credentials[0].claims.filter((c) => shopQuery.levels[c.id] !== 'displayed');
const claimName = (c) => (c.path.length === 1 ? c.path[0] : ['band', 'segment', 'nps', 'rfm', 'feedback'].includes(c.path[0]) ? `${c.path[0]}:${c.path[1]}` : `/${c.path.join('/')}`);

function show(result, where = byTestId('company-verdict')) {
  const n = Object.keys(result.claims).length;
  const declinedOnly = result.problems.every((p) => p.kind === 'not-shared');
  if (result.valid) say(where, `Verified: every claim asked for arrived intact, bound to this request and this site. ${n} claim(s).`, 'ok');
  else if (declinedOnly) say(where, `Verified: ${n} claim(s) arrived intact; the customer did not share ${result.problems.length}.`, 'ok');
  else say(where, `Rejected: ${[...new Set(result.problems.map((p) => p.kind))].join(', ')}. Kept ${n} claim(s).`, 'error');
  return n;
}

function showClaims(result) {
  replace(byTestId('company-claims').querySelector('tbody'), Object.entries(result.claims).map(([claim, c]) =>
    el('tr', { 'data-claim': claim }, el('td', { text: claim }), el('td', { text: JSON.stringify(c.value) }), el('td', { text: c.level }),
      el('td', { text: c.purpose.replace('https://w3id.org/dpv#', 'dpv:') }),
      el('td', { text: c.level === 'borrowed' ? `${day(c.expiresAt)} (must not keep)` : 'kept' }))));
  const missing = asked.map(claimName).filter((claim) => !(claim in result.claims));
  byTestId('company-missing').textContent = `Not received: ${missing.join(', ') || 'nothing'}.`;
  byTestId('company-holder').textContent = result.holder ? `Customer's key for this site only: ${result.holder.id.slice(-16)}` : '';
}

/** The same answer with one base64url character of the issuer's signature changed. */
function flipOneByte(response) {
  const [id, [presentation]] = Object.entries(response.vp_token)[0];
  const at = presentation.indexOf('~') - 8; // inside the issuer's signature
  const c = presentation[at];
  return { ...response, vp_token: { [id]: [presentation.slice(0, at) + (c === 'A' ? 'B' : 'A') + presentation.slice(at + 1)] } };
}

async function share() {
  const vaultUrl = document.getElementById('vault-url').value;
  localStorage.setItem('selfcrm-vault-url', vaultUrl);
  const posted = document.getElementById('mode').value === 'direct_post';
  const verdict = byTestId('company-verdict');
  // Requests are made before the click: the popup must open within it, before any await.
  const request = posted ? state.postRequest : state.request;
  const started = performance.now();
  try {
    const answer = await requestPresentation(request, { vaultUrl });
    let result;
    if (posted) {
      // The vault posted to Northwind's server, which verified; the page asks the server, never the vault.
      result = await (await fetch(`/api/results/${request.state}`)).json();
      state.response = undefined;
    } else {
      result = await verifyPresentation(answer, { request, origin: location.origin });
      state.response = answer;
      state.answered = request;
    }
    verdict.dataset.ms = String(Math.round(performance.now() - started));
    show(result);
    showClaims(result);
    document.getElementById('tamper').disabled = posted;
    document.getElementById('replay').disabled = posted;
  } catch (e) {
    const declined = e instanceof SelfCrmError && e.code === 'E_DECLINED';
    say(verdict, declined ? 'The customer declined: nothing was shared.' : `${e.code ?? 'Error'}: ${e.message}`, declined ? '' : 'error');
  } finally {
    await prepare(); // a fresh request (and nonce) for the next click
  }
}

async function prepare() {
  state.request = await createRequest({ ...shopQuery, rules: state.rules });
  state.postRequest = await (await fetch('/api/requests', { method: 'POST' })).json();
}

async function attack(kind) {
  const response = kind === 'tamper' ? flipOneByte(state.response) : state.response;
  const result = await verifyPresentation(response, { request: state.answered, origin: location.origin });
  show(result, byTestId('attack-verdict'));
}

async function start() {
  const config = await (await fetch('/api/config')).json();
  state.rules = config.rules; // the shop's published model, the same the server puts in its requests
  const vaultUrl = localStorage.getItem('selfcrm-vault-url') ?? config.vaultUrl;
  document.getElementById('vault-url').value = vaultUrl;
  document.querySelector('iframe[name="selfcrm-display"]').src = new URL('display.html', vaultUrl).href;
  await prepare();
  document.getElementById('share').addEventListener('click', share);
  document.getElementById('tamper').addEventListener('click', () => attack('tamper'));
  document.getElementById('replay').addEventListener('click', () => attack('replay'));
  document.getElementById('population-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const epsilon = Number(document.getElementById('epsilon').value);
    try {
      const result = byTestId('population-result');
      say(result, 'Loading the engine…');
      const selfcrm = await import('selfcrm');
      await selfcrm.ready();
      const { runPopulation } = await import('./population-view.js');
      say(result, 'Starting a worker…');
      state.worker ??= await selfcrm.createWorker();
      await runPopulation(selfcrm, state.worker, epsilon, new Date().toISOString());
    } catch (e) {
      say(byTestId('population-result'), `${e.code ?? 'Error'}: ${e.message}`, 'error');
    }
  });
  say(status, `Ready. Your vault: ${new URL(vaultUrl).origin} (another site).`, 'ok');
  document.body.dataset.ready = 'yes';
}

start().catch((e) => say(status, String(e?.message ?? e), 'error'));
