// A platform export as the person downloaded it (a ZIP archive, or the bare CSV/JSON file),
// streamed once: hashed for provenance, unzipped member by member, each member it knows handed to
// its reader. Produces an ImportBatch and never touches the vault.
import { SelfCrmError } from '../../runtime/errors.js';
import { streamingSha256 } from '../../share/sha256_sync.js';
import type { IdentityDecision } from '../identity_match.js';
import type { IdentityKey } from '../types.js';
import type { ImportBatch } from './batch.js';
import { ExportBatch } from './export_batch.js';
import { FacebookProfileReader, isFacebookProfileMember } from './facebook_dyi.js';
import { GoogleContactsReader } from './google_contacts.js';
import { chunksOf, isZipStart, readZip, type ByteSource, type MemberSink, type ZipLimits } from './zip.js';

export type ExportKind = 'google-contacts-csv' | 'facebook-dyi';

export interface ExportReadOptions {
  /** The file's name as the person picked it (provenance). */
  file: string;
  /** The vault owner's identities: a contacts row is the owner's only when it shares one. */
  owner?: IdentityKey[];
  /** The customer's earlier "same person"/"never merge" answers. */
  decisions?: IdentityDecision[];
  /** ISO-8601; defaults to now. */
  importedAt?: string;
  /** The export's kind; by default recognised from its members (or, for a bare file, its text). */
  kind?: ExportKind;
  limits?: Partial<ZipLimits>;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const contactsMember = (name: string) => /\.csv$/i.test(name);

/**
 * Reads a Google Contacts CSV or a Facebook "Download your information" archive (ZIP or bare
 * file) from a File/Blob, a stream or bytes, in bounded memory.
 * @throws SelfCrmError with the ZIP member and line or JSON path: E_PARSE (not a ZIP, truncated,
 *   not CSV/JSON/UTF-8), E_SCHEMA (unsafe member name, not the expected export), E_RANGE (zip bomb,
 *   limits), E_EMPTY (nothing of a known export in it), E_UNSUPPORTED (a compression it cannot read).
 */
export async function readExport(source: ByteSource, options: ExportReadOptions): Promise<ImportBatch> {
  if (typeof options?.file !== 'string') throw new SelfCrmError('E_SCHEMA', 'options.file names the file', '/file');
  const hash = streamingSha256();
  const chunks = chunksOf(source);
  const first = await chunks.next();
  if (first.done) throw new SelfCrmError('E_EMPTY', 'the file is empty', options.file);
  async function* hashed(): AsyncGenerator<Uint8Array> {
    hash.update(first.value as Uint8Array);
    yield first.value as Uint8Array;
    for await (const c of chunks) {
      hash.update(c);
      yield c;
    }
  }
  const importedAt = options.importedAt ?? new Date().toISOString();
  const owner = options.owner ?? [];
  const decisions = options.decisions ?? [];
  let out: ExportBatch | undefined;
  const batchOf = (kind: ExportKind) => (out ??= new ExportBatch(kind, options.file, importedAt));
  const readerFor = (kind: ExportKind, member: string): MemberSink =>
    kind === 'facebook-dyi' ? new FacebookProfileReader(batchOf(kind), member) : new GoogleContactsReader(batchOf(kind), member, owner, decisions);

  if (!isZipStart(first.value as Uint8Array)) {
    const kind = options.kind ?? ((first.value as Uint8Array).find((b) => b > 0x20) === 0x7b ? 'facebook-dyi' : 'google-contacts-csv');
    const reader = readerFor(kind, kind === 'facebook-dyi' ? options.file : '');
    for await (const c of hashed()) reader.data(c);
    reader.end();
    return (out as ExportBatch).finish(hex(hash.digest()));
  }

  const unread = new Map<string, number>();
  const kindOf = (name: string): ExportKind | undefined =>
    isFacebookProfileMember(name) ? 'facebook-dyi' : contactsMember(name) ? 'google-contacts-csv' : undefined;
  await readZip(
    hashed(),
    (entry) => {
      const kind = kindOf(entry.name);
      if (kind && (options.kind ?? out?.batch.source ?? kind) === kind) return readerFor(kind, entry.name);
      const folder = entry.name.includes('/') ? `${entry.name.slice(0, entry.name.indexOf('/'))}/` : entry.name;
      unread.set(folder, (unread.get(folder) ?? 0) + 1);
      return undefined;
    },
    options.limits,
  );
  if (!out) {
    throw new SelfCrmError('E_EMPTY', 'no Google Contacts CSV and no Facebook profile (profile_information/profile_information.json) in the archive', 'zip:');
  }
  for (const [folder, count] of unread) {
    out.skip('E_UNSUPPORTED', `zip:${folder}`, `${count} member${count === 1 ? '' : 's'} not read: only ${out.batch.source === 'facebook-dyi' ? 'the profile' : 'contacts CSV files'} feed the vault`);
  }
  return out.finish(hex(hash.digest()));
}
