// selfcrm intake: a generated day of answers (valid, tampered, replayed, duplicated, expired,
// wrong purpose, revoked, a foreign revocation, a bad line) gives exactly the expected store; a
// re-run changes nothing; a replay in a later run is caught; purge removes exactly the revoked and
// expired claims; exports keep to the purpose; a file that is not a store is refused untouched.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { crmCell, IntakeRun, IntakeStore } from 'selfcrm/company';
import { answer, customerValues, dpv, expectedClaims, generatedSet, later, line, now, origin } from './intake_fixtures.mjs';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'selfcrm-intake-'));
const run = (args, input) => spawnSync(process.execPath, [cli, 'intake', ...args], { input, encoding: 'utf8' });
const set = await generatedSet(8);
const input = join(dir, 'responses.ndjson');
writeFileSync(input, `${set.lines.join('\n')}\n`);
const nowIso = now.toISOString();

const claimsOf = async (file) => {
  const store = await IntakeStore.open(file, { create: false });
  try {
    return store.allClaims().map(({ subject, claim, value, level, purpose, expiresAt, revokedAt }) => ({ subject, claim, value, level, purpose, expiresAt, revokedAt }));
  } finally {
    await store.close();
  }
};
const ndjson = (text) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const store = join(dir, 'day.sqlite');
const first = run(['--store', store, '--now', nowIso, input]);

test('the generated set gives exactly the expected store, rejects with their line numbers', async () => {
  assert.equal(first.status, 0, first.stderr);
  const s = set.special;
  const rejected = [...first.stderr.matchAll(/^line (\d+): (E_\w+)( at \S+)?:/gm)].map((m) => [Number(m[1]), m[2], m[3]?.trim() ?? '']);
  assert.deepEqual(rejected, [
    [s.tampered, 'E_INTEGRITY', 'at /response'],
    [s.replayed, 'E_CONFLICT', 'at /response'],
    [s.expired, 'E_INTEGRITY', 'at /response'],
    [s.wrongPurpose, 'E_INTEGRITY', 'at /response'],
    [s.foreignRevocation, 'E_INTEGRITY', 'at /revocation'],
    [s.notJson, 'E_PARSE', ''],
  ]);
  assert.match(first.stderr, /line \d+: E_CONFLICT at \/response: replay/);
  assert.match(first.stderr, new RegExp(`^${set.lines.length} lines = ${set.lines.length - 6} results \\+ 6 rejects$`, 'm'));
  const results = ndjson(first.stdout);
  assert.deepEqual(results.map((r) => [r.line, r.kind, r.status]), [
    ...set.customers.map((c) => [c.i + 1, 'presentation', 'stored']),
    [s.duplicate, 'presentation', 'duplicate'],
    [s.revoke2, 'revocation', 'stored'],
    [s.revoke3, 'revocation', 'stored'],
  ]);
  // Borrowed claims are reported as received, never stored.
  assert.deepEqual(results[0].borrowed, ['persona']);
  assert.ok(!results[0].stored.includes('persona'));
  assert.deepEqual(results.find((r) => r.line === s.revoke2).revoked, ['/identities/email/primary', '/identities/phone/primary']);
  assert.deepEqual(await claimsOf(store), expectedClaims(set));
});

test('running the same input again changes nothing: every taken line a duplicate', async () => {
  const before = readFileSync(store);
  const again = run(['--store', store, '--now', nowIso, input]);
  assert.equal(again.status, 0, again.stderr);
  const results = ndjson(again.stdout);
  assert.ok(results.every((r) => r.status === 'duplicate' && r.stored.length === 0), again.stdout);
  assert.match(again.stderr, /line \d+: E_CONFLICT at \/response: replay/);
  assert.deepEqual(await claimsOf(store), expectedClaims(set));
  assert.equal(readFileSync(store).length, before.length);
});

