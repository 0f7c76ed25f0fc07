// Vault import/export, this build vs another (bench/compare/README.md): CPU ms medians, one process.
import { resolve } from 'node:path';

import { history } from '../lib/history.mjs';
import { median } from '../lib/measure.mjs';

const baseRoot = process.argv[2];
if (!baseRoot) throw new Error('usage: node bench/compare/vault.mjs BASE_CHECKOUT [rounds]');
const ROUNDS = Number(process.argv[3] ?? 9);
const base = await import(resolve(baseRoot, 'dist/index.node.js'));
const self = await import(new URL('../../dist/index.node.js', import.meta.url).href);
await base.ready(); await self.ready();
const RECORDS = 100_000;
const nd = history(RECORDS);
const cpu = (fn) => { const c0 = process.cpuUsage(); fn(); const c = process.cpuUsage(c0); return (c.user + c.system) / 1000; };
const t = { base: { imp: [], str: [], from: [] }, this: { imp: [], str: [], from: [] } };
for (let r = 0; r < ROUNDS; ++r) {
  for (const [name, m] of (r % 2 ? [['this', self], ['base', base]] : [['base', base], ['this', self]])) {
    let v;
    t[name].imp.push(cpu(() => { v = m.Vault.create('b', { clock: () => Date.UTC(2024, 0, 1) }); v.importHistory(nd); }));
    let s;
    t[name].str.push(cpu(() => { s = v.toString(); }));
    let w;
    t[name].from.push(cpu(() => { w = m.Vault.fromJSON(s); }));
    w.dispose(); v.dispose();
  }
}
for (const k of ['imp', 'str', 'from']) {
  const b = median(t.base[k]), m = median(t.this[k]);
  console.log(`${k.padEnd(5)} base ${b.toFixed(0).padStart(5)} ms  this ${m.toFixed(0).padStart(5)} ms  speed this/base ${(b / m).toFixed(3)}x`);
}
