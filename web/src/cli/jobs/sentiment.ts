// The sentiment job: one chunk of text lines to NDJSON results, in the main thread or a worker.
import { analyzeTexts, sentimentLabels, type BatchChunkResult, type CueName, type LineReject } from '../../index.node.js';

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

/** One chunk of input lines to NDJSON results (runs on the main thread or in a worker). */
export function sentimentChunk(bytes: Uint8Array, firstLine: number, explain: boolean): BatchChunkResult {
  const items: Item[] = [];
  const rejects = readChunk(decoder.decode(bytes), firstLine, items);
  if (items.length === 0) return { ndjson: '', results: 0, rejects };
  const batch = analyzeTexts(items.map((i) => i.text), { details: explain });
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
  return { ndjson: out, results: items.length, rejects };
}
