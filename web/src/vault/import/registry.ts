// Every kind of file `selfcrm vault import --from KIND` and the vault app's Import screen read:
// one entry each. A reader turns a file into an ImportBatch and never touches the vault; the
// vault applies the batch (Vault.applyImport).
import { SelfCrmError } from '../../runtime/errors.js';
import type { ImportBatch, ImportSourceKind } from './batch.js';
import { sha256Hex } from './digest.js';
import { readJCard } from './jcard.js';
import { readOidcClaims } from './oidc.js';
import { readVCard } from './vcard.js';
import type { FileSource } from './vcard_map.js';
import type { IdentityDecision } from '../identity_match.js';
import type { IdentityKey } from '../types.js';
import { readExport, type ExportKind } from './export_archive.js';
import type { ZipLimits } from './zip.js';

export interface ImportReadOptions {
  /** For a contact file holding several cards: which one is the customer's own (1-based, default 1). */
  card?: number;
  /** The time readers stamp on provenance (default: now); the vault records when it applied each item. */
  importedAt?: string;
  /** Platform exports: the vault owner's identities (an address book row is read only when it shares one). */
  owner?: IdentityKey[];
  /** Platform exports: the customer's "same person" / "never merge" decisions (Vault.identityDecisions). */
  decisions?: IdentityDecision[];
  /** Platform exports: bounds for the ZIP archive (zip bombs). */
  limits?: Partial<ZipLimits>;
}

export interface ImportReader {
  kind: ImportSourceKind;
  /** One line for `--help` and the app's list of kinds. */
  describe: string;
  /** File name endings the app's file input suggests (".vcf"). */
  accept: string[];
  /** Reads `file` (a browser File or any Blob) called `name`; problems go in the batch, not thrown. */
  read(file: Blob, name: string, options?: ImportReadOptions): Promise<ImportBatch>;
}

/** A reader for files small enough to read whole (contact cards, claims): the digest is of the bytes. */
export function wholeFileReader(
  kind: ImportSourceKind, describe: string, accept: string[],
  parse: (bytes: Uint8Array, source: FileSource, options: ImportReadOptions) => ImportBatch,
): ImportReader {
  return {
    kind, describe, accept,
    async read(file, name, options = {}) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const source: FileSource = { source: kind, file: name, sha256: await sha256Hex(bytes), importedAt: options.importedAt ?? new Date().toISOString() };
      return parse(bytes, source, options);
    },
  };
}

/** The registry's entry for an export kind: the file streamed, never read whole. */
function exportReader(kind: ExportKind, describe: string, accept: string[]): ImportReader {
  return {
    kind, describe, accept,
    read: (file: Blob, name: string, options: ImportReadOptions = {}) =>
      readExport(file, {
        file: name, kind,
        ...(options.owner ? { owner: options.owner } : {}),
        ...(options.decisions ? { decisions: options.decisions } : {}),
        ...(options.importedAt ? { importedAt: options.importedAt } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
      }),
  };
}

/** The readers by kind. A new kind is one line here (and its name in ImportSourceKind). */
export const importReaders: Partial<Record<ImportSourceKind, ImportReader>> = {
  vcard: wholeFileReader('vcard', 'vCard 2.1, 3.0 or 4.0 (.vcf): the customer\'s own contact card', ['.vcf', '.vcard'], readVCard),
  jcard: wholeFileReader('jcard', 'jCard (RFC 7095 JSON of a vCard)', ['.json', '.jcard'], readJCard),
  oidc: wholeFileReader('oidc', 'OpenID Connect claims: a UserInfo response, an ID token or its payload', ['.json', '.jwt', '.txt'], (b, s) => readOidcClaims(b, s)),
  'google-contacts-csv': exportReader('google-contacts-csv', 'Google Contacts CSV (Export → Google CSV), bare or zipped: only your own row', ['.csv', '.zip']),
  'facebook-dyi': exportReader('facebook-dyi', 'Facebook "Download your information" archive (JSON format, .zip): your profile', ['.zip', '.json']),
};

/** The reader of `kind`. @throws SelfCrmError E_UNSUPPORTED naming the kinds there are */
export function importReader(kind: string): ImportReader {
  const reader = (importReaders as Record<string, ImportReader | undefined>)[kind];
  if (!reader || !Object.hasOwn(importReaders, kind)) {
    throw new SelfCrmError('E_UNSUPPORTED', `no importer for "${kind}" (${Object.keys(importReaders).join(', ')})`, '/from');
  }
  return reader;
}

/** Reads `file` with the reader of `kind`. */
export function readImport(kind: string, file: Blob, name: string, options?: ImportReadOptions): Promise<ImportBatch> {
  return importReader(kind).read(file, name, options);
}
