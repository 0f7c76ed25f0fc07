// The demo imports the package exactly as an app would (here from the built dist/ folder).
import { classifyNps, NpsStream, ready, SelfCrmError } from '../dist/index.js';

const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
const fmt = (x) => x.toFixed(1);

function drawBars(svg, summary) {
  const rows = [
    ['Promoters', summary.promoters, '#2a9d8f'],
    ['Passives', summary.passives, '#e9c46a'],
    ['Detractors', summary.detractors, '#e76f51'],
  ];
  const max = Math.max(...rows.map((r) => r[1]), 1);
  svg.innerHTML = rows
    .map(([label, count, color], i) => {
      const y = 8 + i * 34;
      const w = (count / max) * 200;
      return `<text x="0" y="${y + 17}" font-size="12">${label}</text>` +
        `<rect x="80" y="${y}" width="${w}" height="24" fill="${color}"></rect>` +
        `<text x="${86 + w}" y="${y + 17}" font-size="12">${count}</text>`;
    })
    .join('');
}

async function showSample() {
  await ready();
  const text = await (await fetch('./data/answers.ndjson')).text();
  const stream = new NpsStream();
  try {
    const rejects = stream.addLines(text).rejects;
    const s = stream.summary();
    $('nps-value').textContent = fmt(s.nps);
    $('nps-value').dataset.value = String(s.nps);
    $('nps-ci').textContent = `95% interval ${fmt(s.ci95[0])} to ${fmt(s.ci95[1])} · n = ${s.n}`;
    drawBars($('nps-bars'), s);
    $('nps-rejects').textContent = rejects.length
      ? `${rejects.length} line(s) skipped: ` + rejects.map((r) => `line ${r.line} (${r.code})`).join(', ')
      : 'Every line was usable.';
    $('status').textContent = 'Computed in WebAssembly on this device.';
  } finally {
    stream.dispose();
  }
}

document.getElementById('try-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const raw = document.getElementById('try-score').value.trim();
  const out = $('try-result');
  try {
    const category = classifyNps(raw === '' ? NaN : Number(raw));
    out.className = '';
    out.textContent = `${raw} → ${category}`;
  } catch (e) {
    out.className = 'error';
    out.textContent = e instanceof SelfCrmError ? `${e.code}: ${e.message}` : String(e);
  }
});

showSample().catch((e) => {
  $('status').className = 'status error';
  $('status').textContent = `Could not compute: ${e.message}`;
});
