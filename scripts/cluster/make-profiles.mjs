// Writes N vault documents as NDJSON for cluster tests and benchmarks: the bundled sample
// population (scripts/make-samples.mjs) repeated with unique ids, so every line is a real profile.
// With --bad-every K, every K-th line is a bad one (alternately invalid JSON, a schema error and a
// blank line), to check that a split run rejects the same lines as a single run.
// Usage: node scripts/cluster/make-profiles.mjs N OUT [--bad-every K]
import { createWriteStream, readFileSync } from 'node:fs';

const [count, out, flag, every] = process.argv.slice(2);
const n = Number(count);
if (!Number.isInteger(n) || n < 1 || !out || (flag && (flag !== '--bad-every' || !(Number(every) > 0)))) {
  console.error('usage: node scripts/cluster/make-profiles.mjs N OUT [--bad-every K]');
  process.exit(2);
}
const badEvery = flag ? Number(every) : 0;
const samples = readFileSync(new URL('../../demo/data/profiles.ndjson', import.meta.url), 'utf8').split('\n').filter(Boolean);
const bad = ['{"id": broken\n', '{"id":"x","unknownField":1}\n', '  \n'];
const stream = createWriteStream(out);
let text = '';
for (let i = 0; i < n; ++i) {
  if (badEvery && (i + 1) % badEvery === 0) text += bad[((i + 1) / badEvery) % bad.length];
  else text += `${samples[i % samples.length].replace(/"id":"([^"]*)"/, (_, id) => `"id":"${id}-${i}"`)}\n`;
  if (text.length > 1 << 20) {
    if (!stream.write(text)) await new Promise((r) => stream.once('drain', r));
    text = '';
  }
}
stream.end(text);
await new Promise((resolve, reject) => stream.on('finish', resolve).on('error', reject));