test('a replay arriving in a later run is caught by the store, not by memory', async () => {
  const file = join(dir, 'later.sqlite');
  const c = set.customers[1];
  assert.equal(run(['--store', file, '--now', nowIso, '-'], `${set.lines[1]}\n`).status, 0);
  const at = new Date(now.getTime() - 200_000);
  const again = await answer(c.request, c.i, c.keys, { at });
  const r = run(['--store', file, '--now', nowIso, '-'], `${line(c.request, again.response, { receivedAt: at.toISOString() })}\n`);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^line 1: E_CONFLICT at \/response: replay/m);
  assert.match(r.stderr, /no line gave a result/);
});

test('borrowed claims reach the next stage in the run that received them, for their purpose only', async () => {
  const file = join(dir, 'rows.sqlite');
  const r = run(['--store', file, '--now', nowIso, '--emit', 'rows', '--purpose', 'dpv:ServicePersonalisation', input]);
  assert.equal(r.status, 0, r.stderr);
  const rows = ndjson(r.stdout);
  assert.equal(rows.length, 8);
  const c0 = rows.find((row) => row.subject === set.customers[0].subject);
  assert.equal(c0.claims.persona, customerValues(0).persona);
  assert.equal(c0.claims['/personal/name'], undefined); // granted for marketing only
  // Customer 3 revoked everything: only the borrowed persona of this run is left.
  assert.deepEqual(rows.find((row) => row.subject === set.customers[3].subject).claims, { persona: customerValues(3).persona });
  // The store never saw the borrowed claim.
  assert.ok(!(await claimsOf(file)).some((c) => c.claim === 'persona'));
  const exported = ndjson(run(['export', '--store', file, '--now', nowIso, '--purpose', 'dpv:ServicePersonalisation']).stdout);
  assert.ok(exported.every((row) => !('persona' in row.claims)));
});

test('export keeps to the purpose and leaves out revoked claims', async () => {
  const r = run(['export', '--store', store, '--now', nowIso, '--purpose', 'dpv:Marketing']);
  assert.equal(r.status, 0, r.stderr);
  const rows = ndjson(r.stdout);
  const want = expectedClaims(set).filter((c) => c.purpose === dpv('Marketing') && c.revokedAt === null);
  assert.deepEqual(rows.flatMap((row) => Object.entries(row.claims).map(([claim, value]) => ({ subject: row.subject, claim, value }))),
    want.map(({ subject, claim, value }) => ({ subject, claim, value })));
  assert.equal(ndjson(run(['export', '--store', store, '--now', nowIso, '--purpose', 'dpv:Advertising']).stdout).length, 0);
});

test('purge deletes exactly the revoked and the expired claims, and says which', async () => {
  const file = join(dir, 'purge.sqlite');
  writeFileSync(file, readFileSync(store));
  const early = run(['purge', '--store', file, '--now', nowIso]);
  assert.equal(early.status, 0, early.stderr);
  const revoked = expectedClaims(set).filter((c) => c.revokedAt !== null);
  assert.deepEqual(ndjson(early.stdout).map((p) => [p.subject, p.claim, p.reason]), revoked.map((c) => [c.subject, c.claim, 'revoked']));
  assert.match(early.stderr, new RegExp(`purged ${revoked.length} claims: ${revoked.length} revoked, 0 expired`));
  const late = run(['purge', '--store', file, '--now', later.toISOString()]);
  const expired = expectedClaims(set).filter((c) => c.revokedAt === null && c.expiresAt !== null);
  assert.deepEqual(ndjson(late.stdout).map((p) => [p.subject, p.claim, p.reason]), expired.map((c) => [c.subject, c.claim, 'expired']));
  assert.deepEqual(await claimsOf(file), expectedClaims(set).filter((c) => c.revokedAt === null && c.expiresAt === null));
  // The purged values are gone from the file's bytes too (secure_delete), not only from the rows.
  const bytes = readFileSync(file).toString('latin1');
  for (const c of [...revoked, ...expired].filter((x) => typeof x.value === 'string' && x.value.includes('@'))) assert.ok(!bytes.includes(c.value), c.value);
});

