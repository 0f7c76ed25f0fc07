/** Every code a SelfCrmError (or a line reject) can carry: stable, meant for programs. */
export type ErrorCode =
  /** Not valid JSON (or a number JSON cannot hold). */
  | 'E_PARSE'
  /** A value of the wrong type or shape, an unknown field, a missing required one. */
  | 'E_SCHEMA'
  /** A value of the right type outside its allowed range (dates included). */
  | 'E_RANGE'
  /** Nothing usable to compute on. */
  | 'E_EMPTY'
  /** A document of a newer schemaVersion. */
  | 'E_VERSION'
  /** Two inputs that contradict each other (duplicate names, two different vaults, a broken ledger). */
  | 'E_CONFLICT'
  | 'E_NOT_FOUND'
  /** A fit that did not converge. */
  | 'E_CONVERGENCE'
  /** The engine ran out of memory. */
  | 'E_MEMORY'
  /** A bug: please report it. */
  | 'E_INTERNAL'
  /** Called before `ready()` resolved, or the platform lacks what the call needs. */
  | 'E_NOT_READY'
  /** The wasm binary could not be fetched or compiled. */
  | 'E_LOAD'
  /** An engine object used after dispose(). */
  | 'E_DISPOSED'
  /** Wrong passphrase, or an encrypted vault whose bytes were changed. */
  | 'E_DECRYPT'
  /** A packet, signature or digest that does not match. */
  | 'E_INTEGRITY'
  /** A file or storage operation that failed (the OS or browser reason in the message). */
  | 'E_IO'
  /** A vault file another process holds locked (the message names the holder). */
  | 'E_LOCKED'
  /** The customer declined a company's request (selfcrm/company). */
  | 'E_DECLINED'
  /** The vault window was closed or blocked before it answered (selfcrm/company). */
  | 'E_CANCELLED'
  /** No answer in the time allowed (selfcrm/company). */
  | 'E_TIMEOUT'
  /** Something this platform or this version does not do. */
  | 'E_UNSUPPORTED'
  /** A command line the CLI does not accept. */
  | 'E_USAGE';

/**
 * The error every SelfCRM call throws on bad input or failure: `code` (an ErrorCode) for
 * programs; `path` locates the offending value: a JSON Pointer (`/answers/3`, or the name of the
 * argument, `/options`), `line:N` for line-oriented input, or `''` when the error has no place.
 */
export class SelfCrmError extends Error {
  /** Stable machine-readable code such as `E_RANGE`. */
  readonly code: ErrorCode;
  /** JSON Pointer or `line:N` of the offending value; `''` when it has none. */
  readonly path: string;
  /** For a batch that found no usable line (`E_EMPTY`): why each line was refused. */
  readonly rejects?: LineReject[];

  constructor(code: ErrorCode, message: string, path = '', rejects?: LineReject[]) {
    super(path ? `${message} (at ${path})` : message);
    this.name = 'SelfCrmError';
    this.code = code;
    this.path = path;
    if (rejects) this.rejects = rejects;
  }
}

/** One input line a batch could not use: where, which code, which field, why. */
export interface LineReject {
  /** 1-based line number in the whole input. */
  line: number;
  code: ErrorCode;
  /** JSON Pointer inside that line's record; `''` for the whole line. */
  path: string;
  message: string;
}

interface Envelope<T> {
  ok: boolean;
  value?: T;
  error?: { code: ErrorCode; path: string; message: string };
}

/**
 * unwrap() for a batch result: its NDJSON lines as they are, then the envelope as the last line
 * (the core's guardedLines); an envelope never holds a raw newline. @internal
 */
export function unwrapLines<T extends { ndjson: string }>(text: string): T {
  const cut = text.lastIndexOf('\n') + 1;
  const value = unwrap<T>(text.slice(cut));
  value.ndjson = text.slice(0, cut);
  return value;
}

/**
 * unwrap() for an envelope whose value is wanted as JSON text (the core's guardedText): the text
 * is cut out, not parsed and written again (a large vault is 10+ MB). @internal
 */
export function unwrapText(envelope: string): string {
  const open = '{"ok":true,"value":';
  return envelope.startsWith(open) ? envelope.slice(open.length, -1) : unwrap<never>(envelope);
}

/**
 * unwrapLines() for the same text as UTF-8 bytes (left in the engine's memory): the value, and
 * the lines as a view into `text`. @internal
 */
export function unwrapLinesBytes<T>(text: Uint8Array): { value: T; lines: Uint8Array } {
  const cut = text.lastIndexOf(10) + 1;
  return { value: unwrap<T>(new TextDecoder().decode(text.subarray(cut))), lines: text.subarray(0, cut) };
}

/** Turns a result envelope from the wasm boundary into a value, or throws its error. @internal */
export function unwrap<T>(envelope: string): T {
  const parsed = JSON.parse(envelope) as Envelope<T>;
  if (parsed.ok) return parsed.value as T;
  const e = parsed.error ?? { code: 'E_INTERNAL', path: '', message: 'malformed result' };
  throw new SelfCrmError(e.code, e.message, e.path);
}
