// The segment job: one chunk of facts documents to NDJSON results, in the main thread or a worker.
import { Personas, Segments, type BatchChunkResult } from '../../index.node.js';

/** One chunk of facts documents to result lines (main thread or worker). */
export function segmentProcessor(o: Record<string, unknown>): (bytes: Uint8Array, firstLine: number) => BatchChunkResult {
  // Packs live as long as the process or worker that runs the job.
  const segments = typeof o.segments === 'string' ? Segments.fromJSON(o.segments) : Segments.default();
  const personas = typeof o.personas === 'string' ? Personas.fromJSON(o.personas) : Personas.default();
  const asOf = o.asOf as string;
  const explain = o.explain === true;
  return (bytes, firstLine) => segments.evaluateLines(bytes, { personas, asOf, firstLine, explain });
}
