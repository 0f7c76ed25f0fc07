// What the main thread and a batch worker thread say to each other.
import { SelfCrmError, type ErrorCode, type LineReject } from '../../index.node.js';

export interface WorkerJob {
  seq: number;
  bytes: Uint8Array;
  firstLine: number;
  /** Buffers of earlier results, written out and handed back for the worker to fill again. */
  spare: ArrayBuffer[];
}

/** An error as data, so a SelfCrmError keeps its code and path across the thread boundary. */
export interface ErrorData {
  message: string;
  code?: ErrorCode;
  path?: string;
}

export type WorkerReply =
  | { seq: number; out: Uint8Array; input: ArrayBuffer; results: number; rejects: LineReject[] }
  | { seq: number; error: ErrorData };

/** A reply to a job (`input` is the job's buffer, handed back for reuse), or the news that the worker could not build its processor. */
export type WorkerMessage = WorkerReply | { startError: ErrorData };

export interface ChunkOutput {
  /** UTF-8 results in the sink's form, or the text itself when processed on the main thread. */
  out: Uint8Array | string;
  results: number;
  rejects: LineReject[];
}

export function errorData(e: unknown): ErrorData {
  if (e instanceof SelfCrmError) {
    const suffix = e.path ? ` (at ${e.path})` : '';
    const message = suffix && e.message.endsWith(suffix) ? e.message.slice(0, -suffix.length) : e.message;
    return { message, code: e.code, path: e.path };
  }
  return { message: e instanceof Error ? e.message : String(e) };
}

export function errorFrom(d: ErrorData): Error {
  return d.code ? new SelfCrmError(d.code, d.message, d.path) : new Error(d.message);
}
