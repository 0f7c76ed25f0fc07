// Importing a 1 GB platform export in bounded memory: a generated Facebook "Download your
// information" archive (the profile, message threads, and mostly photos, as real ones are) and a
// generated Google Contacts CSV inside a ZIP, read with readExport from a file stream. Reported
// against the physical limit on the same file in the same way: reading its bytes from a stream
// and doing nothing else. Each figure is the median of 3 runs, each in a fresh process, so the
// peak RSS (VmHWM) is that run's own. The archives are written to a
// temporary folder and deleted afterwards.
// Run: bash scripts/build.sh native wasm dist && node bench/import_zip.mjs [archive MB, default 1024]
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

const RUNS = 3;

// This process's own peak RSS. On Linux getrusage's maxRSS survives fork and exec (a child starts
// at its parent's high-water mark), so /proc/self/status VmHWM, which a new program resets, is read.
function peakRssKiB() {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

// One run, in this process (the child): print what it measured as JSON.
async function child([mode, file, kind]) {
  const t0 = performance.now();
  let summary;
  if (mode === 'raw') {
    let bytes = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) bytes += chunk.length;
    summary = { bytes };
  } else {
    const { ready } = await import('selfcrm');
    const { readExport } = await import('selfcrm/import');
    await ready();
    const owner = [{ kind: 'email', value: 'ann.lee@gmail.com' }];
    const batch = await readExport(createReadStream(file, { highWaterMark: 1 << 20 }), { file, kind, owner });
    summary = { identities: batch.identities.length, attributes: batch.attributes.length, skipped: batch.skipped.length, sha256: batch.identities[0]?.provenance.sha256 };
  }
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(`${JSON.stringify({ seconds, maxRssMiB: peakRssKiB() / 1024, ...summary })}\n`);
}

