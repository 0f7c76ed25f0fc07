// Commands that fit need every line at once: the input gathered into one buffer, with its line
// count and the lines refused for their length.
import type { Readable } from 'node:stream';

import type { LineReject } from '../../runtime/errors.js';
import { lineChunks } from './lines.js';

export interface GatheredLines {
  bytes: Uint8Array;
  lines: number;
  tooLong: LineReject[];
}

export async function gatherLines(input: Readable): Promise<GatheredLines> {
  const parts: Uint8Array[] = [];
  const tooLong: LineReject[] = [];
  let size = 0;
  let lines = 0;
  for await (const chunk of lineChunks(input)) {
    tooLong.push(...chunk.tooLong);
    parts.push(chunk.bytes);
    size += chunk.bytes.length;
    lines += chunk.lines;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return { bytes, lines, tooLong };
}
