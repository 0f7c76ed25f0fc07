// `cluster` on an input split between machines (issue 21): --partial and --merge of the sample that
// starts k-means and of each Lloyd step, --assign as a per-line filter, and --init sample, the same
// algorithm in one process. The maths is in core; this reads rows and part files.
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

import { assignToCentroids, KMeansSample, KMeansStep, kmeansBySample, SelfCrmError, type KMeansCentroids, type LineReject } from '../../index.node.js';
import { TableBuilder, type Table } from '../io/feature_rows.js';
import { lineChunks } from '../io/lines.js';
import { finishLines } from '../io/outcome.js';
import { ioError } from '../io/options.js';
import { formatReject } from '../io/output.js';
import { mergeParts } from '../io/partials.js';
import { UsageError, write } from '../io/usage.js';
import { packageVersion } from '../io/version.js';

export const clusterDistributedHelp = `
On a cluster (NDJSON input; the result does not depend on the split: see the README's "running on
a cluster", and scripts/cluster/kmeans.py, which runs these steps to convergence):
      --init sample        start k-means from a bottom-m hash sample of the rows (the same rows
                           whatever the split); alone, runs the distributed algorithm in one
                           process: its centroids are byte-identical to the merged ones
      --sample-size M      rows in that sample (default 10000)
      --partial            with --init sample: write this part's sample; with --centroids C.json:
                           this part's Lloyd step (exact per-cluster sums), one JSON line
      --merge PART...      merge part files: samples (give -k, --seed) into the first centroids
                           document, steps into the next; with --partial, into one partial
      --centroids FILE     a centroids document (what --merge writes)
      --assign             with --centroids: one line per input line, {"id"?,"cluster"}, or
                           {"error":…} for a bad line, or empty for a blank one
      --centroids-out FILE with --init sample: also write the last centroids document
`;

export interface ClusterFlags {
  k?: number;
  seed: number;
  maxIterations: number;
  tolerance?: number;
  sampleSize: number;
  columns?: string[];
  format: string;
  input?: string;
  output?: string;
  partial: boolean;
  merge: boolean;
  assign: boolean;
  initSample: boolean;
  centroids?: string;
  centroidsOut?: string;
}

async function emit(flags: ClusterFlags, text: string): Promise<void> {
  if (flags.output) await writeFile(flags.output, text);
  else await write(process.stdout, text);
}

async function readText(flag: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw ioError(flag, file, e);
  }
}

/** Reads feature rows chunk by chunk; `use` gets each chunk's rows and its line texts. */
async function eachChunk(flags: ClusterFlags, wanted: string[] | undefined, use: (rows: Table, chunk: { firstLine: number; texts: string[]; tooLong: LineReject[] }) => Promise<void> | void) {
  const table = new TableBuilder(wanted);
  const decoder = new TextDecoder();
  let lines = 0;
  let results = 0;
  let rejects = 0;
  for await (const chunk of lineChunks(flags.input ? createReadStream(flags.input) : process.stdin)) {
    const texts = decoder.decode(chunk.bytes).split('\n').slice(0, chunk.lines).map((t) => (t.endsWith('\r') ? t.slice(0, -1) : t));
    const long = new Set(chunk.tooLong.map((r) => r.line));
    texts.forEach((text, i) => {
      if (text.trim() !== '' && !long.has(chunk.firstLine + i)) table.ndjson(text, chunk.firstLine + i);
    });
    const rows = table.drain();
    rows.rejects = [...rows.rejects, ...chunk.tooLong].sort((a, b) => a.line - b.line);
    lines += chunk.lines;
    results += rows.lines.length;
    rejects += rows.rejects.length;
    await use(rows, { firstLine: chunk.firstLine, texts, tooLong: chunk.tooLong });
  }
  return { lines, results, rejects, objects: table.objects, columns: table.columns };
}

