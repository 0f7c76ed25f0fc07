import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { test } from 'node:test';

import { claimSourceFromObjects, createKeyPair, exportKeyPair } from 'selfcrm';
import { derived, join, parts, profile, sharingWith, shop } from './share_fixtures.mjs';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8' });
const dir = mkdtempSync(joinPath(tmpdir(), 'selfcrm-verify-'));
const now = new Date('2026-11-22T12:00:00Z');

const keys = await createKeyPair();
const keyFile = joinPath(dir, 'key.jwk');
writeFileSync(keyFile, JSON.stringify((await exportKeyPair(keys)).publicJwk));
const sharing = await sharingWith([{ recipient: shop, claim: 'persona', level: 'copied', purpose: 'recs' }], { keyPair: keys, claims: claimSourceFromObjects(profile, derived), at: now });
const { packet } = await sharing.share(shop, { now });

test('selfcrm verify prints the verified claims and exits 0 for a good packet', () => {
  const packetFile = joinPath(dir, 'packet.txt');
  writeFileSync(packetFile, `${packet}\n`);
  const r = run(['verify', '--key', keyFile, '--packet', packetFile, '--audience', 'shop-1', '--now', '2026-11-22T12:10:00Z']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.valid, true);
  assert.deepEqual(out.claims.persona, { value: 'explorer', level: 'copied', purpose: 'recs', retention: 'keep', expiresAt: null });
});

test('selfcrm verify exits 1 for a tampered, expired or misaddressed packet, naming the problem', () => {
  const p = parts(packet);
  const removed = join({ ...p, disclosures: [] });
  let r = run(['verify', '--key', keyFile, '--now', '2026-11-22T12:10:00Z'], removed);
  assert.equal(r.status, 1);
  assert.equal(JSON.parse(r.stdout).valid, false);
  assert.match(r.stderr, /^missing-disclosure \(persona\)/);

  r = run(['verify', '--key', keyFile, '--now', '2026-11-22T14:00:00Z'], packet);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^expired/);

  r = run(['verify', '--key', keyFile, '-a', 'bank-2', '--now', '2026-11-22T12:10:00Z'], packet);
  assert.equal(r.status, 1);
  assert.deepEqual(JSON.parse(r.stdout).claims, {});
});

test('selfcrm verify usage errors exit 2; an unreadable key exits 1', () => {
  assert.equal(run(['verify'], packet).status, 2);
  assert.equal(run(['verify', '--key', keyFile, '--now', 'soon'], packet).status, 2);
  const h = run(['verify', '--help']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /^Usage: selfcrm verify/);
  const r = run(['verify', '--key', joinPath(dir, 'missing.jwk')], packet);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /E_PARSE/);
});

test('selfcrm verify reports a hostile packet as a result, never a stack, and bounds what it reads', () => {
  const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const hostile = `${b64({ alg: 'EdDSA', typ: 'selfcrm-share+sd-jwt' })}.${b64({ exp: 1e308, iat: 1e308 })}.${'A'.repeat(86)}~`;
  let r = run(['verify', '--key', keyFile], hostile);
  assert.equal(r.status, 1);
  assert.equal(JSON.parse(r.stdout).valid, false);
  assert.match(r.stderr, /^signature: /);
  assert.doesNotMatch(r.stderr, /RangeError|\n\s+at /);
  r = run(['verify', '--key', keyFile, '--max-packet-length', '64', '--now', '2026-11-22T12:10:00Z'], packet);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^too-large: /);
  assert.equal(run(['verify', '--key', keyFile, '--max-disclosures', '0'], packet).status, 2);
});
