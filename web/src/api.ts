// Everything the package exports, shared by the browser and the Node entry points.
export { SelfCrmError, type LineReject } from './errors.js';
export { ready, runtimeStats, type LoadOptions, type RuntimeStats } from './loader.js';
export {
  classifyNps,
  classifyNpsLines,
  nps,
  NpsStream,
  type BatchChunkResult,
  type NpsCategory,
  type NpsSummary,
} from './nps.js';
export { createWorker, type SelfCrmWorker, type WorkerOptions } from './worker/client.js';
