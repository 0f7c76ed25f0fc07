import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { chooseK, kmeans, type LineReject } from '../../index.node.js';
import { lineChunks } from '../io/lines.js';
import { formatReject } from '../io/output.js';
import { UsageError, write } from '../io/usage.js';

export const clusterHelp = `Usage: selfcrm cluster (--k K | --choose-k MIN..MAX) [options]

Reads feature rows as CSV (a header line names the columns) or NDJSON (arrays of numbers, or
objects such as facts documents, whose --columns may be dotted paths like scores.clv.value; without
--columns, the first object's numeric members) from FILE or stdin, clusters them with k-means and
writes JSON:
  {"k","columns","centroids":[[…]],"sizes","inertia","iterations","converged",
   "assignments":[{"line","id"?,"cluster"}],"rejected","chooseK"?}
A column or member named "id" is carried through, not clustered. Bad rows are reported on stderr as
"line N: CODE at PATH: message" and left out. Exit status: 0 when it ran, 1 when it could not
cluster, 2 on a usage error.

Options:
  -k, --k K               number of clusters
      --choose-k MIN..MAX pick k by silhouette over a range, then cluster with it
  -f, --format FORMAT     csv or ndjson (default: from the file name, else csv)
  -c, --columns A,B,…     features to use (default: every column but id)
  -s, --seed N            k-means++ seed (default 0)
      --standardize       cluster z-scores of each column
      --max-iterations N  default 100
      --tolerance X       default 1e-6
  -i, --input FILE        read from FILE instead of stdin
  -o, --output FILE       write to FILE instead of stdout
  -h, --help              show this text
`;

interface Table {
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

class TableBuilder implements Table {
  columns: string[] = [];
  rows: number[] = [];
  lines: number[] = [];
  ids: unknown[] = [];
  rejects: LineReject[] = [];
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
}

export async function runCluster(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        k: { type: 'string', short: 'k' },
        'choose-k': { type: 'string' },
        format: { type: 'string', short: 'f' },
        columns: { type: 'string', short: 'c' },
        seed: { type: 'string', short: 's' },
        standardize: { type: 'boolean' },
        'max-iterations': { type: 'string' },
        tolerance: { type: 'string' },
        input: { type: 'string', short: 'i' },
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    await write(process.stdout, clusterHelp);
    return 0;
  }
  const integer = (text: string | undefined, name: string, fallback: number) => {
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text)) throw new UsageError(`${name} must be a whole number, not "${text}"`);
    return Number(text);
  };
  let range: [number, number] | undefined;
  if (values['choose-k'] !== undefined) {
    const m = /^(\d+)\.\.(\d+)$/.exec(values['choose-k']);
    if (!m) throw new UsageError('--choose-k takes MIN..MAX, e.g. 2..8');
    range = [Number(m[1]), Number(m[2])];
  }
  if ((values.k === undefined) === (range === undefined)) throw new UsageError('give exactly one of --k and --choose-k');
  const format = values.format ?? (values.input?.endsWith('.ndjson') || values.input?.endsWith('.jsonl') ? 'ndjson' : 'csv');
  if (format !== 'csv' && format !== 'ndjson') throw new UsageError(`--format is csv or ndjson, not "${format}"`);
  const tolerance = values.tolerance === undefined ? undefined : Number(values.tolerance);
  if (tolerance !== undefined && !Number.isFinite(tolerance)) throw new UsageError('--tolerance must be a number');
  const options = {
    seed: integer(values.seed, '--seed', 0),
    maxIterations: integer(values['max-iterations'], '--max-iterations', 100),
    tolerance,
    standardize: values.standardize === true,
  };

  const table = new TableBuilder(values.columns?.split(',').map((c) => c.trim()));
  const decoder = new TextDecoder();
  for await (const chunk of lineChunks(values.input ? createReadStream(values.input) : process.stdin)) {
    const lines = decoder.decode(chunk.bytes).split('\n');
    lines.forEach((raw, i) => {
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (text.trim() === '') return;
      if (format === 'csv') table.csv(text, chunk.firstLine + i);
      else table.ndjson(text, chunk.firstLine + i);
    });
  }
  if (table.rejects.length) await write(process.stderr, table.rejects.map(formatReject).join(''));
  const d = table.columns.length;
  if (d === 0) throw new UsageError('no feature columns');
  const rows = Float64Array.from(table.rows);
  let choice;
  let k = integer(values.k, '--k', 0);
  if (range) {
    choice = chooseK(rows, { ...options, dimensions: d, kMin: range[0], kMax: range[1] });
    k = choice.best;
  }
  const r = kmeans(rows, { ...options, k, dimensions: d });
  const centroids = Array.from({ length: r.k }, (_, c) => Array.from(r.centroids.subarray(c * d, (c + 1) * d)));
  const assignments = table.lines.map((line, i) =>
    table.ids[i] === undefined ? { line, cluster: r.assignments[i] } : { line, id: table.ids[i], cluster: r.assignments[i] },
  );
  const result = {
    k: r.k,
    columns: table.columns,
    centroids,
    sizes: r.sizes,
    inertia: r.inertia,
    iterations: r.iterations,
    converged: r.converged,
    assignments,
    rejected: table.rejects.length,
    ...(choice ? { chooseK: choice } : {}),
  };
  const text = `${JSON.stringify(result)}\n`;
  if (values.output) await writeFile(values.output, text);
  else await write(process.stdout, text);
  return 0;
}
