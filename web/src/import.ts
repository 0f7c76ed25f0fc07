/**
 * `selfcrm/import`: readers of what a customer already holds (contact cards, sign-in claims,
 * platform exports) into an ImportBatch that `Vault.applyImport` applies. A separate entry point
 * because its parsers are npm dependencies (ical.js…): pages that never import pay nothing, and a
 * page that does without a bundler maps the bare names (see dist/app/index.html's import map).
 * @packageDocumentation
 */
export { importReader, importReaders, readImport, wholeFileReader, type ImportReader, type ImportReadOptions } from './vault/import/registry.js';
export { readVCard, type CardChoice } from './vault/import/vcard.js';
export { readJCard } from './vault/import/jcard.js';
export { readOidcClaims } from './vault/import/oidc.js';
export { sha256Hex } from './vault/import/digest.js';
export type { FileSource } from './vault/import/vcard_map.js';
export type { ImportBatch, ImportedAttribute, ImportedIdentity, ImportProblem, ImportSourceKind, Provenance } from './vault/import/batch.js';
export { readExport, type ExportKind, type ExportReadOptions } from './vault/import/export_archive.js';
export { defaultZipLimits, readZip, type ByteSource, type MemberSink, type ZipEntry, type ZipLimits } from './vault/import/zip.js';
export { repairMojibake } from './vault/import/facebook_dyi.js';
