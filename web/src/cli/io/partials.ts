// `--partial` / `--merge` of the whole-population commands (issue 21): the options, the identity a
// partial summary carries, and reading part files into a merge with errors that name the file.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { SelfCrmError } from '../../index.node.js';
import { ioError } from './options.js';
import { UsageError, write } from './usage.js';

export const partialOptions = { partial: { type: 'boolean' }, merge: { type: 'boolean' } } as const;

export const partialHelp = `      --partial        write this shard's partial summary (one JSON line) instead of the
                       result: run it on every part of a split input, then --merge the parts
      --merge PART...  merge partial summaries (files of --partial output, one summary a line)
                       into the result, the same whatever the split and the order of the parts;
                       with --partial too, into one partial summary (merges can form a tree).
                       Parts of another engine version, rules or as-of time are refused
                       (E_CONFLICT, naming the file)`;

/** What a run does: summarise its input (as a result or a partial), or merge part files. */
export interface PartialMode {
  partial: boolean;
  /** The part files to merge, or undefined when the run reads its input. */
  merge?: string[];
}

export function partialMode(values: Record<string, unknown>, positionals: string[]): PartialMode {
  const partial = values.partial === true;
  if (values.merge !== true) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (part files go after --merge)`);
    return { partial };
  }
  if (positionals.length === 0) throw new UsageError('--merge needs the part files to merge');
  for (const flag of ['input', 'csv', 'input-kind']) {
    if (values[flag] !== undefined) throw new UsageError(`--merge reads part files, not --${flag}`);
  }
  return { partial, merge: positionals };
}

/** A digest of the rules documents a run used (undefined = built-in), stored in its partial summary. */
export function rulesHash(documents: (string | undefined)[]): string {
  return createHash('sha256').update(JSON.stringify(documents.map((d) => d ?? null))).digest('hex');
}

/**
 * Merges every part in order: each file holds one partial summary per line (what --partial writes,
 * or the lines of many concatenated, e.g. GNU parallel's output). An error (unreadable, malformed,
 * incompatible) names the file and, for a file of several, the line.
 */
export async function mergeParts(command: string, files: string[], merge: (part: string) => void): Promise<void> {
  let merged = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw ioError('--merge', file, e);
    }
    const lines = text.split('\n');
    let parts = 0;
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '') continue;
      ++parts;
      try {
        merge(line);
      } catch (e) {
        if (!(e instanceof SelfCrmError)) throw e;
        const where = `${file}${lines.length > 2 ? ` line ${i + 1}` : ''}${e.path ? ` at ${e.path}` : ''}`;
        throw new SelfCrmError(e.code, `part ${where}: ${e.message}`, e.path);
      }
    }
    if (parts === 0) throw new SelfCrmError('E_EMPTY', `part ${file} holds no partial summary`);
    merged += parts;
  }
  const fileCount = files.length === 1 ? '1 file' : `${files.length} files`;
  await write(process.stderr, `${command}: merged ${merged} partial summar${merged === 1 ? 'y' : 'ies'} from ${fileCount}\n`);
}