async function partialRun(flags: ClusterFlags): Promise<number> {
  const identity = { engine: await packageVersion() };
  let centroidsText: string | undefined;
  let wanted = flags.columns;
  if (flags.centroids) {
    centroidsText = await readText('--centroids', flags.centroids);
    wanted = centroidsOf(centroidsText, flags.centroids, flags.columns).columns;
  }
  let part: KMeansSample | KMeansStep | undefined = centroidsText === undefined ? undefined : new KMeansStep(identity, centroidsText);
  try {
    const counts = await eachChunk(flags, wanted, async (rows) => {
      if (rows.rejects.length) await write(process.stderr, rows.rejects.map(formatReject).join(''));
      if (rows.lines.length === 0) return;
      part ??= new KMeansSample(identity, { columns: rows.columns, sampleSize: flags.sampleSize });
      part.addRows(Float64Array.from(rows.rows));
    });
    if (!flags.columns && !flags.centroids && counts.objects) {
      throw new UsageError('--partial over objects needs --columns: the first object of each part may name other members');
    }
    part ??= new KMeansSample(identity, { columns: counts.columns.length ? counts.columns : ['0'], sampleSize: flags.sampleSize });
    part.countLines(counts.lines, counts.rejects);
    await emit(flags, `${part.partial()}\n`);
    return finishLines('cluster', counts);
  } finally {
    part?.dispose();
  }
}

function centroidsOf(text: string, file: string, columns: string[] | undefined): KMeansCentroids {
  let doc: KMeansCentroids;
  try {
    doc = JSON.parse(text) as KMeansCentroids;
  } catch {
    throw new SelfCrmError('E_PARSE', `--centroids ${file} is not JSON`);
  }
  if (!Array.isArray(doc?.columns)) throw new SelfCrmError('E_SCHEMA', `--centroids ${file} is not a centroids document (what cluster --merge writes)`, '/columns');
  if (columns && columns.join(',') !== doc.columns.join(',')) {
    throw new UsageError(`--columns ${columns.join(',')} are not the centroids' columns ${doc.columns.join(',')}`);
  }
  return doc;
}

async function assignRun(flags: ClusterFlags): Promise<number> {
  if (!flags.centroids) throw new UsageError('--assign needs --centroids FILE');
  const text = await readText('--centroids', flags.centroids);
  const doc = centroidsOf(text, flags.centroids, flags.columns);
  assignToCentroids(text, new Float64Array(0), doc.columns.length); // a bad document fails before any output
  const out: string[] = [];
  const counts = await eachChunk(flags, doc.columns, async (rows, chunk) => {
    const clusters = rows.lines.length ? assignToCentroids(text, Float64Array.from(rows.rows), doc.columns.length) : new Int32Array(0);
    const byLine = new Map<number, string>();
    rows.lines.forEach((line, i) => byLine.set(line, JSON.stringify(rows.ids[i] === undefined ? { cluster: clusters[i] } : { id: rows.ids[i], cluster: clusters[i] })));
    for (const r of rows.rejects) byLine.set(r.line, JSON.stringify({ error: { code: r.code, path: r.path, message: r.message } }));
    const lines = chunk.texts.map((_, i) => `${byLine.get(chunk.firstLine + i) ?? ''}\n`);
    if (flags.output) out.push(...lines);
    else await write(process.stdout, lines.join(''));
  });
  if (flags.output) await writeFile(flags.output, out.join(''));
  return finishLines('cluster', counts);
}

/** The format of the first summary in the first part file: which kind of merge this is. */
async function firstPart(file: string): Promise<Record<string, unknown>> {
  const line = (await readText('--merge', file)).split('\n').find((l) => l.trim() !== '');
  try {
    const part = JSON.parse(line ?? '') as Record<string, unknown>;
    if (part !== null && typeof part === 'object') return part;
  } catch {
    // reported below
  }
  throw new SelfCrmError('E_PARSE', `part ${file}: not a partial summary of cluster --partial`);
}

