// Hostile inputs (issue 24): each case in its own process, its time and peak memory, next to the
// figures recorded once on the build before the fixes (bench/hostile_before.json).
//   node bench/hostile.mjs [DIST]               measure this build (or DIST), print the table
//   node bench/hostile.mjs --before DIST [S] [CASE…]  measure another build's dist/ (cases stopped
//                                              after S s, default 60) and record it as the "before" column
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

const here = new URL('./', import.meta.url);
const beforeFile = new URL('hostile_before.json', here);
const MiB = 1 << 20;

const b64 = (v) => Buffer.from(typeof v === 'string' ? v : v instanceof Uint8Array ? v : JSON.stringify(v)).toString('base64url');
const header = b64({ alg: 'EdDSA', typ: 'selfcrm-share+sd-jwt' });
const asOf = '2024-06-01T00:00:00Z';

/** name → [what, size, run(lib, dist) → outcome text]; a run may return a function: that is what is timed. */
const cases = {
  'emoji-1MB': ['sentiment of 262,144 emoji', '1 MiB', (s) => label(s.analyzeTexts(['\u{1F600}'.repeat(262_144)]))],
  'emoticons-1MB': ['sentiment of 349,525 ":)"', '1 MiB', (s) => label(s.analyzeTexts([':) '.repeat(349_525)]))],
  'punct-1MB': ['sentiment of "good" then 524,287 ", "', '1 MiB', (s) => label(s.analyzeTexts([`good${', '.repeat(524_287)}`]))],
  'words-2M': ['analyzeText of 2 million words', '12 MiB', (s) => label(s.analyzeText('so good '.repeat(2_000_000)))],
  'after-words-2M': ['a small text after the 2M-word call', '7 B', (s) => {
    try { s.analyzeText('so good '.repeat(2_000_000)); } catch { /* the call's own outcome is the row above */ }
    return label(s.analyzeTexts(['so good']));
  }],
  'verify-50MB': ['verifyShare, unsigned 50 MB payload', '50 MB', async (s) => {
    const packet = `${header}.${b64('x'.repeat(37_000_000))}.${'A'.repeat(86)}~`;
    const options = await key(s);
    return async () => problems(await s.verifyShare(packet, options));
  }],
  'verify-40k': ['verifyShare, signed, 40,000 disclosures', '5.5 MB', async (s) => {
    const [packet, options] = await manyDisclosures(s, 40_000);
    return async () => problems(await s.verifyShare(packet, options));
  }],
  'verify-40k-raised': ['the same with limits raised to let it in', '5.5 MB', async (s) => {
    const [packet, options] = await manyDisclosures(s, 40_000);
    const limits = { maxDisclosures: 40_000, maxPacketLength: packet.length };
    return async () => problems(await s.verifyShare(packet, { ...options, limits }));
  }],
  'verify-exp-1e308': ['verifyShare, exp 1e308, no signature', '0.2 KB', async (s) => {
    const packet = `${header}.${b64({ exp: 1e308, iat: 0 })}.${'A'.repeat(86)}~`;
    return problems(await s.verifyShare(packet, await key(s)));
  }],
  'contains-100k': ['contains: 100,000-char needle, 1 MB field', '1.1 MB', (s) => segments(s, 'a'.repeat(99_999) + 'b')],
  'contains-4k': ['contains: 4,096-char needle, 1 MB field', '1 MB', (s) => segments(s, 'a'.repeat(4095) + 'b')],
  'chooseK-4000': ['chooseK kMax 4,000 on 5,000 rows', '5,000 × 2', (s) => {
    const rows = Array.from({ length: 5000 }, (_, i) => [Math.sin(i), Math.cos(i * 7)]);
    return `best k ${s.chooseK(rows, { kMin: 2, kMax: 4000 }).best}`;
  }],
  'line-100MB': ['CLI line reader: one 100 MB line + 2 lines', '100 MB', async (s, dist) => {
    const { lineChunks } = await import((existsSync(`${dist}/cli/io/lines.js`) ? `${dist}/cli/io/lines.js` : `${dist}/cli/lines.js`));
    const part = Buffer.alloc(1 << 16, 97);
    const input = Readable.from([...Array.from({ length: 1600 }, () => part), Buffer.from('\nnext\nlast\n')]);
    let lines = 0;
    let rejects = 0;
    for await (const c of lineChunks(input)) {
      lines += c.lines;
      rejects += c.tooLong?.length ?? 0;
    }
    return `${lines} lines, ${rejects} rejected`;
  }],
  'cli-sentiment-30MB-line': ['selfcrm sentiment --explain: a 30 MB line, then 2', '30 MB', (s, dist) => {
    const dir = mkdtempSync(join(tmpdir(), 'selfcrm-hostile-'));
    try {
      const file = join(dir, 'in.txt');
      writeFileSync(file, `${'so good '.repeat(30 * MiB / 8)}\nnot bad\ngreat\n`);
      const r = spawnSync(process.execPath, [`${dist}/cli/main.js`, 'sentiment', '--explain', '--jobs', '1', '-i', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
      const results = r.stdout.trim().split('\n').filter(Boolean).length;
      return `exit ${r.status}, ${results} results, ${r.stderr.trim().split('\n').filter(Boolean).length} errors`;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }],
};

function label(r) {
  return `label ${r.label?.[0] ?? r.label}`;
}
function problems(r) {
  if (r.valid) return `valid, ${Object.keys(r.claims).length} claims`;
  return `${r.problems[0]?.kind} (${r.problems.length} problems)`;
}
async function key(s) {
  const keys = await s.createKeyPair({ algorithm: 'EdDSA' });
  return { publicKey: (await s.exportKeyPair(keys)).publicJwk, now: new Date('2026-11-22T12:00:00Z'), keys };
}
async function manyDisclosures(s, n) {
  const { publicKey, now, keys } = await key(s);
  const { webcrypto } = await import('node:crypto');
  const list = [];
  const terms = {};
  for (let i = 0; i < n; ++i) {
    const text = b64([`salt${i}`, `segment:s${i}`, i]);
    list.push({ text, digest: b64(new Uint8Array(await webcrypto.subtle.digest('SHA-256', Buffer.from(text)))) });
    terms[`segment:s${i}`] = { level: 'copied', purpose: 'p', retention: 'keep' };
  }
  const iat = Math.floor(now.getTime() / 1000);
  const body = b64({ aud: 'shop-1', iat, exp: iat + 3600, _sd_alg: 'sha-256', _sd: list.map((d) => d.digest), terms });
  const sig = new Uint8Array(await webcrypto.subtle.sign({ name: 'Ed25519' }, keys.privateKey, Buffer.from(`${header}.${body}`)));
  return [`${header}.${body}.${b64(sig)}~${list.map((d) => `${d.text}~`).join('')}`, { publicKey, now }];
}
function segments(s, needle) {
  const pack = s.Segments.fromJSON({ segments: [{ name: 'x', condition: { field: 'attributes.personal.bio', op: 'contains', value: needle } }] });
  try {
    return `${pack.evaluate({ attributes: { personal: { bio: 'a'.repeat(1_000_000) } } }, { asOf }).segments.length} segments`;
  } finally {
    pack.dispose();
  }
}

async function child(name, dist) {
  const lib = await import(`${dist}/index.node.js`);
  await lib.ready();
  let t = performance.now();
  let outcome;
  try {
    outcome = await cases[name][2](lib, dist);
    if (typeof outcome === 'function') {
      t = performance.now();
      outcome = await outcome();
    }
  } catch (e) {
    outcome = `${e.code ?? e.name}: ${String(e.message).slice(0, 60)}`;
  }
  const ms = performance.now() - t;
  process.stdout.write(`${JSON.stringify({ ms, rssMiB: process.resourceUsage().maxRSS / 1024, outcome })}\n`);
}

function measure(name, dist, seconds) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', new URL(import.meta.url).pathname, '--case', name, dist],
    { encoding: 'utf8', timeout: seconds * 1000, maxBuffer: 1 << 24 });
  const last = r.stdout?.trim().split('\n').pop() ?? '';
  if (last.startsWith('{')) return JSON.parse(last);
  if (r.signal === 'SIGTERM') return { ms: null, rssMiB: null, outcome: `stopped after ${seconds} s` };
  return { ms: null, rssMiB: null, outcome: `crashed: ${(r.stderr ?? '').trim().split('\n').filter(Boolean).pop()?.slice(0, 60) ?? r.status}` };
}

const fmt = (m) => (m.ms === null ? '—' : m.ms < 10 ? `${m.ms.toFixed(2)} ms` : m.ms < 10_000 ? `${m.ms.toFixed(0)} ms` : `${(m.ms / 1000).toFixed(1)} s`);
const mem = (m) => (m.rssMiB === null ? '—' : `${m.rssMiB.toFixed(0)} MiB`);

const args = process.argv.slice(2);
if (args[0] === '--case') {
  await child(args[1], args[2]);
} else if (args[0] === '--before') {
  const dist = new URL(args[1], `file://${process.cwd()}/`).pathname.replace(/\/$/, '');
  const seconds = Number(args[2] ?? 60);
  const only = args.slice(3);
  const out = existsSync(beforeFile) ? JSON.parse(readFileSync(beforeFile, 'utf8')).cases : {};
  for (const name of Object.keys(cases).filter((n) => only.length === 0 || only.includes(n))) {
    process.stderr.write(`hostile (before): ${name}\n`);
    out[name] = measure(name, dist, seconds);
  }
  writeFileSync(beforeFile, `${JSON.stringify({ dist: args[1], date: new Date().toISOString(), cases: out }, null, 2)}\n`);
} else {
  const dist = args[0] ? new URL(args[0], `file://${process.cwd()}/`).pathname.replace(/\/$/, '') : new URL('../dist', here).pathname;
  const before = existsSync(beforeFile) ? JSON.parse(readFileSync(beforeFile, 'utf8')).cases : {};
  const rows = [['input', 'size', 'before: time', 'peak RSS', 'outcome', 'after: time', 'peak RSS', 'outcome']];
  for (const [name, [what, size]] of Object.entries(cases)) {
    process.stderr.write(`hostile: ${name}\n`);
    const now = measure(name, dist, 120);
    const was = before[name] ?? { ms: null, rssMiB: null, outcome: 'not recorded' };
    rows.push([what, size, fmt(was), mem(was), was.outcome, fmt(now), mem(now), now.outcome]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log('Hostile inputs (issue 24): one process per case; peak RSS includes Node (~50 MiB) and the');
  console.log('wasm memory, which never shrinks. "before" was measured on the build before the fixes.\n');
  for (const r of rows) console.log(r.map((x, c) => x.padEnd(widths[c])).join('  ').trimEnd());
}
