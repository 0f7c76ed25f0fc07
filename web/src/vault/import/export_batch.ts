// Collects what the export readers find into one ImportBatch, in bounded memory: an address book
// of a million rows gives a million "someone else's row" skips, so each reason is listed for its
// first rows and then counted.
import type { ErrorCode } from '../../runtime/errors.js';
import type { AttributeCategory, AttributeValue, IdentityKind } from '../types.js';
import type { ImportBatch, ImportSourceKind, Provenance } from './batch.js';

const LISTED_PER_REASON = 20;

export class ExportBatch {
  readonly batch: ImportBatch;
  readonly #provenance: Omit<Provenance, 'path' | 'sha256'>;
  readonly #sourced: Provenance[] = [];
  readonly #counts = new Map<string, { code: ErrorCode; listed: number; more: number }>();

  constructor(source: ImportSourceKind, file: string, importedAt: string) {
    this.batch = { source, identities: [], attributes: [], rejects: [], skipped: [] };
    this.#provenance = { source, file, importedAt };
  }

  identity(kind: IdentityKind, value: string, path: string, extra: { network?: string; verified?: boolean; record?: string } = {}): void {
    this.batch.identities.push({ kind, value, ...extra, provenance: this.#at(path) });
  }

  attribute(category: AttributeCategory, name: string, value: AttributeValue, path: string, record?: string): void {
    if (value === '') return;
    this.batch.attributes.push({ category, name, value, ...(record === undefined ? {} : { record }), provenance: this.#at(path) });
  }

  reject(code: ErrorCode, path: string, message: string): void {
    this.batch.rejects.push({ code, path, message });
  }

  /** Well-formed input left out; `reason` groups the ones counted rather than listed. */
  skip(code: ErrorCode, path: string, message: string, reason = message): void {
    const count = this.#counts.get(reason) ?? { code, listed: 0, more: 0 };
    this.#counts.set(reason, count);
    if (count.listed >= LISTED_PER_REASON) {
      ++count.more;
      return;
    }
    ++count.listed;
    this.batch.skipped.push({ code, path, message });
  }

  /** The batch, with the file's digest on every item and one line per reason for the rows not listed. */
  finish(sha256: string): ImportBatch {
    for (const p of this.#sourced) p.sha256 = sha256;
    for (const [reason, { code, more }] of this.#counts) {
      if (more > 0) this.batch.skipped.push({ code, path: '', message: `${more} more not listed: ${reason}` });
    }
    return this.batch;
  }

  #at(path: string): Provenance {
    const p: Provenance = { ...this.#provenance, sha256: '', path };
    this.#sourced.push(p);
    return p;
  }
}
