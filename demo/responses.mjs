// The Northwind shop's received answers for `npm start`, made by the package's own holder code on
// the 300 sample customers: each customer's vault computes its insights with the rules the shop
// publishes (demo/rules.mjs), answers the shop's request (demo/js/query.js) with a pairwise key,
// and the shop's direct_post endpoint would have stored the
// line {request, response, origin, receivedAt}. Most customers approve everything, some leave out
// their email, some decline (no line); a few later revoke what they gave, and one answer arrives
// twice with a second presentation (a replay the intake must refuse).
import { Insights, Vault, memoryKeyStore, pairwiseKey, ready } from 'selfcrm';
import { createRequest } from 'selfcrm/company';
import { shopQuery } from './js/query.js';
import { shopRules } from './rules.mjs';

export const shopOrigin = 'http://localhost:8081';

/** Deterministic choices (a simple LCG), so `npm start` shows the same summary every time. */
function chooser(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export async function shopResponses(profileLines, { asOf = new Date() } = {}) {
  await ready();
  const rules = await shopRules();
  const engine = Insights.create(rules); // as each vault does with the rules in the shop's request
  const random = chooser(19);
  const lines = [];
  const revocations = [];
  let replay;
  try {
    for (const [i, text] of profileLines.entries()) {
      const roll = random();
      if (roll < 0.1) continue; // declined
      const vault = Vault.fromJSON(text);
      try {
        const insights = engine.analyze(vault, { asOf });
        const at = new Date(asOf.getTime() - (profileLines.length - i) * 60_000);
        const request = await createRequest({ ...shopQuery, rules, responseMode: 'direct_post', responseUri: `${shopOrigin}/direct_post`, state: `s${i}`, now: at });
        const keys = memoryKeyStore();
        const key = await pairwiseKey(keys, shopOrigin);
        const items = await vault.consent(request, insights);
        const approve = items.filter((x) => x.available && x.level !== 'displayed' && !(roll > 0.8 && x.claim === '/identities/email/primary')).map((x) => x.claim);
        if (!approve.length) continue;
        const presented = await vault.present(request, { origin: shopOrigin, approve, key, insights, computedWith: { engine: 'selfcrm', rules: request.selfcrm.rules_hash }, now: at });
        lines.push({ request, response: presented.response, origin: shopOrigin, receivedAt: at.toISOString() });
        if (!replay && roll > 0.5) {
          const again = await vault.present(request, { origin: shopOrigin, approve, key, insights, computedWith: { engine: 'selfcrm', rules: request.selfcrm.rules_hash }, now: new Date(at.getTime() + 5000) });
          replay = { request, response: again.response, origin: shopOrigin, receivedAt: new Date(at.getTime() + 5000).toISOString() };
        }
        // A few withdraw later, through the vault (which revokes and records the grants): everything, or the first claim given.
        if (roll > 0.96) {
          const revokedAt = new Date(at.getTime() + 30_000);
          const { revocation } = await vault.withdraw(shopOrigin, { key, ...(roll > 0.98 ? {} : { claims: [approve[0]] }), now: revokedAt });
          revocations.push({ revocation, origin: shopOrigin, receivedAt: revokedAt.toISOString() });
        }
      } finally {
        vault.dispose();
      }
    }
  } finally {
    engine.dispose();
  }
  lines.push(...revocations);
  if (replay) lines.push(replay);
  return lines.map((l) => JSON.stringify(l));
}
