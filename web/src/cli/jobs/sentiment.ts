// The sentiment job: one chunk of text lines to NDJSON results, in the main thread or a worker.
import { analyzeTexts, SelfCrmError, sentimentLabels, textLimits, type BatchChunkResult, type CueName, type LineReject, type TextBatch } from '../../index.node.js';
import { unwrap } from '../../runtime/errors.js';
import { withBytes } from '../../runtime/heap.js';
import { wasm } from '../../runtime/loader.js';

const cueNames: CueName[] = ['question', 'complaint', 'praise', 'churnThreat', 'purchaseIntent', 'recommendation'];
const decoder = new TextDecoder();

interface Item {
  id: unknown;
  text: string;
  line: number;
}

const isRecord = (line: string) => line.trimStart().startsWith('{');

/** Reads the records of one chunk: valid ones to `items`, bad ones to the returned list. */
function readChunk(text: string, firstLine: number, items: Item[]): LineReject[] {
  const lines = text.split('\n');
  // JSON records are first read by the core's JSON reader, as every other command's are: a repeated
  // key, a number out of range or a cut line is refused with its path (JSON.parse takes them all).
  const records = lines.map((l) => (isRecord(l) ? l : '')).join('\n');
  const rejects = records.trim() === '' ? [] : unwrap<LineReject[]>(withBytes(records, (p, n) => wasm().jsonLineRejects(p, n, firstLine)));
  const refused = new Set(rejects.map((r) => r.line));
  const { maxTextBytes } = textLimits();
  // A text the engine would refuse is this line's reject, not the chunk's failure.
  const add = (item: Item, path: string) => {
    if (item.text.length > maxTextBytes && Buffer.byteLength(item.text) > maxTextBytes) {
      rejects.push({ line: item.line, code: 'E_RANGE', path, message: `a text is at most ${maxTextBytes} bytes of UTF-8` });
    } else {
      items.push(item);
    }
  };
  lines.forEach((raw, k) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const number = firstLine + k;
    if (line.trim() === '' || refused.has(number)) return;
    if (!isRecord(line)) {
      add({ id: number, text: line, line: number }, '');
      return;
    }
    const record: unknown = JSON.parse(line);
    const r = record as { id?: unknown; text?: unknown };
    if (typeof r.text !== 'string') {
      rejects.push({ line: number, code: 'E_SCHEMA', path: '/text', message: 'text must be a string' });
      return;
    }
    add({ id: r.id ?? number, text: r.text, line: number }, '/text');
  });
  return rejects.sort((a, b) => a.line - b.line);
}

// The whole chunk at once; when the engine runs out of memory, text by text, so only the texts
// that cannot be analysed become rejects (E_MEMORY) and the rest still get their results.
function analyzeItems(items: Item[], explain: boolean, rejects: LineReject[]): { item: Item; batch: TextBatch; at: number }[] {
  const texts = items.map((i) => i.text);
  try {
    const batch = analyzeTexts(texts, { details: explain });
    return items.map((item, at) => ({ item, batch, at }));
  } catch (e) {
    if (!(e instanceof SelfCrmError) || e.code !== 'E_MEMORY' || items.length === 0) throw e;
  }
  const done: { item: Item; batch: TextBatch; at: number }[] = [];
  for (const item of items) {
    try {
      done.push({ item, batch: analyzeTexts([item.text], { details: explain }), at: 0 });
    } catch (e) {
      if (!(e instanceof SelfCrmError)) throw e;
      rejects.push({ line: item.line, code: e.code, path: '', message: e.message });
    }
  }
  rejects.sort((a, b) => a.line - b.line);
  return done;
}

/** One chunk of input lines to NDJSON results (runs on the main thread or in a worker). */
export function sentimentChunk(bytes: Uint8Array, firstLine: number, explain: boolean): BatchChunkResult {
  const items: Item[] = [];
  const rejects = readChunk(decoder.decode(bytes), firstLine, items);
  if (items.length === 0) return { ndjson: '', results: 0, rejects };
  const done = analyzeItems(items, explain, rejects);
  let out = '';
  done.forEach(({ item, batch, at: i }) => {
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
  return { ndjson: out, results: done.length, rejects };
}
