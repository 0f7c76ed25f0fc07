// RFC 4180 CSV read as a stream of text pieces: quoted fields may hold commas, doubled quotes and
// line breaks; records end with CRLF or LF; a UTF-8 byte order mark before the header is dropped.
// Rows come out with the line their record starts on, so every problem names its line.
import { SelfCrmError } from '../../runtime/errors.js';

export type CsvRowHandler = (fields: string[], line: number) => void;

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;
const MAX_FIELD = 1 << 20;
const MAX_FIELDS = 10_000;

/** Pieces of text in, rows out (`end()` flushes the last row). `where` prefixes error paths. */
export class CsvRows {
  readonly #onRow: CsvRowHandler;
  readonly #where: string;
  #fields: string[] = [];
  #field = '';
  #quoted = false;
  #inQuotes = false;
  // After the closing quote of a quoted field: only a comma or a line end may follow.
  #afterQuote = false;
  #pendingCR = false;
  #line = 1;
  #rowLine = 1;
  #started = false;

  constructor(onRow: CsvRowHandler, where = '') {
    this.#onRow = onRow;
    this.#where = where;
  }

  push(text: string): void {
    let start = 0;
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) start = 1;
    }
    let from = start;
    for (let i = start; i < text.length; ++i) {
      const c = text.charCodeAt(i);
      if (this.#pendingCR) {
        this.#pendingCR = false;
        if (c === LF) {
          from = i + 1;
          continue;
        }
      }
      if (this.#inQuotes) {
        if (c === QUOTE) {
          this.#field += text.slice(from, i);
          if (i + 1 < text.length) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              this.#field += '"';
              ++i;
            } else {
              this.#inQuotes = false;
              this.#afterQuote = true;
            }
            from = i + 1;
          } else {
            // The piece ends on a quote: whether it closes the field or starts "" is in the next piece.
            this.#inQuotes = false;
            this.#afterQuote = true;
            this.#maybeEscaped = true;
            from = i + 1;
          }
        } else if (c === LF) {
          ++this.#line;
        }
        continue;
      }
      if (this.#maybeEscaped) {
        this.#maybeEscaped = false;
        if (c === QUOTE) {
          this.#field += '"';
          this.#inQuotes = true;
          this.#afterQuote = false;
          from = i + 1;
          continue;
        }
      }
      if (c === COMMA) {
        this.#endField(text.slice(from, i));
        from = i + 1;
      } else if (c === LF || c === CR) {
        this.#endField(text.slice(from, i));
        this.#endRow();
        ++this.#line;
        this.#rowLine = this.#line;
        this.#pendingCR = c === CR;
        from = i + 1;
      } else if (this.#afterQuote) {
        throw new SelfCrmError('E_PARSE', 'after a quoted field\'s closing quote only a comma or a line end may follow', `${this.#where}line ${this.#line}`);
      } else if (c === QUOTE) {
        if (i > from || this.#field.length > 0) {
          throw new SelfCrmError('E_PARSE', 'a quote inside an unquoted field (RFC 4180: quote the whole field and double the quote)', `${this.#where}line ${this.#line}`);
        }
        this.#quoted = true;
        this.#inQuotes = true;
        from = i + 1;
      }
    }
    const rest = text.slice(from);
    if (this.#inQuotes || !this.#afterQuote) this.#field += rest;
    // A record that never ends would grow without bound: a contacts row is a few hundred bytes.
    if (this.#field.length > MAX_FIELD || this.#fields.length > MAX_FIELDS) {
      throw new SelfCrmError('E_RANGE', `a record longer than ${MAX_FIELD} characters or ${MAX_FIELDS} fields (an unclosed quote?)`, `${this.#where}line ${this.#rowLine}`);
    }
  }

  #maybeEscaped = false;

  /** The input ended: the last row (without a line end) comes out. */
  end(): void {
    if (this.#inQuotes) {
      throw new SelfCrmError('E_PARSE', 'a quoted field opened on this line is never closed', `${this.#where}line ${this.#rowLine}`);
    }
    if (this.#fields.length > 0 || this.#field.length > 0 || this.#quoted) {
      this.#endField('');
      this.#endRow();
    }
  }

  #endField(piece: string): void {
    this.#fields.push(this.#afterQuote ? this.#field : this.#field + piece);
    this.#field = '';
    this.#quoted = false;
    this.#afterQuote = false;
    this.#maybeEscaped = false;
  }

  #endRow(): void {
    const fields = this.#fields;
    this.#fields = [];
    // A blank line is no record (RFC 4180 has none; spreadsheets write them at the end).
    if (fields.length === 1 && fields[0] === '') return;
    this.#onRow(fields, this.#rowLine);
  }
}

/** UTF-8 bytes in (any split), text pieces out; bytes that are not UTF-8 are E_PARSE at `where`. */
export class Utf8Pieces {
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });
  readonly #onText: (text: string) => void;
  readonly #where: string;
  constructor(onText: (text: string) => void, where: string) {
    this.#onText = onText;
    this.#where = where;
  }
  push(bytes: Uint8Array): void {
    this.#onText(this.#decode(bytes, true));
  }
  end(): void {
    this.#onText(this.#decode(new Uint8Array(0), false));
  }
  #decode(bytes: Uint8Array, stream: boolean): string {
    try {
      return this.#decoder.decode(bytes, { stream });
    } catch {
      throw new SelfCrmError('E_PARSE', 'the text is not UTF-8 (save or export it as UTF-8)', this.#where);
    }
  }
}
