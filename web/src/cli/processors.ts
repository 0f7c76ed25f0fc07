// Per-line batch jobs by name, so a worker thread can build the same job from plain options.
import { classifyNpsLines, type BatchChunkResult } from '../index.node.js';

/** Turns one line-aligned chunk into result lines and rejects. */
export type ChunkProcessor = (bytes: Uint8Array, firstLine: number) => BatchChunkResult;

/** Builds a processor from JSON-serialisable options (they cross into worker threads). */
export type ProcessorFactory = (options: Record<string, unknown>) => ChunkProcessor;

export const processors: Record<string, ProcessorFactory> = {
  'nps-classify': () => classifyNpsLines,
};
