import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { chooseK, kmeans } from '../../index.node.js';
import { TableBuilder } from '../io/feature_rows.js';
import { clusterDistributedHelp, runClusterDistributed } from './cluster_distributed.js';
import { lineChunks } from '../io/lines.js';
import { formatReject } from '../io/output.js';
import { UsageError, write } from '../io/usage.js';

export const clusterHelp = `Usage: selfcrm cluster (--k K | --choose-k MIN..MAX) [options]
       selfcrm cluster --init sample --partial | --centroids C.json (--partial | --assign) [options]
       selfcrm cluster --merge PART... [--k K --seed N]

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
      --input-format FMT  csv or ndjson (default: from the file name, else csv)
  -c, --columns A,B,…     features to use (default: every column but id)
      --seed N            k-means++ seed (default 0)
      --standardize       cluster z-scores of each column
      --max-iterations N  default 100
      --tolerance X       default 1e-6
  -i, --input FILE        read from FILE instead of stdin
  -o, --output FILE       write to FILE instead of stdout
  -h, --help              show this text
${clusterDistributedHelp}`;

export async function runCluster(argv: string[]): Promise<number> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        k: { type: 'string', short: 'k' },
        'choose-k': { type: 'string' },
        // Not -f/--format, nor -s: elsewhere those are the output format and the segment pack.
        'input-format': { type: 'string' },
        columns: { type: 'string', short: 'c' },
        seed: { type: 'string' },
        standardize: { type: 'boolean' },
        'max-iterations': { type: 'string' },
        tolerance: { type: 'string' },
        input: { type: 'string', short: 'i' },
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
        init: { type: 'string' },
        'sample-size': { type: 'string' },
        partial: { type: 'boolean' },
        merge: { type: 'boolean' },
        assign: { type: 'boolean' },
        centroids: { type: 'string' },
        'centroids-out': { type: 'string' },
      },
      allowPositionals: true,
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
  const needsK = !(values.partial || values.merge || values.assign);
  if (needsK && (values.k === undefined) === (range === undefined)) throw new UsageError('give exactly one of --k and --choose-k');
  // --partial and --assign read parts of NDJSON, usually on stdin.
  const ndjsonByDefault = values.input ? /\.(ndjson|jsonl)$/.test(values.input) : values.partial === true || values.assign === true;
  const format = values['input-format'] ?? (ndjsonByDefault ? 'ndjson' : 'csv');
  if (format !== 'csv' && format !== 'ndjson') throw new UsageError(`--input-format is csv or ndjson, not "${format}"`);
  const tolerance = values.tolerance === undefined ? undefined : Number(values.tolerance);
  if (tolerance !== undefined && !Number.isFinite(tolerance)) throw new UsageError('--tolerance must be a number');
  const options = {
    seed: integer(values.seed, '--seed', 0),
    maxIterations: integer(values['max-iterations'], '--max-iterations', 100),
    tolerance,
    standardize: values.standardize === true,
  };

  if (values.init !== undefined && values.init !== 'sample') throw new UsageError(`--init is "sample" (or left out for k-means++ over every row), not "${values.init}"`);
  const distributed = values.init !== undefined || values.partial || values.merge || values.assign;
  if (distributed && range) throw new UsageError('--choose-k runs in one process only: choose k there, then give --k');
  if (distributed && options.standardize) throw new UsageError('--standardize is not available with --init sample, --partial, --merge or --assign: give standardised columns');
  const table = new TableBuilder(values.columns?.split(',').map((c) => c.trim()));
  const readAll = async () => {
    const decoder = new TextDecoder();
    for await (const chunk of lineChunks(values.input ? createReadStream(values.input) : process.stdin)) {
      table.rejects.push(...chunk.tooLong);
      const lines = decoder.decode(chunk.bytes).split('\n');
      lines.forEach((raw, i) => {
        const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (text.trim() === '') return;
        if (format === 'csv') table.csv(text, chunk.firstLine + i);
        else table.ndjson(text, chunk.firstLine + i);
      });
    }
  };
  const flags = {
    k: values.k === undefined ? undefined : integer(values.k, '--k', 0), seed: options.seed, maxIterations: options.maxIterations, tolerance,
    sampleSize: integer(values['sample-size'], '--sample-size', 10000), columns: values.columns?.split(',').map((c) => c.trim()), format,
    input: values.input, output: values.output, partial: values.partial === true, merge: values.merge === true, assign: values.assign === true,
    initSample: values.init === 'sample', centroids: values.centroids, centroidsOut: values['centroids-out'],
  };
  const status = await runClusterDistributed(flags, positionals, table, readAll);
  if (status !== undefined) return status;
  await readAll();
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
