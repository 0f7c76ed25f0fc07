// Where results and rejects go: NDJSON, a JSON array or CSV, to stdout or a file; rejects as text
// on stderr or as NDJSON in a file.
import { createWriteStream } from 'node:fs';
import type { LineReject } from '../../index.node.js';
import type { ResultForm } from './result_form.js';
import { noteWriteFailure, UsageError, write, writeChunk, writeFailure } from './usage.js';

export type OutputFormat = 'ndjson' | 'json' | 'csv';

export interface Sink {
  /** The form `results` takes, made where the chunk was processed. */
  readonly form: ResultForm;
  /** `--rejects inline`: rejects and blank lines take their place among the results (inline_rejects.ts). */
  readonly inline?: boolean;
  /**
   * Takes one chunk's results in `form`, as text or as UTF-8 bytes; resolves when the next chunk
   * may come, and calls `written` once the bytes' buffer may be reused.
   */
  results(chunk: string | Uint8Array, written?: () => void): Promise<void>;
  rejects(rejects: LineReject[]): Promise<void>;
  close(): Promise<void>;
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function openStream(file: string | undefined): NodeJS.WritableStream {
  if (!file) return process.stdout; // its errors are handled in main.ts
  // Room for a few chunks of results, so that writeChunk() rarely waits for the disk.
  const stream = createWriteStream(file, { highWaterMark: 1 << 22 });
  stream.on('error', (e) => noteWriteFailure(stream, e));
  return stream;
}

async function closeStream(stream: NodeJS.WritableStream): Promise<void> {
  if (stream !== process.stdout) {
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(() => resolve());
    });
  }
  const failed = writeFailure(stream);
  if (failed) throw failed;
}

export function formatReject(r: LineReject): string {
  return `line ${r.line}: ${r.code}${r.path ? ` at ${r.path}` : ''}: ${r.message}\n`;
}

export function createSink(options: { output?: string; format: OutputFormat; rejects?: string }): Sink {
  const inline = options.rejects === 'inline';
  if (inline && options.format !== 'ndjson') throw new UsageError('--rejects inline needs --format ndjson');
  const out = openStream(options.output);
  const rejectOut = options.rejects && !inline ? openStream(options.rejects) : undefined;
  let columns: string[] | undefined;
  let first = true;
  const decoder = new TextDecoder();
  return {
    form: options.format === 'json' ? 'json-items' : 'ndjson',
    inline,
    async results(chunk, written) {
      if (!chunk.length) return written?.();
      if (options.format === 'ndjson') return writeChunk(out, chunk, written);
      if (options.format === 'json') {
        await writeChunk(out, first ? '[\n' : ',\n');
        first = false;
        return writeChunk(out, chunk, written);
      }
      written?.();
      const ndjson = typeof chunk === 'string' ? chunk : decoder.decode(chunk);
      let text = '';
      for (const line of ndjson.split('\n')) {
        if (!line) continue;
        const v = JSON.parse(line) as Record<string, unknown>;
        if (!columns) {
          columns = Object.keys(v);
          text += `${columns.map(csvCell).join(',')}\n`;
        }
        text += `${columns.map((c) => csvCell(v[c])).join(',')}\n`;
      }
      return writeChunk(out, text);
    },
    // Inline, a per-line batch writes rejects with the results; a summary command's rejects land here.
    async rejects(list) {
      if (!list.length) return;
      if (rejectOut) return write(rejectOut, list.map((r) => `${JSON.stringify(r)}\n`).join(''));
      return write(process.stderr, list.map(formatReject).join(''));
    },
    async close() {
      if (options.format === 'json') await write(out, first ? '[]\n' : '\n]\n');
      await closeStream(out);
      if (rejectOut) await closeStream(rejectOut);
    },
  };
}
