// The vault's side of the popup protocol. Who asks is `event.origin` — what the browser says, not
// what the request claims. One request per window; the answer goes only to that origin (postMessage
// with it as target origin, or a direct_post to a response_uri on that same origin).
import { byTestId, el, replace, say } from './dom.js';
import { claimLabel, explainValue, levelText } from './explain.js';
import { rememberEndpoint } from './withdraw.js';

const types = { ready: 'selfcrm:ready', request: 'selfcrm:request', response: 'selfcrm:response', declined: 'selfcrm:declined', posted: 'selfcrm:posted', display: 'selfcrm:display' };

const valueText = (v) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
const until = (iso) => (iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC' : 'no end');

/** Listens for one request from the window that opened this one; handles it once `vaultOpen` settles. */
export function listenForRequest(session, vaultOpen) {
  const opener = window.opener;
  if (!opener) return;
  let taken = false;
  window.addEventListener('message', async (event) => {
    if (event.source !== opener || event.data?.type !== types.request || taken) return;
    if (event.origin === 'null' || event.origin === location.origin) return;
    taken = true;
    await vaultOpen;
    try {
      await handle(session, event.data.request, event.origin, opener);
    } catch (e) {
      say(byTestId('consent-result'), `This request cannot be answered: ${e.code ? `${e.code}: ` : ''}${e.message}`, 'error');
    }
  });
  // "ready" carries nothing: any opener may learn that a vault window loaded, no more.
  opener.postMessage({ type: types.ready }, '*');
}

function engineFor(session, request) {
  const rules = request?.selfcrm?.rules;
  if (!rules) return { engine: session.engine, rules: 'default', own: false };
  const { model, segments, personas } = rules;
  return { engine: session.selfcrm.Insights.create({ model, segments, personas }), rules: request.selfcrm.rules_hash, own: true };
}

async function handle(session, request, origin, opener) {
  const { selfcrm, vault } = session;
  const section = byTestId('consent');
  section.hidden = false;
  byTestId('consent-origin').textContent = origin;
  section.scrollIntoView();
  let computed;
  let insights;
  try {
    computed = engineFor(session, request);
    insights = computed.engine.analyze(vault, { asOf: new Date() });
  } catch (e) {
    insights = undefined; // derived claims show as unavailable
    say(byTestId('consent-summary'), `The company's rules could not be used (${e.message}); derived values are not available.`, 'error');
  } finally {
    if (computed?.own) computed.engine.dispose();
  }
  const items = await vault.consent(request, insights);
  const travelling = items.filter((i) => i.level !== 'displayed');
  if (!byTestId('consent-summary').textContent) {
    byTestId('consent-summary').textContent = `${origin} asks for ${travelling.length} item(s)${items.length > travelling.length ? ` and to show you ${items.length - travelling.length}` : ''}. Untick what you do not want to share.`;
  }
  const boxes = new Map();
  replace(byTestId('consent-claims').querySelector('tbody'), items.map((item) => {
    const box = el('input', { type: 'checkbox', 'data-claim': item.claim, 'aria-label': `Share ${claimLabel(item.claim)}`, checked: item.available, disabled: !item.available });
    boxes.set(item.claim, box);
    const why = item.derived && item.value !== undefined ? explainValue(item.claim, item.value, insights, selfcrm.scoreBands) : null;
    return el('tr', { 'data-claim': item.claim },
      el('td', {}, box),
      el('th', { scope: 'row', text: claimLabel(item.claim), title: item.claim }),
      el('td', {}, el('strong', { text: valueText(item.value) }), why ? el('p', { class: 'why', text: why }) : null, item.reason ? el('p', { class: 'why', text: item.reason }) : null),
      el('td', { text: levelText(item.level) }),
      el('td', { text: selfcrm.purposeWords(item.purpose) }),
      el('td', { text: item.level === 'borrowed' ? until(item.expiresAt) : item.level === 'displayed' ? 'while you look' : 'they keep it' }));
  }));

  const choice = await new Promise((resolve) => {
    document.getElementById('approve-all').onclick = () => resolve(items.filter((i) => i.available).map((i) => i.claim));
    document.getElementById('approve-selected').onclick = () => resolve([...boxes].filter(([, b]) => b.checked).map(([c]) => c));
    document.getElementById('decline').onclick = () => resolve(null);
  });
  for (const id of ['approve-all', 'approve-selected', 'decline']) document.getElementById(id).disabled = true;
  const result = byTestId('consent-result');
  const chosen = new Set(choice ?? []);
  const sending = items.filter((i) => i.level !== 'displayed' && chosen.has(i.claim));
  if (!choice || sending.length === 0 && !items.some((i) => i.level === 'displayed' && chosen.has(i.claim))) {
    opener.postMessage({ type: types.declined, nonce: request.nonce }, origin);
    say(result, `You declined. ${origin} received nothing.`, 'ok');
    closeSoon();
    return;
  }
  showDisplayed(items.filter((i) => i.level === 'displayed' && chosen.has(i.claim) && i.value !== undefined), origin, opener);
  if (sending.length === 0) {
    opener.postMessage({ type: types.declined, nonce: request.nonce }, origin);
    say(result, `Shown to you on ${origin}'s page; nothing was sent.`, 'ok');
    closeSoon();
    return;
  }
  const key = await selfcrm.pairwiseKey(session.keys, origin);
  const engineVersion = await fetch('./build-info.json').then((r) => r.json()).then((b) => `selfcrm ${b.version}`, () => 'selfcrm');
  const answer = await vault.present(request, { origin, approve: chosen, key, insights, computedWith: { engine: engineVersion, rules: computed?.rules ?? 'default' } });
  await session.persist();
  if (request.response_mode === 'direct_post') {
    const body = new URLSearchParams({ vp_token: JSON.stringify(answer.response.vp_token), ...(answer.response.state ? { state: answer.response.state } : {}) });
    const res = await fetch(request.response_uri, { method: 'POST', body, credentials: 'omit' });
    rememberEndpoint(origin, request.response_uri);
    const reply = await res.json().catch(() => null);
    opener.postMessage({ type: types.posted, nonce: request.nonce, status: res.status, body: reply }, origin);
  } else {
    opener.postMessage({ type: types.response, nonce: request.nonce, response: answer.response }, origin);
  }
  say(result, `Shared ${sending.length} item(s) with ${origin}; recorded in your ledger.`, 'ok');
  closeSoon();
}

// The window opened for one request closes once it is answered (a later request opens it anew).
function closeSoon() {
  setTimeout(() => window.close(), 1200);
}

/**
 * Displayed claims go to the vault's own frame in the company's page: posted to each frame of the
 * opener with this origin as target, so only a frame of the vault's origin can receive them.
 */
function showDisplayed(items, origin, opener) {
  if (!items.length) return;
  const message = { type: types.display, origin, items: items.map((i) => ({ label: claimLabel(i.claim), value: valueText(i.value) })) };
  for (let i = 0; i < opener.frames.length; ++i) opener.frames[i].postMessage(message, location.origin);
}
