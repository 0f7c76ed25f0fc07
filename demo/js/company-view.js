// The company's side: it holds only the packet and the customer's public key.
import { byTestId, day, el, replace, say } from './dom.js';
import { claimRows } from './share-view.js';

export async function showReceived(selfcrm, packet, publicJwk, audience) {
  const result = await selfcrm.verifyShare(packet, { publicKey: publicJwk, audience });
  const verdict = byTestId('company-verdict');
  if (result.valid) {
    say(verdict, `Verified: signature, digests and expiry are good. ${Object.keys(result.claims).length} claim(s) received.`, 'ok');
  } else {
    say(verdict, `Rejected: ${result.problems.map((p) => p.kind).join(', ')}. Only intact claims are kept (${Object.keys(result.claims).length}).`, 'error');
  }
  replace(byTestId('company-claims').querySelector('tbody'), Object.entries(result.claims).map(([claim, c]) =>
    el('tr', {}, el('td', { text: claim }), el('td', { text: JSON.stringify(c.value) }), el('td', { text: c.level }),
      el('td', { text: c.purpose }), el('td', { text: c.level === 'borrowed' ? `${day(c.expiresAt)} (must not keep)` : day(c.expiresAt) }))));
  const missing = claimRows.map(([claim]) => claim).filter((claim) => !(claim in result.claims));
  byTestId('company-missing').textContent = `Not received: ${missing.join(', ') || 'nothing'}.`;
  return result;
}

/** The same packet with one base64url character changed in the middle of its signed part. */
export function flipOneByte(packet) {
  const at = Math.floor(packet.indexOf('~') / 2);
  const c = packet[at];
  return packet.slice(0, at) + (c === 'A' ? 'B' : 'A') + packet.slice(at + 1);
}
