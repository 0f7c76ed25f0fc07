// The population report as one self-contained HTML page with inline SVG charts (no scripts, no
// external files), so it can be mailed or archived as it is.
import type { PopulationReport } from './report_types.js';

export const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function bars(title: string, rows: [string, number][], unit = ''): string {
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const h = 16 + rows.length * 22;
  const body = rows.map(([label, v], i) => {
    const y = 8 + i * 22;
    const w = (v / max) * 220;
    return `<text x="0" y="${y + 12}" font-size="11">${escape(label)}</text>` +
      `<rect x="140" y="${y}" width="${w.toFixed(1)}" height="16" fill="#2f5bd3"/>` +
      `<text x="${(146 + w).toFixed(1)}" y="${y + 12}" font-size="11">${v}${unit}</text>`;
  }).join('');
  return `<section><h2>${escape(title)}</h2><svg role="img" aria-label="${escape(title)}" viewBox="0 0 420 ${h}" width="100%">${body}</svg></section>`;
}

export function reportHtml(r: PopulationReport): string {
  const nps = r.nps
    ? `<p>NPS <strong>${r.nps.nps.toFixed(1)}</strong> (95% interval ${r.nps.ci95[0].toFixed(1)} to ${r.nps.ci95[1].toFixed(1)}, n = ${r.nps.n})</p>`
    : '<p>No survey answers.</p>';
  const a = r.advocacy;
  const advocacy = `<p>${a.promotersWhoReferred} of ${a.promoters} promoters actually referred someone ` +
    `(${(a.promoterReferralShare * 100).toFixed(0)}%); ${a.silentAdvocates} silent advocates (non-promoters who refer); ` +
    `${a.convertedReferrals} of ${a.referrals} referrals became customers (${(a.referralConversion * 100).toFixed(0)}%).</p>`;
  const dist = Object.entries(r.scores).map(([name, d]) =>
    `<tr><th scope="row">${escape(name)}</th><td>${d.count}</td><td>${d.mean.toFixed(2)}</td><td>${d.p10.toFixed(2)}</td><td>${d.p50.toFixed(2)}</td><td>${d.p90.toFixed(2)}</td></tr>`).join('');
  return page('SelfCRM population report', `<h1>Population report</h1><p>${r.profiles} profiles, ${r.rejected} rejected lines, as of ${escape(r.asOf)}.</p>
<section><h2>Net Promoter Score, intended and actual</h2>${nps}${advocacy}</section>
${bars('Personas', Object.entries(r.personas))}
${bars('Segments', Object.entries(r.segments))}
${bars('RFM segments', Object.entries(r.rfmSegments))}
<section><h2>Score distributions</h2><table><thead><tr><th>score</th><th>n</th><th>mean</th><th>p10</th><th>median</th><th>p90</th></tr></thead><tbody>${dist}</tbody></table></section>`);
}

/** A whole page around `body`: one style, no scripts, no external files. */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem;color:#1d2433}table{border-collapse:collapse}th,td{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:right}th{text-align:left}</style>
</head><body>${body}
</body></html>
`;
}
