// Per-line batch jobs by name, so a worker thread can build the same job from plain options.
import { classifyNpsLines, Insights, sentimentLines, type BatchChunkBytes, type BatchChunkResult } from '../../index.node.js';
import { segmentProcessor } from './segment.js';

/**
 * Turns one line-aligned chunk into result lines (text, or UTF-8 bytes in an array from
 * `allocate` when given) and rejects.
 */
export type ChunkProcessor = (
  bytes: Uint8Array,
  firstLine: number,
  allocate?: (size: number) => Uint8Array,
) => BatchChunkResult | BatchChunkBytes;

/** Builds a processor from JSON-serialisable options (they cross into worker threads). */
export type ProcessorFactory = (options: Record<string, unknown>) => ChunkProcessor;

export const processors: Record<string, ProcessorFactory> = {
  'nps-classify': () => (bytes, firstLine) => classifyNpsLines(bytes, { firstLine }),
  segment: segmentProcessor,
  sentiment: (o) => (bytes, firstLine) => sentimentLines(bytes, { firstLine, explain: Boolean(o.explain) }),
  // Profiles → insights. The engine lives as long as the process or worker that runs the job.
  insights: (o) => {
    const engine = Insights.create({
      model: o.model as string | undefined,
      segments: o.segments as string | undefined,
      personas: o.personas as string | undefined,
    });
    const options = { asOf: o.asOf as string, scoresOnly: Boolean(o.scoresOnly), facts: Boolean(o.facts) };
    return (bytes, firstLine, allocate) => engine.analyzeLinesBytes(bytes, { ...options, firstLine, ...(allocate ? { allocate } : {}) });
  },
};
