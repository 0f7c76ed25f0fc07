/**
 * The error every SelfCRM call throws on bad input or failure.
 *
 * `code` is stable and meant for programs (`E_PARSE`, `E_SCHEMA`, `E_RANGE`, `E_EMPTY`,
 * `E_VERSION`, `E_CONFLICT`, `E_NOT_FOUND`, `E_CONVERGENCE`, `E_MEMORY`, `E_INTERNAL`,
 * `E_NOT_READY`, `E_LOAD`, `E_USAGE`, and those of later modules such as `E_DECRYPT`);
 * `path` locates the offending value: a JSON Pointer (`/answers/3`), `line:N` for
 * line-oriented input, or `''` when the error has no place.
 */
export class SelfCrmError extends Error {
  /** Stable machine-readable code such as `E_RANGE`. */
  readonly code: string;
  /** JSON Pointer or `line:N` of the offending value; `''` when it has none. */
  readonly path: string;
  /** For a batch that found no usable line (`E_EMPTY`): why each line was refused. */
  readonly rejects?: LineReject[];

  constructor(code: string, message: string, path = '', rejects?: LineReject[]) {
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
  code: string;
  /** JSON Pointer inside that line's record; `''` for the whole line. */
  path: string;
  message: string;
}

interface Envelope<T> {
  ok: boolean;
  value?: T;
  error?: { code: string; path: string; message: string };
}

/**
 * unwrap() for a batch result whose envelope is followed by "\n" and its NDJSON lines as they are
 * (the core's guardedLines); an envelope never holds a raw newline. @internal
 */
export function unwrapLines<T extends { ndjson: string }>(text: string): T {
  const cut = text.indexOf('\n');
  const value = unwrap<T>(cut < 0 ? text : text.slice(0, cut));
  value.ndjson = cut < 0 ? '' : text.slice(cut + 1);
  return value;
}

/** Turns a result envelope from the wasm boundary into a value, or throws its error. @internal */
export function unwrap<T>(envelope: string): T {
  const parsed = JSON.parse(envelope) as Envelope<T>;
  if (parsed.ok) return parsed.value as T;
  const e = parsed.error ?? { code: 'E_INTERNAL', path: '', message: 'malformed result' };
  throw new SelfCrmError(e.code, e.message, e.path);
}
