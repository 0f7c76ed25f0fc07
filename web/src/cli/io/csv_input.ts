// CSV input for the per-line commands: each record becomes one NDJSON object keyed by the header,
// so every processor reads one format. The header becomes a blank line and each record ends with
// exactly as many newlines as it spanned, so "line N" in a reject is the CSV file's own line N.
import type { Readable } from 'node:stream';

const numeric = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function typed(cell: string): unknown {
  if (numeric.test(cell)) return Number(cell);
  if (cell === 'true' || cell === 'false') return cell === 'true';
  return cell;
}

/** RFC 4180 fields: commas, double quotes with "" escapes, CRLF or LF, newlines inside quotes. */
export async function* csvAsNdjson(input: Readable): AsyncGenerator<string> {
  let header: string[] | undefined;
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let newlines = 0; // physical line breaks inside the current record
  let out = '';

  const endRecord = () => {
    record.push(field);
    field = '';
    const pad = '\n'.repeat(newlines + 1);
    newlines = 0;
    if (!header) {
      header = record.map((h) => h.trim());
      out += pad;
    } else if (record.length === 1 && record[0] === '') {
      out += pad; // a blank line stays blank
    } else {
      const object: Record<string, unknown> = {};
      header.forEach((name, i) => {
        const cell = record[i];
        if (cell !== undefined && cell !== '') object[name] = typed(cell);
      });
      if (record.length > header.length) object.__extraColumns = record.length - header.length;
      out += `${JSON.stringify(object)}${pad}`;
    }
    record = [];
  };

  for await (const part of input) {
    const text = typeof part === 'string' ? part : (part as Buffer).toString('utf8');
    for (let i = 0; i < text.length; ++i) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            ++i;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c === '\n') ++newlines;
          field += c;
        }
      } else if (c === '"' && field === '' && !afterQuote) {
        quoted = true;
      } else if (c === ',') {
        record.push(field);
        field = '';
        afterQuote = false;
      } else if (c === '\n') {
        if (field.endsWith('\r')) field = field.slice(0, -1);
        endRecord();
        afterQuote = false;
      } else {
        field += c;
      }
    }
    if (out.length > 1 << 16) {
      yield out;
      out = '';
    }
  }
  if (field !== '' || record.length) endRecord();
  if (out) yield out;
}
