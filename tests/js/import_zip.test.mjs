// The streamed ZIP reader against hostile and broken archives: each guard gives its code and the
// member's path, archives written with and without data descriptors read alike, and a File/Blob
// or a Node stream is read in pieces.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';

import { strToU8, Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import { ready, SelfCrmError } from 'selfcrm';
import { readExport } from 'selfcrm/import';

before(() => ready());

const member = 'profile_information/profile_information.json';
const profile = strToU8('{"profile_v2": {"emails": {"emails": ["ann@example.org"]}, "username": "ann.example"}}');
const options = { file: 'fb.zip', importedAt: '2026-12-07T00:00:00.000Z' };

function expectCoded(promise, code, path, message) {
  return assert.rejects(promise, (e) => {
    assert.ok(e instanceof SelfCrmError, String(e));
    assert.equal(e.code, code, e.message);
    assert.equal(e.path, path, e.message);
    if (message) assert.match(e.message, message);
    return true;
  });
}

// An archive written as a stream (sizes in data descriptors after each member, as most servers write).
function streamedZip(files) {
  const parts = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  for (const [name, data, stored] of files) {
    const entry = stored ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(data, true);
  }
  zip.end();
  return Buffer.concat(parts);
}

test('archives with and without data descriptors, from bytes, a Blob and a Node stream, read alike', async () => {
  const plain = zipSync({ 'a/photo.jpg': new Uint8Array(5000).fill(1), [member]: profile });
  const streamed = streamedZip([['a/photo.jpg', new Uint8Array(5000).fill(1), true], ['a/video.mp4', new Uint8Array(7000).fill(2), false], [member, profile, false]]);
  const fromBytes = await readExport(plain, options);
  assert.deepEqual(fromBytes.identities.map((i) => i.value), ['ann@example.org', 'ann.example']);
  const fromStream = await readExport(streamed, options);
  assert.deepEqual(fromStream.identities.map((i) => [i.value, i.provenance.path]), fromBytes.identities.map((i) => [i.value, i.provenance.path]));
  const fromBlob = await readExport(new Blob([streamed]), options);
  assert.deepEqual(fromBlob, fromStream);
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-zip-'));
  try {
    writeFileSync(join(dir, 'fb.zip'), streamed);
    const fromFile = await readExport(createReadStream(join(dir, 'fb.zip'), { highWaterMark: 97 }), options);
    assert.deepEqual(fromFile, fromStream);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the streaming SHA-256 written in JS (browsers) equals node:crypto\'s, however the bytes are split', async () => {
  const { Sha256 } = await import('../../dist/share/sha256_sync.js');
  const bytes = new Uint8Array(100_003).map((_, i) => (i * 7919) % 251);
  for (const step of [1, 63, 64, 65, 4096, 100_003]) {
    const h = new Sha256();
    for (let i = 0; i < bytes.length; i += step) h.update(bytes.subarray(i, i + step));
    assert.equal(Buffer.from(h.digest()).toString('hex'), createHash('sha256').update(bytes).digest('hex'), `pieces of ${step}`);
  }
});

test('hostile names: path traversal and absolute paths are refused', async () => {
  await expectCoded(readExport(zipSync({ '../../etc/passwd': strToU8('x'), [member]: profile }), options), 'E_SCHEMA', 'zip:../../etc/passwd', /traversal/);
  await expectCoded(readExport(zipSync({ '/abs.json': strToU8('x') }), options), 'E_SCHEMA', 'zip:/abs.json', /absolute/);
  await expectCoded(readExport(zipSync({ 'C:/x.json': strToU8('x') }), options), 'E_SCHEMA', 'zip:C:/x.json', /absolute/);
});

test('limits: member count, inflated size and ratio (a zip bomb)', async () => {
  const many = {};
  for (let i = 0; i < 6; ++i) many[`m${i}.bin`] = strToU8('x');
  await expectCoded(readExport(zipSync(many), { ...options, limits: { maxEntries: 5 } }), 'E_RANGE', 'zip:m5.bin', /more than 5 members/);
  const bomb = zipSync({ [member]: new Uint8Array(8 * 2 ** 20) }, { level: 9 });
  assert.ok(bomb.length < 20_000);
  await expectCoded(readExport(bomb, { ...options, limits: { maxRatio: 100 } }), 'E_RANGE', `zip:${member}`, /zip bomb/);
  await expectCoded(readExport(bomb, { ...options, limits: { maxMemberBytes: 2 ** 20 } }), 'E_RANGE', `zip:${member}`, /inflates past 1048576/);
  // Streamed (no declared sizes): the ratio is still measured on the bytes read.
  const streamedBomb = streamedZip([[member, new Uint8Array(8 * 2 ** 20), false]]);
  await expectCoded(readExport(streamedBomb, { ...options, limits: { maxRatio: 100 } }), 'E_RANGE', `zip:${member}`, /zip bomb/);
});

// The local header's uncompressed size (offset 22) and compression method (offset 8) of the first member.
function patched(zip, offset, value, bytes = 4) {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  if (bytes === 4) view.setUint32(offset, value, true);
  else view.setUint16(offset, value, true);
  return copy;
}

test('declared sizes that lie, unknown compression, truncation and non-ZIP bytes', async () => {
  const zip = zipSync({ [member]: profile }, { level: 6 });
  await expectCoded(readExport(patched(zip, 22, 10), options), 'E_RANGE', `zip:${member}`, /declares/);
  await expectCoded(readExport(patched(zip, 22, profile.length + 50), options), 'E_PARSE', `zip:${member}`, /declares/);
  await expectCoded(readExport(patched(zip, 8, 14, 2), options), 'E_UNSUPPORTED', `zip:${member}`, /method 14/);
  const stored = zipSync({ [member]: profile }, { level: 0 });
  await expectCoded(readExport(stored.subarray(0, 30 + member.length + 10), options), 'E_PARSE', `zip:${member}`, /truncated/);
  await expectCoded(readExport(stored.subarray(0, 60), options), 'E_PARSE', 'zip:', /end-of-central-directory/);
  await expectCoded(readExport(stored.subarray(0, stored.length - 30), options), 'E_PARSE', 'zip:', /end-of-central-directory/);
  const corrupt = zip.slice();
  corrupt.fill(0xff, 30 + member.length, 30 + member.length + 8);
  await expectCoded(readExport(corrupt, options), 'E_PARSE', `zip:${member}`);
  await expectCoded(readExport(Uint8Array.of(0x50, 0x4b, 3, 4, 1, 2), options), 'E_PARSE', 'zip:');
  await expectCoded(readExport(new Uint8Array(0), options), 'E_EMPTY', 'fb.zip');
});
