import { createReadStream, createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';

import { analyzeTexts, sentimentLabels, type CueName, type LineReject } from '../index.node.js';
import { lineChunks } from './lines.js';
import { formatReject } from './nps.js';
import { UsageError, write } from './usage.js';

export const sentimentHelp = `Usage: selfcrm sentiment [--input FILE] [--output FILE] [--explain]

Reads one text per line from FILE or stdin: either NDJSON {"id": …, "text": "…"} (a line that
starts with "{") or plain text (its id is then the line number). Writes one NDJSON result per
usable line:
  {"id","compound","label","cues":[…]}      compound in [-1, 1]; label positive/neutral/negative
With --explain each result also has "drivers": the tokens that moved the score and the rules
applied to them. Bad lines are reported on stderr as "line N: CODE at PATH: message"; blank lines
are skipped. Exit status: 0 when it ran, 1 when no line was usable, 2 on a usage error.

Options:
  -i, --input FILE    read from FILE instead of stdin
  -o, --output FILE   write the results to FILE instead of stdout
  -e, --explain       add the drivers of each score
  -h, --help          show this text
`;

const cueNames: CueName[] = ['question', 'complaint', 'praise', 'churnThreat', 'purchaseIntent', 'recommendation'];
const decoder = new TextDecoder();

interface Item {
  id: unknown;
  text: string;
}

/** Reads the records of one chunk: valid ones to `items`, bad ones to the returned list. */
function readChunk(text: string, firstLine: number, items: Item[]): LineReject[] {
  const rejects: LineReject[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, k) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const number = firstLine + k;
    if (line.trim() === '') return;
    if (!line.trimStart().startsWith('{')) {
      items.push({ id: number, text: line });
      return;
    }
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      rejects.push({ line: number, code: 'E_PARSE', path: '', message: 'the line is not valid JSON' });
      return;
    }
    const r = record as { id?: unknown; text?: unknown };
    if (typeof r.text !== 'string') {
      rejects.push({ line: number, code: 'E_SCHEMA', path: '/text', message: 'text must be a string' });
      return;
    }
    items.push({ id: r.id ?? number, text: r.text });
  });
  return rejects;
}

export async function runSentiment(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        input: { type: 'string', short: 'i' },
        output: { type: 'string', short: 'o' },
        explain: { type: 'boolean', short: 'e' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    await write(process.stdout, sentimentHelp);
    return 0;
  }
  const input = values.input ? createReadStream(values.input) : process.stdin;
  const output = values.output ? createWriteStream(values.output) : process.stdout;
  let written = 0;
  let rejected = 0;
  for await (const chunk of lineChunks(input)) {
    const items: Item[] = [];
    const rejects = readChunk(decoder.decode(chunk.bytes), chunk.firstLine, items);
    rejected += rejects.length;
    if (rejects.length) await write(process.stderr, rejects.map(formatReject).join(''));
    if (items.length === 0) continue;
    const batch = analyzeTexts(
      items.map((i) => i.text),
      { details: values.explain === true },
    );
    let out = '';
    items.forEach((item, i) => {
      const mask = batch.cues[i] as number;
      const result: Record<string, unknown> = {
        id: item.id,
        compound: batch.compound[i],
        label: sentimentLabels[batch.label[i] as number],
        cues: cueNames.filter((_, bit) => (mask & (1 << bit)) !== 0),
      };
      if (batch.details) result.drivers = batch.details[i]?.drivers;
      out += `${JSON.stringify(result)}\n`;
    });
    written += items.length;
    await write(output, out);
  }
  if (values.output) await new Promise<void>((resolve) => output.end(() => resolve()));
  return written === 0 && rejected > 0 ? 1 : 0;
}