async function mergeRun(flags: ClusterFlags, files: string[]): Promise<number> {
  const identity = { engine: await packageVersion() };
  const first = await firstPart(files[0]!);
  let part: KMeansSample | KMeansStep;
  if (first.format === 'selfcrm.kmeans.sample.partial') {
    if (!flags.partial && flags.k === undefined) throw new UsageError('merging samples into the first centroids needs --k');
    part = new KMeansSample(identity, { columns: first.columns as string[], sampleSize: first.sampleSize as number });
  } else if (first.format === 'selfcrm.kmeans.step.partial') {
    const { columns, k, iteration, centroids } = first;
    part = new KMeansStep(identity, JSON.stringify({ format: 'selfcrm.kmeans.centroids', version: first.version, columns, k, iteration, centroids }));
  } else {
    throw new SelfCrmError('E_SCHEMA', `part ${files[0]!}: a "${String(first.format)}" document, not a cluster --partial summary`, '/format');
  }
  try {
    await mergeParts('cluster', files, (text) => part.merge(text));
    const totals = part.totals();
    let text: string;
    if (flags.partial) text = part.partial();
    else if (part instanceof KMeansSample) text = part.initialText({ k: flags.k!, seed: flags.seed, maxIterations: flags.maxIterations, tolerance: flags.tolerance });
    else text = part.nextText(flags.tolerance);
    await emit(flags, `${text}\n`);
    return finishLines('cluster', { lines: totals.lines, results: totals.rows, rejects: totals.rejected });
  } finally {
    part.dispose();
  }
}

/** --init sample alone: all rows in this process, the distributed algorithm. */
async function bySampleRun(flags: ClusterFlags, table: TableBuilder, readAll: () => Promise<void>): Promise<number> {
  if (flags.k === undefined) throw new UsageError('--init sample needs --k');
  await readAll();
  if (table.rejects.length) await write(process.stderr, table.rejects.map(formatReject).join(''));
  if (table.columns.length === 0) throw new UsageError('no feature columns');
  const r = kmeansBySample(Float64Array.from(table.rows), {
    columns: table.columns, k: flags.k, seed: flags.seed, sampleSize: flags.sampleSize, maxIterations: flags.maxIterations, tolerance: flags.tolerance,
  });
  const doc = JSON.parse(r.centroids) as KMeansCentroids;
  if (flags.centroidsOut) await writeFile(flags.centroidsOut, `${r.centroids}\n`);
  const assignments = table.lines.map((line, i) =>
    table.ids[i] === undefined ? { line, cluster: r.assignments[i] } : { line, id: table.ids[i], cluster: r.assignments[i] },
  );
  const result = {
    k: doc.k, columns: doc.columns, centroids: doc.centroids, sizes: doc.sizes, inertia: doc.inertia,
    iterations: doc.iteration, converged: doc.converged, init: 'sample', assignments, rejected: table.rejects.length,
  };
  await emit(flags, `${JSON.stringify(result)}\n`);
  return 0;
}

/** Runs the distributed modes; undefined when none was asked for (plain `cluster`). */
export async function runClusterDistributed(flags: ClusterFlags, positionals: string[], table: TableBuilder, readAll: () => Promise<void>): Promise<number | undefined> {
  if (positionals.length > 0 && !flags.merge) throw new UsageError(`unexpected argument "${positionals[0]}" (part files go after --merge)`);
  if (!flags.partial && !flags.merge && !flags.assign && !flags.initSample) {
    if (flags.centroids || flags.centroidsOut) throw new UsageError('--centroids goes with --partial or --assign, --centroids-out with --init sample');
    return undefined;
  }
  if (flags.merge) {
    if (positionals.length === 0) throw new UsageError('--merge needs the part files to merge');
    if (flags.input) throw new UsageError('--merge reads part files, not --input');
    return mergeRun(flags, positionals);
  }
  if (flags.partial || flags.assign) {
    if (flags.format !== 'ndjson') throw new UsageError('--partial and --assign read NDJSON (--input-format ndjson): a split CSV has its header in one part only');
    if (flags.assign) return assignRun(flags);
    if (!flags.centroids && !flags.initSample) throw new UsageError('--partial needs --init sample (the start) or --centroids FILE (a step)');
    return partialRun(flags);
  }
  return bySampleRun(flags, table, readAll);
}