// A ZIP written member by member with sizes and CRC in each local header (as Info-ZIP and most
// servers write them), without ZIP64: the generated archives stay under 4 GiB and 65,535 members.
class ZipWriter {
  #fd;
  #offset = 0;
  #central = [];
  constructor(path) {
    this.#fd = openSync(path, 'w');
  }
  add(name, data, deflate) {
    const body = deflate ? deflateRawSync(data, { level: 1 }) : data;
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6);
    header.writeUInt16LE(deflate ? 8 : 0, 8);
    header.writeUInt32LE(0x5a210000, 10);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    this.#central.push({ header, nameBytes, offset: this.#offset });
    for (const part of [header, nameBytes, body]) this.#offset += writeSync(this.#fd, part);
  }
  get size() {
    return this.#offset;
  }
  close() {
    const start = this.#offset;
    for (const { header, nameBytes, offset } of this.#central) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      header.copy(c, 6, 4, 30);
      c.writeUInt32LE(offset, 42);
      this.#offset += writeSync(this.#fd, c) + writeSync(this.#fd, nameBytes);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.#central.length, 8);
    end.writeUInt16LE(this.#central.length, 10);
    end.writeUInt32LE(this.#offset - start, 12);
    end.writeUInt32LE(start, 16);
    writeSync(this.#fd, end);
    closeSync(this.#fd);
  }
}

let seed = 7;
const random = (n) => {
  const out = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i += 4) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    out.writeUInt32LE(seed, Math.min(i, n - 4));
  }
  return out;
};

function facebookArchive(path, targetBytes) {
  const zip = new ZipWriter(path);
  zip.add('personal_information/profile_information/profile_information.json', Buffer.from(JSON.stringify({
    profile_v2: {
      name: { full_name: 'Ren\u00c3\u00a9e Lee', first_name: 'Ren\u00c3\u00a9e', last_name: 'Lee' },
      emails: { emails: ['ann.lee@gmail.com'], previous_emails: [], pending_emails: [], ad_account_emails: [] },
      birthday: { year: 1990, month: 2, day: 3 },
      phone_numbers: [{ phone_type: 'Mobile', phone_number: '+44 20 7946 0018', verified: true }],
      username: 'renee.lee.photos',
    },
  })), true);
  // Message threads: 64 MB of JSON text (deflated), then photos (stored: JPEGs do not deflate).
  for (let t = 0; t < 64; ++t) {
    const messages = Array.from({ length: 6000 }, (_, i) => ({ sender_name: 'Bob Stone', timestamp_ms: 1.6e12 + i, content: `message ${i} of thread ${t}: see you at the caf\u00c3\u00a9 later` }));
    zip.add(`your_facebook_activity/messages/inbox/thread_${t}/message_1.json`, Buffer.from(JSON.stringify({ participants: [{ name: 'Bob Stone' }], messages })), true);
  }
  const photo = random(4 << 20);
  for (let i = 0; zip.size < targetBytes; ++i) zip.add(`your_facebook_activity/posts/media/photo_${i}.jpg`, photo, false);
  zip.close();
}

function contactsArchive(path, targetBytes) {
  const header = 'First Name,Middle Name,Last Name,Birthday,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - City';
  const rows = [header, 'Ann,,Lee,1990-02-03,* myContacts,* Home,annlee@gmail.com,Mobile,+44 20 7946 0018,London'];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; ++i) {
    const row = `Person${i},,Family${i % 977},,* myContacts,* Home,person${i}@example.org,Mobile,+1 555 ${String(i).padStart(7, '0')},"Town, ${i % 100}"`;
    rows.push(row);
    bytes += row.length + 2;
  }
  const zip = new ZipWriter(path);
  zip.add('Takeout/Contacts/contacts.csv', Buffer.from(rows.join('\r\n')), true);
  zip.close();
  return bytes;
}

function measure(args) {
  const runs = [];
  for (let i = 0; i < RUNS; ++i) {
    const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--child', ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`run failed: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  runs.sort((a, b) => a.seconds - b.seconds);
  return { ...runs[1], maxRssMiB: Math.max(...runs.map((r) => r.maxRssMiB)) };
}

async function main() {
  const megabytes = Number(process.argv[2] ?? 1024);
  const dir = mkdtempSync(join(tmpdir(), 'selfcrm-import-bench-'));
  const rows = [];
  const notes = [];
  try {
    const mb = (b) => b / 2 ** 20;
    const fb = join(dir, 'facebook-export.zip');
    facebookArchive(fb, megabytes * 2 ** 20);
    const csvZip = join(dir, 'contacts.zip');
    const csvBytes = contactsArchive(csvZip, Math.min(megabytes, 128) * 2 ** 20);
    for (const [label, file, kind, inflated] of [['Facebook DYI archive', fb, 'facebook-dyi', undefined], ['Google Contacts CSV in a ZIP', csvZip, 'google-contacts-csv', csvBytes]]) {
      const size = statSync(file).size;
      const raw = measure(['raw', file]);
      const full = measure(['read', file, kind]);
      if (full.identities < 1) throw new Error(`${label}: the owner's identities were not found`);
      const rate = mb(size) / full.seconds;
      const rawRate = mb(size) / raw.seconds;
      rows.push({ figure: `${label}, ${mb(size).toFixed(0)} MiB archive${inflated ? ` (${mb(inflated).toFixed(0)} MiB of CSV)` : ''}: throughput`,
        selfcrm: `${rate.toFixed(1)} MB/s${inflated ? `, ${(mb(inflated) / full.seconds).toFixed(1)} MB/s of CSV` : ''}`, peer: `${rawRate.toFixed(0)} MB/s (reading the file)`, ratio: rate / rawRate, ratioMeaning: 'of the read speed' });
      rows.push({ figure: `${label}: peak RSS`, selfcrm: `${full.maxRssMiB.toFixed(1)} MiB`, peer: `${raw.maxRssMiB.toFixed(1)} MiB (reading the file)`, ratio: full.maxRssMiB / raw.maxRssMiB, ratioMeaning: 'of reading' });
      notes.push(`${label}: ${full.identities} identities and ${full.attributes} attributes proposed, ${full.skipped} skip lines (others counted); median ${full.seconds.toFixed(2)} s of ${RUNS} runs.`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const r of rows) console.log(`${r.figure.padEnd(80)} ${String(r.selfcrm).padEnd(32)} ${r.peer.padEnd(34)} ${r.ratio.toFixed(2)}×`);
  for (const n of notes) console.log(n);
  console.log(JSON.stringify({ section: 'Import: a 1 GB platform export (ZIP, streamed)', rows, notes }));
}

if (process.argv[2] === '--child') await child(process.argv.slice(3));
else await main();
