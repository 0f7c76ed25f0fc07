import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { Personas, Segments } from '../index.node.js';
import { lineChunks } from './lines.js';
import { formatReject } from './nps.js';
import { UsageError, write } from './usage.js';

export const segmentHelp = `Usage: selfcrm segment [--input FILE] [--output FILE] [--segments PACK] [--personas PACK] [--as-of TIME] [--explain]

Reads facts documents as NDJSON (one profile with its scores, cues and segments per line) from FILE
or stdin and writes one NDJSON result per good line:
  {"line","id","segments":[names],"plans":{name: points},"persona":name|null,"personas":[names]}
With --explain, "segments" lists {"name","because":[{"at","condition"}]} and "persona" is
{"name","tier"|"useCase","priority","because"}: the conditions that made each one true.
Bad lines are reported on stderr as "line N: CODE at PATH: message"; blank lines are skipped; a
final "N results, M rejected" goes to stderr. Exit status: 0 when it ran, 1 when a pack is invalid
or no line was usable, 2 on a usage error.

Options:
  -i, --input FILE     read from FILE instead of stdin
  -o, --output FILE    write results to FILE instead of stdout
  -s, --segments PACK  segment pack JSON (default: the built-in pack)
  -p, --personas PACK  persona pack JSON (default: the built-in pack)
  -t, --as-of TIME     ISO-8601 "now" for history windows and decay (default: the current time)
  -e, --explain        list the conditions behind every membership and the persona
  -h, --help           show this text
`;

export async function runSegment(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        input: { type: 'string', short: 'i' },
        output: { type: 'string', short: 'o' },
        segments: { type: 'string', short: 's' },
        personas: { type: 'string', short: 'p' },
        'as-of': { type: 'string', short: 't' },
        explain: { type: 'boolean', short: 'e' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    await write(process.stdout, segmentHelp);
    return 0;
  }
  const asOf = values['as-of'] ?? new Date().toISOString();
  if (!Number.isFinite(Date.parse(asOf))) throw new UsageError(`--as-of is not an ISO-8601 time: ${asOf}`);
  using segments = values.segments ? Segments.fromJSON(await readFile(values.segments, 'utf8')) : Segments.default();
  using personas = values.personas ? Personas.fromJSON(await readFile(values.personas, 'utf8')) : Personas.default();
  const input = values.input ? createReadStream(values.input) : process.stdin;
  const out: string[] = [];
  let results = 0;
  let rejected = 0;
  for await (const chunk of lineChunks(input)) {
    const options = { asOf, firstLine: chunk.firstLine, explain: values.explain === true };
    const batch = options.explain
      ? segments.evaluateNdjson(chunk.bytes, personas, { ...options, explain: true })
      : segments.evaluateNdjson(chunk.bytes, personas, { ...options, explain: false });
    results += batch.results.length;
    rejected += batch.rejects.length;
    if (batch.rejects.length) await write(process.stderr, batch.rejects.map(formatReject).join(''));
    const text = batch.results.map((r) => `${JSON.stringify(r)}\n`).join('');
    if (values.output) out.push(text);
    else await write(process.stdout, text);
  }
  if (values.output) await writeFile(values.output, out.join(''));
  await write(process.stderr, `${results} results, ${rejected} rejected\n`);
  return results === 0 && rejected > 0 ? 1 : 0;
}
