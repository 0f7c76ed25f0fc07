// Feature rows for k-means from CSV (a header line names the columns) or NDJSON (arrays of numbers,
// or objects read at dotted paths), with a reject per bad line.
import type { LineReject } from '../../index.node.js';
import { UsageError } from './usage.js';

export interface Table {
  columns: string[];
  rows: number[];
  lines: number[];
  ids: unknown[];
  rejects: LineReject[];
}

function splitCsv(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; ++i) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        ++i;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

export class TableBuilder implements Table {
  columns: string[] = [];
  rows: number[] = [];
  lines: number[] = [];
  ids: unknown[] = [];
  rejects: LineReject[] = [];
  /** Whether a row was an object (its columns then come from --columns or the first object). */
  objects = false;
  #header: string[] | undefined;
  #wanted: string[] | undefined;

  constructor(wanted: string[] | undefined) {
    this.#wanted = wanted;
  }

  #setHeader(names: string[], line: number, checkWanted = true): void {
    this.#header = names;
    const features = this.#wanted ?? names.filter((n) => n !== 'id');
    for (const f of checkWanted ? features : []) {
      if (!names.includes(f)) throw new UsageError(`line ${line}: no column "${f}"`);
    }
    this.columns = features;
  }

  #accept(values: unknown[], id: unknown, line: number, paths: string[]): void {
    const row: number[] = [];
    for (let j = 0; j < values.length; ++j) {
      const v = typeof values[j] === 'string' && values[j] !== '' ? Number(values[j]) : values[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        const message = values[j] === undefined ? 'missing' : `not a finite number: ${JSON.stringify(values[j])}`;
        this.rejects.push({ line, code: 'E_SCHEMA', path: paths[j] ?? '', message });
        return;
      }
      row.push(v);
    }
    this.rows.push(...row);
    this.lines.push(line);
    this.ids.push(id);
  }

  csv(text: string, line: number): void {
    const cells = splitCsv(text);
    if (!this.#header) {
      this.#setHeader(cells, line);
      return;
    }
    if (cells.length !== this.#header.length) {
      this.rejects.push({ line, code: 'E_SCHEMA', path: '', message: `${cells.length} cells, the header has ${this.#header.length}` });
      return;
    }
    const at = (name: string) => this.#header!.indexOf(name);
    const idAt = at('id');
    this.#accept(this.columns.map((c) => cells[at(c)]), idAt >= 0 ? cells[idAt] : undefined, line, this.columns.map((c) => `/${c}`));
  }

  ndjson(text: string, line: number): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.rejects.push({ line, code: 'E_PARSE', path: '', message: 'the line is not valid JSON' });
      return;
    }
    if (Array.isArray(value)) {
      if (!this.#header) this.#setHeader(value.map((_, j) => `${j}`), line);
      if (value.length !== this.#header!.length) {
        this.rejects.push({ line, code: 'E_SCHEMA', path: '', message: `${value.length} features, the first row has ${this.#header!.length}` });
        return;
      }
      this.#accept(value, undefined, line, value.map((_, j) => `/${j}`));
    } else if (value !== null && typeof value === 'object') {
      this.objects = true;
      const record = value as Record<string, unknown>;
      if (!this.#header) this.#setHeader(this.#wanted ?? Object.keys(record).filter((key) => typeof record[key] === 'number'), line, false);
      // Columns may be dotted paths into facts documents, e.g. scores.clv.value.
      const read = (path: string) =>
        path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), record);
      this.#accept(this.columns.map(read), record.id, line, this.columns.map((c) => `/${c.split('.').join('/')}`));
    } else {
      this.rejects.push({ line, code: 'E_SCHEMA', path: '', message: 'a row is an array of numbers or an object' });
    }
  }

  /** The rows read so far, taken out (the header and columns stay): for a stream of chunks. */
  drain(): Table {
    const taken = { columns: this.columns, rows: this.rows, lines: this.lines, ids: this.ids, rejects: this.rejects };
    this.rows = [];
    this.lines = [];
    this.ids = [];
    this.rejects = [];
    return taken;
  }
}
