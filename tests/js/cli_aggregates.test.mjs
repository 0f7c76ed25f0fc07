// Issue 21, item 2: `report` and `nps` split into per-shard partial summaries (--partial) and a
// merge (--merge PART...). However the input is split (k = 1, 2, 7 uneven parts, one of them
// empty), whatever the order of the parts and the grouping of the merges, the merged output is
// byte-identical to one run over the whole input; parts of another run are refused.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'dist/cli/main.js');
const asOf = '2026-11-01T00:00:00Z';
/** Runs the CLI; `expectStatus` null: any status. */
const run = (args, expectStatus = 0) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (expectStatus !== null) assert.equal(r.status, expectStatus, `selfcrm ${args.join(' ')}: ${r.stderr}`);
  return r;
};
const lastLine = (text) => text.trim().split('\n').at(-1);

/** A seeded generator, so a failure names a split that can be replayed. */
function random(seed) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

/** `lines` cut into k runs of uneven length at random points (for k > 2 the last run is empty), each a file. */
function split(dir, name, lines, k, rand) {
  const cuts = new Set();
  while (cuts.size < (k > 2 ? k - 2 : k - 1)) cuts.add(1 + Math.floor(rand() * (lines.length - 1)));
  const points = [0, ...[...cuts].sort((a, b) => a - b), lines.length, lines.length];
  return Array.from({ length: k }, (_, p) => {
    const part = lines.slice(points[p], points[p + 1]);
    const file = join(dir, `${name}-${k}-${p}.ndjson`);
    writeFileSync(file, part.length ? `${part.join('\n')}\n` : '');
    return file;
  });
}

function shuffled(list, rand) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; --i) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Runs `command --partial` on every part file; a part with no usable line exits 1 but is still written. */
function partials(command, options, files) {
  return files.map((file) => {
    const out = file.replace(/\.ndjson$/, '.part.json');
    const r = run([command, ...options, '--partial', '-i', file, '-o', out], null);
    assert.ok(r.status === 0 || (r.status === 1 && /no (input lines|line gave a result)/.test(r.stderr)), r.stderr);
    return out;
  });
}

/** `merging`: the options a merge needs too (ldp's mechanism). */
function checkSplits(command, options, lines, dir, merging = []) {
  const whole = join(dir, `${command}-whole.ndjson`);
  writeFileSync(whole, `${lines.join('\n')}\n`);
  const single = run([command, ...options, '-i', whole]);
  const rand = random(2026);
  for (const k of [1, 2, 7]) {
    const parts = partials(command, options, split(dir, command, lines, k, rand));
    for (let order = 0; order < 2; ++order) {
      const merged = run([command, ...merging, '--merge', ...shuffled(parts, rand)]);
      assert.equal(merged.stdout, single.stdout, `${command}: ${k} parts, order ${order}`);
      assert.equal(lastLine(merged.stderr), lastLine(single.stderr), 'the count line is the single run\'s');
    }
    if (k === 7) {
      // A tree: three parts merged into one partial summary, then merged with the other four.
      const inner = join(dir, `${command}-inner.json`);
      run([command, ...merging, '--merge', '--partial', ...parts.slice(0, 3), '-o', inner]);
      assert.equal(run([command, ...merging, '--merge', ...parts.slice(3), inner]).stdout, single.stdout, `${command}: a tree of merges`);
    }
  }
  return { whole, single };
}

