// Everything the package exports, shared by the browser and the Node entry points.
export { SelfCrmError, type LineReject } from './errors.js';
export { ready, runtimeStats, type LoadOptions, type RuntimeStats } from './loader.js';
export { classifyNps, nps, NpsStream, type NpsCategory, type NpsSummary } from './nps.js';
export {
  customerSummaries,
  fitModel,
  Model,
  rfmSummary,
  type CustomerSummaries,
  type CustomerSummary,
  type CustomerSummaryColumns,
  type FitResult,
  type ModelDocument,
  type Predictions,
  type RfmSummary,
} from './scores.js';