test('a file that is not an intake store is refused and left as it was; usage errors exit 2', async () => {
  const other = join(dir, 'notes.txt');
  writeFileSync(other, 'my notes, not a database\n'.repeat(200));
  const before = readFileSync(other);
  const r = run(['--store', other, '--now', nowIso, input]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /E_CONFLICT: .*not an intake store/);
  assert.deepEqual(readFileSync(other), before);
  assert.equal(run([input]).status, 2); // no --store
  assert.equal(run(['--store', store, '--emit', 'all', input]).status, 2);
  assert.equal(run(['purge', '--store', join(dir, 'missing.sqlite')]).status, 1);
  assert.equal(run(['--store', join(dir, 'empty.sqlite'), '-'], '\n').status, 1);
});

test('CRM CSV: the documented columns, one row per customer with claims for the purpose, from those claims only', async () => {
  const r = spawnSync(process.execPath, [cli, 'export', 'crm', '--store', store, '--purpose', 'dpv:Marketing', '--now', nowIso], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const records = r.stdout.split('\r\n');
  assert.equal(records.pop(), '');
  assert.equal(records[0], 'Email,First name,Last name,Phone number,Lifecycle stage,Lead score,Segments,Persona,Consent purpose,Consent expires,Pairwise ID');
  const want = set.customers.map((c) => {
    const v = customerValues(c.i);
    const [given, family] = v['/personal/name'].split(' ');
    const kept = c.i !== 2; // customer 2 revoked email and phone; customer 3 everything (no row)
    return [c.subject, [kept ? v['/identities/email/primary'] : '', given, family, kept ? v['/identities/phone/primary'] : '', 'Lead', '', '', '',
      dpv('Marketing'), c.keep ? '2026-12-02T10:00:00.000Z' : '', c.subject].join(',')];
  }).filter(([, row]) => !row.includes(set.customers[3].subject)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  assert.deepEqual(records.slice(1), want);
  // For personalisation: bands, segments and lifecycle stage; no name, email or phone (granted for marketing only).
  const p = spawnSync(process.execPath, [cli, 'export', 'crm', '--store', store, '--purpose', 'dpv:ServicePersonalisation', '--now', nowIso, '--format', 'ndjson'], { encoding: 'utf8' });
  const contacts = ndjson(p.stdout);
  assert.equal(contacts.length, 7);
  for (const c of contacts) {
    const i = set.customers.find((x) => x.subject === c['Pairwise ID']).i;
    const v = customerValues(i);
    assert.deepEqual([c.Email, c['First name'], c['Phone number']], ['', '', '']);
    assert.equal(c['Lifecycle stage'], v['segment:evangelist'] ? 'Evangelist' : 'Customer');
    assert.equal(c['Lead score'], String(Math.round(({ low: 0, medium: 50, high: 100 }[v['band:clv']] + { low: 0, medium: 50, high: 100 }[v['band:engagement']]) / 2)));
    assert.equal(c.Segments, ['at-risk', 'evangelist'].filter((s) => v[`segment:${s}`]).join(';'));
  }
  assert.equal(spawnSync(process.execPath, [cli, 'export', 'crm', '--store', store], { encoding: 'utf8' }).status, 2); // no --purpose
});

test('CRM cells: RFC 4180 quoting, and no cell a spreadsheet would run as a formula', () => {
  assert.equal(crmCell('plain'), 'plain');
  assert.equal(crmCell('Lovelace, Ada'), '"Lovelace, Ada"');
  assert.equal(crmCell('say "hi"'), '"say ""hi"""');
  assert.equal(crmCell('two\r\nlines'), '"two\r\nlines"');
  for (const hostile of ['=HYPERLINK("http://evil.example","x")', '+cmd|\' /C calc\'!A0', '-2+3+cmd|x', '@SUM(A1)', '\t=1', '\r=1']) {
    const cell = crmCell(hostile);
    const text = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    assert.equal(text, `'${hostile}`);
  }
  assert.equal(crmCell('+44 20 7946 0000'), '+44 20 7946 0000');
  assert.equal(crmCell('-3.5'), '-3.5');
});

test('report --store: segment and persona sizes, NPS with its interval, grants by level and purpose', async () => {
  const html = join(dir, 'report.html');
  const r = spawnSync(process.execPath, [cli, 'report', '--store', store, '--as-of', nowIso, '--html', html], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  const live = expectedClaims(set).filter((c) => c.revokedAt === null);
  assert.equal(report.customers, new Set(live.map((c) => c.subject)).size);
  assert.equal(report.claims, live.length);
  const count = (names) => names.reduce((m, n) => ({ ...m, [n]: (m[n] ?? 0) + 1 }), {});
  assert.deepEqual(report.segments, count(live.filter((c) => c.claim.startsWith('segment:') && c.value === true).map((c) => c.claim.slice(8))));
  assert.deepEqual(report.personas, {}); // persona was borrowed: never kept, so not in a report of the store
  const categories = live.filter((c) => c.claim === 'nps:category').map((c) => c.value);
  const share = (k) => categories.filter((c) => c === k).length / categories.length;
  assert.equal(report.nps.n, categories.length);
  assert.ok(Math.abs(report.nps.nps - 100 * (share('promoter') - share('detractor'))) < 1e-9);
  assert.ok(report.nps.ci95[0] < report.nps.nps && report.nps.nps < report.nps.ci95[1]);
  // Grants: every claim of the 8 stored answers, borrowed persona included; shares add up to 1.
  const byLevel = report.grants.reduce((m, g) => ({ ...m, [g.level]: (m[g.level] ?? 0) + g.claims }), {});
  assert.deepEqual(byLevel, { copied: 8 * 8, borrowed: 8 });
  assert.ok(Math.abs(report.grants.reduce((a, g) => a + g.share, 0) - 1) < 1e-12);
  // The conversation plan over the same rows: what `selfcrm rank --budget 10` picks from them.
  const rows = run(['export', '--store', store, '--now', nowIso]).stdout;
  const ranked = spawnSync(process.execPath, [cli, 'rank', '--budget', '10'], { input: rows, encoding: 'utf8' });
  assert.equal(ranked.status, 0, ranked.stderr);
  assert.deepEqual(report.conversationPlan.conversations, ranked.stdout.trim().split('\n').map((l) => JSON.parse(l)));
  assert.equal(report.conversationPlan.summary.customers, report.customers);
  const page = readFileSync(html, 'utf8');
  assert.match(page, /id="conversation-plan"/);
  assert.match(page, new RegExp(`capture ${(100 * report.conversationPlan.summary.share).toFixed(1)}%`));
  assert.match(page, new RegExp(`NPS <strong>${report.nps.nps.toFixed(1)}</strong>`));
});

test('hostile lines (random byte changes of valid ones): each is taken whole or rejected, never a crash or half a customer', async () => {
  const file = join(dir, 'hostile.sqlite');
  const s = await IntakeStore.open(file);
  try {
    const run = new IntakeRun(s, { now });
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const lines = [];
    for (let i = 0; i < 240; ++i) {
      const base = set.lines[i % 8];
      const chars = [...base];
      for (let k = 0; k < 1 + Math.floor(random() * 3); ++k) chars[Math.floor(random() * chars.length)] = String.fromCharCode(32 + Math.floor(random() * 95));
      lines.push({ line: i + 1, text: chars.join('') });
    }
    let taken = 0;
    for (let at = 0; at < lines.length; at += 60) {
      const { results, rejects } = await run.add(lines.slice(at, at + 60));
      assert.equal(results.length + rejects.length, 60);
      taken += results.length;
      for (const r of rejects) assert.match(r.code, /^E_[A-Z]+$/);
    }
    // Whatever was taken in is whole: the 8 copied claims of an answer, all or none.
    const bySubject = new Map();
    for (const c of s.allClaims()) bySubject.set(c.subject, (bySubject.get(c.subject) ?? 0) + 1);
    for (const n of bySubject.values()) assert.equal(n, 8);
    assert.ok(taken > 0 && taken < 240, `${taken} of 240 changed lines were taken in`);
  } finally {
    await s.close();
  }
});