test('report --partial on k = 1, 2, 7 uneven parts, then --merge in any order or grouping = one run, byte for byte', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-aggregates-'));
  try {
    const input = join(dir, 'profiles.ndjson');
    spawnSync(process.execPath, [join(root, 'scripts/cluster/make-profiles.mjs'), '1200', input, '--bad-every', '97']);
    const lines = readFileSync(input, 'utf8').split('\n').slice(0, -1);
    const options = ['--as-of', asOf, '-j', '1', '--rejects', join(dir, 'rejects.ndjson')];
    const { single } = checkSplits('report', options, lines, dir);
    const report = JSON.parse(single.stdout);
    assert.equal(report.profiles + report.rejected, lines.filter((l) => l.trim()).length);
    assert.ok(report.rejected > 0, 'the bad lines are counted');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nps --partial / --merge = one run, byte for byte, for every split', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-aggregates-'));
  try {
    const rand = random(7);
    const lines = Array.from({ length: 3001 }, (_, i) => (i % 211 === 5 ? 'oops' : i % 307 === 9 ? '' : JSON.stringify({ id: i, score: Math.floor(rand() * 11) })));
    const { single } = checkSplits('nps', ['--rejects', join(dir, 'rejects.ndjson')], lines, dir);
    assert.equal(JSON.parse(single.stdout).rejected, lines.filter((l) => l === 'oops').length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ldp --partial / --merge = one run\'s local-DP estimate, byte for byte; another ε is refused', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-aggregates-'));
  try {
    const rand = random(5);
    const names = ['detractor', 'passive', 'promoter'];
    const lines = Array.from({ length: 2001 }, (_, i) => (i % 401 === 7 ? '{"report":"maybe"}' : JSON.stringify({ report: names[Math.floor(rand() * 3)] })));
    const mechanism = ['--categories', names.join(','), '--epsilon', '1.5'];
    const { single } = checkSplits('ldp', [...mechanism, '--rejects', join(dir, 'rejects.ndjson')], lines, dir, mechanism);
    const estimate = JSON.parse(single.stdout);
    assert.equal(estimate.n, 2001 - 5);
    assert.equal(estimate.rejected, 5);
    assert.equal(typeof estimate.nps.nps, 'number');
    const part = join(dir, 'ldp-1-0.part.json');
    const r = run(['ldp', '--categories', names.join(','), '--epsilon', '2', '--merge', part], 1);
    assert.match(r.stderr, /E_CONFLICT: part .*ldp-1-0\.part\.json at \/rulesHash/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fit --partial on parts split by customer, then --merge = the model of one run, byte for byte', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-aggregates-'));
  try {
    const rand = random(11);
    const lines = readFileSync(join(root, 'demo/data/transactions.ndjson'), 'utf8').split('\n').filter(Boolean);
    lines.splice(100, 0, '{"customerId":"bad","at":"not a date","amount":1,"margin":0}', 'garbage');
    const whole = join(dir, 'whole.ndjson');
    writeFileSync(whole, `${lines.join('\n')}\n`);
    const options = ['--as-of', '2026-01-01T00:00:00Z', '--rejects', join(dir, 'rejects.ndjson')];
    const single = run(['fit', ...options, '-i', whole]);
    assert.ok(JSON.parse(single.stdout).fit.rejected > 0, 'lines after --as-of and bad lines are rejected');
    const customer = (l) => /"customerId":"([^"]*)"/.exec(l)?.[1] ?? l;
    for (const k of [1, 2, 7]) {
      // Every customer's lines in one part (as a cluster partitions by key), parts of uneven size.
      const partOf = new Map();
      const buckets = Array.from({ length: k }, () => []);
      for (const l of shuffled(lines, rand)) {
        if (!partOf.has(customer(l))) partOf.set(customer(l), Math.floor(rand() * rand() * k));
        buckets[partOf.get(customer(l))].push(l);
      }
      const files = buckets.map((b, p) => {
        const file = join(dir, `fit-${k}-${p}.ndjson`);
        writeFileSync(file, b.length ? `${b.join('\n')}\n` : '');
        return file;
      });
      const parts = partials('fit', options, files);
      const merged = run(['fit', '--merge', ...shuffled(parts, rand)]);
      assert.equal(merged.stdout, single.stdout, `fit: ${k} parts`);
      assert.equal(lastLine(merged.stderr), lastLine(single.stderr));
    }
    // One customer's lines in two parts would count them as two customers: refused.
    const a = join(dir, 'a.ndjson');
    const b = join(dir, 'b.ndjson');
    writeFileSync(a, `${lines.slice(0, 3).join('\n')}\n`);
    writeFileSync(b, `${lines.slice(3, 6).join('\n')}\n`);
    const [pa, pb] = partials('fit', options, [a, b]);
    const r = run(['fit', '--merge', pa, pb], 1);
    assert.match(r.stderr, /E_CONFLICT: part .*b\.part\.json at \/customers: a customer of this part was already counted/);
    assert.equal(r.stdout, '');
    assert.match(run(['fit', '--partial', '-i', a], 2).stderr, /--partial needs --as-of/);
    assert.match(run(['fit', '--merge', '--model', 'pareto-nbd', pa], 1).stderr, /E_CONFLICT: part .* at \/rulesHash/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--merge refuses a part of another run, naming the file, and writes nothing', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-aggregates-'));
  try {
    const input = join(dir, 'profiles.ndjson');
    spawnSync(process.execPath, [join(root, 'scripts/cluster/make-profiles.mjs'), '40', input]);
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const n = join(dir, 'n.json');
    run(['report', '--partial', '--as-of', asOf, '-j', '1', '-i', input, '-o', a]);
    run(['report', '--partial', '--as-of', '2026-10-01T00:00:00Z', '-j', '1', '-i', input, '-o', b]);
    writeFileSync(join(dir, 'answers.ndjson'), '{"score":9}\n');
    run(['nps', '--partial', '-i', join(dir, 'answers.ndjson'), '-o', n]);

    let r = run(['report', '--merge', a, b], 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`E_CONFLICT: part ${b} at /asOf: written with as-of time "2026-10-01T00:00:00Z"`));
    r = run(['report', '--merge', a, n], 1);
    assert.match(r.stderr, new RegExp(`E_SCHEMA: part ${n} at /format: this is a "selfcrm.nps.partial" document`));
    r = run(['report', '--merge', '--as-of', '2026-10-01T00:00:00Z', a], 1);
    assert.match(r.stderr, /E_CONFLICT: part .*a\.json at \/asOf/);
    const edited = join(dir, 'edited.json');
    writeFileSync(edited, readFileSync(a, 'utf8').replace(/"engine":"[^"]*"/, '"engine":"0.0.0-other"'));
    r = run(['nps', '--merge', n, n.replace('n.json', 'missing.json')], 1);
    assert.match(r.stderr, /E_IO: cannot read --merge .*missing\.json/);
    r = run(['report', '--merge', a, edited], 1);
    assert.match(r.stderr, /E_CONFLICT: part .*edited\.json at \/engine/);
    r = run(['report', '--merge'], 2);
    assert.match(r.stderr, /--merge needs the part files/);
    r = run(['report', a], 2);
    assert.match(r.stderr, /part files go after --merge/);
    r = run(['nps', '-r', '--partial'], 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
