// SVG charts drawn from numbers: horizontal bars and a column series.
const NS = 'http://www.w3.org/2000/svg';

function svgEl(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** rows: [{ label, value, max, color, note }] drawn as bars of value/max. */
export function barChart(svg, rows, { labelWidth = 100, width = 420 } = {}) {
  const barWidth = width - labelWidth - 120;
  const height = 14 + rows.length * 26;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.replaceChildren();
  rows.forEach((r, i) => {
    const y = 6 + i * 26;
    const share = r.max > 0 ? Math.max(0, Math.min(1, r.value / r.max)) : 0;
    svg.append(svgEl('text', { x: 0, y: y + 14, 'font-size': 11 }, r.label));
    svg.append(svgEl('rect', { x: labelWidth, y, width: barWidth, height: 18, fill: '#eef1f7' }));
    svg.append(svgEl('rect', { x: labelWidth, y, width: Math.max(1, share * barWidth), height: 18, fill: r.color ?? '#2f5bd3' }));
    svg.append(svgEl('text', { x: labelWidth + barWidth + 6, y: y + 14, 'font-size': 11 }, r.note ?? String(r.value)));
  });
}

/** columns: [{ label, value }] as a column chart with the largest value on top. */
export function columnChart(svg, columns, { width = 360, height = 120, color = '#2a9d8f' } = {}) {
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.replaceChildren();
  if (!columns.length) {
    svg.append(svgEl('text', { x: 10, y: height / 2, 'font-size': 12 }, 'Nothing yet'));
    return;
  }
  const max = Math.max(...columns.map((c) => c.value), 1);
  const step = (width - 10) / columns.length;
  columns.forEach((c, i) => {
    const h = (c.value / max) * (height - 30);
    const x = 5 + i * step;
    svg.append(svgEl('rect', { x: x + step * 0.1, y: height - 18 - h, width: step * 0.8, height: Math.max(0, h), fill: color }));
    if (columns.length <= 16 || i % Math.ceil(columns.length / 12) === 0) {
      svg.append(svgEl('text', { x: x + step / 2, y: height - 5, 'font-size': 9, 'text-anchor': 'middle' }, c.label));
    }
  });
}
