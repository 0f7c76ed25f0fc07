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
${planSection(r.conversationPlan)}`);
}

function planSection(plan: StoreReport['conversationPlan']): string {
  if (plan === null) return '<section id="conversation-plan"><h2>Conversation plan</h2><p>No customer rows in force.</p></section>';
  const s = plan.summary;
  const rows = plan.conversations.map((c) => `<tr><td>${c.rank}</td><td title="${escape(c.subject)}">…${escape(c.subject.slice(-12))}</td><td>${c.value.toFixed(2)}</td><td>${escape(c.channel)}</td><td>${escape(c.reason)}</td></tr>`).join('');
  return `<section id="conversation-plan"><h2>Conversation plan</h2>
<p>The ${s.picked} conversations worth most (of ${s.withValue} worth having among ${s.customers} customers) capture ${percent(s.share)} of the expected value of one conversation with everyone (<code>selfcrm rank</code>; the README states the model).</p>
<table><thead><tr><th>rank</th><th>customer</th><th>value</th><th>channel</th><th>why</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}
