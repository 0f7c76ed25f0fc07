// What storage remembers about a vault apart from its document (Node: `.NAME.state` beside the
// file; browser: a second IndexedDB store): whether it was encrypted, its ledger's head, and a tag
// over its grants and ledger. On load a document whose grants or ledger were edited, whose ledger
// was cut short or rolled back to an older copy, or a plaintext file where an encrypted vault was,
// is refused with E_INTEGRITY.
//
// The tag is HMAC-SHA256 with a key only the passphrase gives (HKDF from the file's PBKDF2 secret,
// see crypto.ts) for an encrypted vault. A plaintext vault has no passphrase: in the browser the
// record holds a non-extractable HMAC key of its own (page code can use it, not read it); a Node
// file's tag is a SHA-256 digest, which catches an edit of the vault file alone, not one that
// rewrites both files (encrypt the vault against that).
import { SelfCrmError } from '../runtime/errors.js';
import { base64url, isCryptoKey, isPlainObject, sha256, subtle, utf8 } from '../share/encoding.js';
import { canonicalJson } from '../share/jcs.js';

/** One saved version's record. */
export interface SavedVersion {
  encrypted: boolean;
  /** The ledger's last entry hash ('' when empty). */
  head: string;
  /** `hmac-sha256:…` (encrypted) or `sha256:…` over the RFC 8785 form of {grants, ledger}. */
  tag: string;
}

/**
 * The stored record: the version last saved, and (between the two writes of a save, so a crash
 * there cannot lock the customer out) the one being saved.
 */
export interface VaultState {
  format: 'selfcrm-vault-state/1';
  current: SavedVersion | null;
  next: SavedVersion | null;
  /** Browser only: the non-extractable HMAC key of a plaintext vault. */
  key?: CryptoKey;
}

/** How a document is stored: encrypted or not, and the HMAC key of its tag (none: a digest). */
export interface Sealing {
  encrypted: boolean;
  macKey: CryptoKey | undefined;
}

/** A fresh non-extractable HMAC key for a plaintext vault's tag (browser storage). */
export async function newTagKey(): Promise<CryptoKey> {
  return subtle().generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']) as Promise<CryptoKey>;
}

interface SharingPart {
  grants: unknown[];
  ledger: { hash?: unknown }[];
}

function sharingPart(documentText: string): SharingPart {
  // The engine writes compact JSON: a document without these keys has nothing to parse for.
  if (!documentText.includes('"grants":') && !documentText.includes('"ledger":')) return { grants: [], ledger: [] };
  const doc = JSON.parse(documentText) as { grants?: unknown[]; ledger?: { hash?: unknown }[] };
  return { grants: doc.grants ?? [], ledger: doc.ledger ?? [] };
}

async function tagOf(part: SharingPart, macKey: CryptoKey | undefined): Promise<string> {
  const text = canonicalJson({ grants: part.grants, ledger: part.ledger });
  if (!macKey) return `sha256:${await sha256(text)}`;
  return `hmac-sha256:${base64url(new Uint8Array(await subtle().sign('HMAC', macKey, utf8(text))))}`;
}

/** The record of a document about to be saved. */
export async function versionOf(documentText: string, sealing: Sealing): Promise<SavedVersion> {
  const part = sharingPart(documentText);
  const last = part.ledger[part.ledger.length - 1];
  return { encrypted: sealing.encrypted, head: typeof last?.hash === 'string' ? last.hash : '', tag: await tagOf(part, sealing.macKey) };
}

/** Reads a stored record; anything unreadable is E_INTEGRITY (never silently ignored). */
export function parseState(value: unknown): VaultState {
  const version = (v: unknown): SavedVersion | null => {
    if (v === null) return null;
    if (isPlainObject(v) && typeof v.encrypted === 'boolean' && typeof v.head === 'string' && typeof v.tag === 'string') {
      return { encrypted: v.encrypted, head: v.head, tag: v.tag };
    }
    throw new SelfCrmError('E_INTEGRITY', 'the vault state record is damaged');
  };
  if (!isPlainObject(value) || value.format !== 'selfcrm-vault-state/1') throw new SelfCrmError('E_INTEGRITY', 'the vault state record is damaged or of an unknown format');
  if (value.key !== undefined && !isCryptoKey(value.key)) throw new SelfCrmError('E_INTEGRITY', 'the vault state record holds no usable key');
  const state: VaultState = { format: 'selfcrm-vault-state/1', current: version(value.current), next: version(value.next) };
  if (value.key !== undefined) state.key = value.key as CryptoKey;
  return state;
}

/**
 * Checks a loaded document against the stored record (none: nothing to check, e.g. a copied file).
 * @throws SelfCrmError E_INTEGRITY naming what does not match.
 */
export async function checkVersion(state: VaultState | undefined, documentText: string, sealing: Sealing): Promise<void> {
  const known = [state?.current, state?.next].filter((v): v is SavedVersion => !!v);
  if (known.length === 0) return;
  const { encrypted, macKey } = sealing;
  if (!encrypted && known.every((v) => v.encrypted)) {
    throw new SelfCrmError('E_INTEGRITY', 'this vault was saved encrypted: a plaintext file in its place is refused');
  }
  const part = sharingPart(documentText);
  const tag = await tagOf(part, macKey);
  if (known.some((v) => v.encrypted === encrypted && v.tag === tag)) return;
  const hashes = new Set(part.ledger.map((e) => e.hash));
  if (known.every((v) => v.head !== '' && !hashes.has(v.head))) {
    throw new SelfCrmError('E_INTEGRITY', 'the ledger lacks its last recorded entry: it was cut short or the file was replaced by an older copy');
  }
  throw new SelfCrmError('E_INTEGRITY', 'the grants or the ledger were changed outside SelfCRM (their authentication tag does not match)');
}
