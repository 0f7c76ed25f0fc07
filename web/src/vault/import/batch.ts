// What every importer produces and what the vault applies: the one contract between the readers of
// outside formats (vCard/jCard, OpenID Connect claims, platform export archives) and the vault. A
// reader never touches the vault, so a broken file leaves it unchanged by construction.
import type { ErrorCode } from '../../runtime/errors.js';
import type { AttributeCategory, AttributeValue, IdentityKind } from '../types.js';

/** The kinds of source a reader understands; `selfcrm vault import --from KIND`. */
export type ImportSourceKind = 'vcard' | 'jcard' | 'oidc' | 'google-contacts-csv' | 'facebook-dyi';

/** Where one imported item came from. `path` is inside the file: a line (`line 12`), a JSON path
 *  (`$.profile_v2.emails[0]`) or a ZIP member plus a path in it (`contacts.csv line 4`). */
export interface Provenance {
  source: ImportSourceKind;
  file: string;
  sha256: string;
  path: string;
  importedAt: string;
}

export interface ImportedIdentity {
  kind: IdentityKind;
  value: string;
  network?: string;
  verified?: boolean;
  /** RFC 6350 PREF (1 = most preferred); absent when the source gives no order. */
  pref?: number;
  /** The source record it came with (a contacts row, a profile): one record's identifiers are one
   *  person's, which identity clustering uses as evidence. */
  record?: string;
  provenance: Provenance;
}

export interface ImportedAttribute {
  category: AttributeCategory;
  name: string;
  value: AttributeValue;
  /** As ImportedIdentity.record. */
  record?: string;
  provenance: Provenance;
}

/** Something in the source that was not imported, and why (a coded reason a person can act on). */
export interface ImportProblem {
  code: ErrorCode;
  path: string;
  message: string;
}

export interface ImportBatch {
  source: ImportSourceKind;
  identities: ImportedIdentity[];
  attributes: ImportedAttribute[];
  /** Input that was malformed: with any reject, the CLI applies nothing unless told otherwise. */
  rejects: ImportProblem[];
  /** Input that was well-formed but not for the vault (unknown property, someone else's card…). */
  skipped: ImportProblem[];
}
