import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { NpsStream, SelfCrmError, type LineReject } from '../index.node.js';
import { lineChunks } from './lines.js';
import { UsageError, write } from './usage.js';

export const npsHelp = `Usage: selfcrm nps [--input FILE] [--output FILE]

Reads NPS answers as NDJSON, one {"id": …, "score": 0–10} per line, from FILE or stdin, and
writes the population summary as JSON:
  {"nps","promoters","passives","detractors","n","standardError","ci95":[lo,hi],"rejected"}
Bad lines are reported on stderr as "line N: CODE at PATH: message" and counted in "rejected";
blank lines are skipped. Exit status: 0 when it ran, 1 when no answer was usable, 2 on a usage
error.

Options:
  -i, --input FILE    read from FILE instead of stdin
  -o, --output FILE   write the summary to FILE instead of stdout
  -h, --help          show this text
`;

export function formatReject(r: LineReject): string {
  return `line ${r.line}: ${r.code}${r.path ? ` at ${r.path}` : ''}: ${r.message}\n`;
}

export async function runNps(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
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
    await write(process.stdout, npsHelp);
    return 0;
  }
  const input = values.input ? createReadStream(values.input) : process.stdin;
  using stream = new NpsStream();
  let rejected = 0;
  for await (const chunk of lineChunks(input)) {
    const rejects = stream.addNdjson(chunk.bytes, chunk.firstLine);
    rejected += rejects.length;
    if (rejects.length) await write(process.stderr, rejects.map(formatReject).join(''));
  }
  let result: Record<string, unknown>;
  let status = 0;
  try {
    result = { ...stream.summary(), rejected };
  } catch (e) {
    if (!(e instanceof SelfCrmError)) throw e;
    result = { error: { code: e.code, path: e.path, message: e.message }, rejected };
    status = 1;
  }
  const text = `${JSON.stringify(result)}\n`;
  if (values.output) await writeFile(values.output, text);
  else await write(process.stdout, text);
  return status;
}
