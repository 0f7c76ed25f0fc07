// Issue 24 item 13: the cost of one share and one grant change as the vault's ledger doubles
// (1,000 → 16,000 entries), and of building the ledger. O(1) amortised appends keep the per-share
// median flat across the sizes; the physical floor per share is one ES256 signature and two
// SHA-256 digests (printed alongside: the packet with no ledger at all).
// Run after a build: node bench/ledger.mjs [maxEntries]
import { claimSourceFromObjects, createKeyPair, ready, Vault } from 'selfcrm';
// The floor is the packet step alone, with no ledger: internal (the public way records every packet).
import { share } from '../dist/share/packet.js';

await ready();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = Number(process.argv[2] ?? 16000);
const shop = { id: 'shop', displayName: 'Shop', origin: 'https://shop.example' };
const keyPair = await createKeyPair();
const t0 = Date.UTC(2026, 10, 1);

const vault = Vault.create('bench-ledger');
vault.setAttribute('personal', 'name', 'Ada');
const grant = await vault.grant({ recipient: shop, claim: '/personal/name', level: 'copied', purpose: 'bench' }, { now: new Date(t0) });

// The floor: a packet for the same grant, with no vault and no ledger.
const floorGrants = vault.grants();
const source = claimSourceFromObjects({ personal: { name: 'Ada' } }, {});
const floor = [];
for (let i = 0; i < 50; ++i) {
  const s = performance.now();
  await share(shop, floorGrants, source, keyPair);
  floor.push(performance.now() - s);
}

console.log('| ledger entries | build (s) | share median (ms) | change median (ms) | bare packet (ms) |');
console.log('|---:|---:|---:|---:|---:|');
let n = 1;
let size = 1000;
const buildStart = performance.now();
while (size <= max) {
  while (n < size) await vault.share(shop, { keyPair, now: new Date(t0 + n++ * 1000) });
  const built = (performance.now() - buildStart) / 1000;
  const shares = [];
  const changes = [];
  for (let i = 0; i < 21; ++i) {
    let s = performance.now();
    await vault.share(shop, { keyPair, now: new Date(t0 + n++ * 1000) });
    shares.push(performance.now() - s);
    s = performance.now();
    await vault.changeGrant(grant.id, { purpose: `bench ${n}` }, { now: new Date(t0 + n++ * 1000) });
    changes.push(performance.now() - s);
  }
  console.log(`| ${size} | ${built.toFixed(2)} | ${median(shares).toFixed(2)} | ${median(changes).toFixed(2)} | ${median(floor).toFixed(2)} |`);
  size *= 2;
}
const saveStart = performance.now();
const text = vault.toString();
console.log(`\nwriting the document (${(await vault.ledger()).length()} entries, ${(text.length / 1e6).toFixed(1)} MB): ${(performance.now() - saveStart).toFixed(0)} ms`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
vault.dispose();
