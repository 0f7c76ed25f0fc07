// The intake store's report as one self-contained HTML page (the profiles report's charts).
import { bars, escape, page } from './report_html.js';
import type { StoreReport } from './report_types.js';

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

export function storeReportHtml(r: StoreReport): string {
  const nps = r.nps
    ? `<p>NPS <strong>${r.nps.nps.toFixed(1)}</strong> (95% interval ${r.nps.ci95[0].toFixed(1)} to ${r.nps.ci95[1].toFixed(1)}, n = ${r.nps.n} customers who shared nps:category)</p>`
    : '<p>No customer shared nps:category as a copied claim in force.</p>';
  const grants = r.grants.map((g) => `<tr><th scope="row">${escape(g.level)}</th><td>${escape(g.purpose)}</td><td>${g.claims}</td><td>${percent(g.share)}</td></tr>`).join('');
  return page('SelfCRM: what customers shared', `<h1>What customers shared</h1>
<p>${r.customers} customers, ${r.claims} claims in force as of ${escape(r.asOf)}${r.purpose ? `, granted for ${escape(r.purpose)}` : ''}. Borrowed claims are not kept, so they count below only as grants.</p>
<section><h2>Net Promoter Score</h2>${nps}</section>
${bars('Personas', Object.entries(r.personas))}
${bars('Segments', Object.entries(r.segments))}
<section><h2>Claims granted, by level and purpose</h2><table><thead><tr><th>level</th><th>purpose</th><th>claims</th><th>share</th></tr></thead><tbody>${grants}</tbody></table></section>
<section id="conversation-plan"><h2>Conversation plan</h2><p>${r.conversationPlan === null ? 'Not computed in this report: it comes from <code>selfcrm rank</code>.' : ''}</p></section>`);
}
