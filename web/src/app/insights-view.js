// Scores, persona, segments and the customer's words, each with why.
import { barChart, columnChart } from './charts.js';
import { byTestId, el, fmt, replace } from './dom.js';

const degreeNames = ['monologue', 'venting', 'skewed', 'social pressure', 'objective', 'community'];

function reasons(because) {
  return (because ?? []).map((r) => r.condition ?? JSON.stringify(r)).join('; ');
}

export function renderInsights(insights, interactions, analyzeText) {
  const p = insights.persona.persona;
  replace(byTestId('persona'),
    el('p', {}, el('strong', { text: 'Persona: ' }), el('span', { 'data-testid': 'persona-name', text: p ? p.name : 'none' }),
      p ? ` (${p.tier ?? p.useCase ?? ''})` : ''),
    p ? el('p', { text: `${p.description ?? ''} Because: ${reasons(p.because)}` }) : null);

  const s = insights.scores;
  barChart(byTestId('score-bars'), [
    { label: 'RFM', value: Number(s.rfm.value ?? 0) % 1000 / 100 || 0, max: 5.55, note: `${s.rfm.value ?? '–'} ${s.rfm.segment ?? ''}` },
    { label: 'CLV', value: s.clv.value ?? 0, max: 2000, note: fmt(s.clv.value, 0), color: '#2a9d8f' },
    { label: 'NPS', value: s.nps.value ?? 0, max: 10, note: `${s.nps.value ?? '–'} ${s.nps.category ?? ''}`, color: '#e9c46a' },
    { label: 'Referral value', value: s.crv.value ?? 0, max: 1000, note: fmt(s.crv.value, 0), color: '#8e7dbe' },
    { label: 'Influence', value: s.influence.value ?? 0, max: 100, note: fmt(s.influence.value), color: '#f4a261' },
    { label: 'Engagement', value: s.engagement.value ?? 0, max: Math.max(10, s.engagement.value ?? 0), note: fmt(s.engagement.value), color: '#e76f51' },
  ]);
  replace(byTestId('scores'), Object.entries(s).map(([name, score]) =>
    el('details', {}, el('summary', { text: `${name}: ${typeof score.value === 'number' ? fmt(score.value, 2) : score.value ?? '–'} — why?` }),
      el('pre', { 'data-testid': `explain-${name}`, text: JSON.stringify(score.explain, null, 2) }))));
  const clv = byTestId('scores');
  clv.dataset.clv = String(s.clv.value);

  replace(byTestId('segments'), insights.segments.segments.map((m) =>
    el('li', {}, el('strong', { text: m.name }), ` — because ${reasons(m.because)}`)));
  if (!insights.segments.segments.length) replace(byTestId('segments'), el('li', { text: 'No segment.' }));

  const d = insights.feedback.degrees;
  const counts = (side) => (d[side]?.counts ?? [0, 0, 0, 0, 0, 0]);
  columnChart(byTestId('degree-chart'), degreeNames.map((name, i) => ({ label: `${i + 1} ${name.split(' ')[0].slice(0, 7)}`, value: counts('customer')[i] ?? 0 })));

  const byIndex = new Map(d.interactions.map((x) => [x.index, x]));
  replace(byTestId('feedback'), interactions.map((record, i) => {
    const x = byIndex.get(i);
    if (!x) return null;
    const words = el('span', { class: 'words' });
    if (record.text) highlightDrivers(words, record.text, analyzeText(record.text).drivers);
    const analysis = record.text ? analyzeText(record.text) : undefined;
    return el('li', {},
      el('span', { class: 'tag', text: `${record.direction === 'customer-to-business' ? 'you' : 'company'} · degree ${x.degree} ${degreeNames[x.degree - 1] ?? ''}` }),
      el('span', { class: 'tag', text: `sentiment ${fmt(x.compound, 2)}${analysis ? ` ${analysis.label}` : ''}` }),
      analysis?.cues.length ? el('span', { class: 'tag', text: analysis.cues.join(', ') }) : null,
      ' ', record.text ? words : '(no text)');
  }));
}

/** Marks the words that drove one text's sentiment (from analyzeText's explanation). */
export function highlightDrivers(container, text, drivers) {
  const parts = [];
  let at = 0;
  const sorted = [...drivers].sort((a, b) => a.offset - b.offset);
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  for (const dr of sorted) {
    const end = dr.offset + dr.length;
    if (dr.offset < at) continue;
    parts.push(dec.decode(bytes.slice(at, dr.offset)));
    parts.push(el('mark', { class: dr.valence >= 0 ? 'driver-pos' : 'driver-neg', title: `valence ${fmt(dr.valence, 2)}`, text: dec.decode(bytes.slice(dr.offset, end)) }));
    at = end;
  }
  parts.push(dec.decode(bytes.slice(at)));
  container.append(...parts);
}
