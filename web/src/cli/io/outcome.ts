// How every line-reading command ends: one count line on stderr and an exit status a pipeline can
// trust. Defined once, so no command can exit 0 when nothing it read gave a result.
import { UsageError, write } from './usage.js';

/** Lines read, and what became of them: lines = results + rejects + blank lines. */
export interface LineCounts {
  lines: number;
  results: number;
  rejects: number;
}

export const maxRejectsHelp = `      --max-rejects N  exit 1 when more than N lines are rejected (default: no limit)`;

/** The rule every command's help points to (and the README states). */
export const exitStatusHelp = `The last stderr line counts the input: "N lines = R results + J rejects" (+ B blank).
Exit status: 0 when at least one line gave a result and no more than --max-rejects lines were
rejected; 1 when no line gave a result, too many were rejected, or on failure (an unreadable
file: I/O error); 2 on a usage error.`;

/** The value of --max-rejects, or undefined when not given; a UsageError when not a count. */
export function parseMaxRejects(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isInteger(n) || n < 0) {
    throw new UsageError(`--max-rejects must be a whole number from 0 up, not "${String(value)}"`);
  }
  return n;
}

export function countLine(c: LineCounts): string {
  const blank = c.lines - c.results - c.rejects;
  return `${c.lines} lines = ${c.results} results + ${c.rejects} rejects${blank > 0 ? ` + ${blank} blank` : ''}\n`;
}

/** Why a run that read these lines failed, or '' when it did not. */
export function failure(c: LineCounts, maxRejects?: number): string {
  if (c.results === 0) return c.lines === 0 ? 'no input lines' : 'no line gave a result';
  if (maxRejects !== undefined && c.rejects > maxRejects) return `${c.rejects} lines rejected, more than --max-rejects ${maxRejects}`;
  return '';
}

/** Writes why the run failed (if it did) and the count line to stderr; returns the exit status. */
export async function finishLines(command: string, c: LineCounts, maxRejects?: number): Promise<number> {
  const why = failure(c, maxRejects);
  await write(process.stderr, `${why ? `selfcrm ${command}: ${why}\n` : ''}${countLine(c)}`);
  return why ? 1 : 0;
}
