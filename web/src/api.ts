// Everything the package exports, shared by the browser and the Node entry points.
export { SelfCrmError, type LineReject } from './errors.js';
export { ready, runtimeStats, type LoadOptions, type RuntimeStats } from './loader.js';
export { classifyNps, nps, NpsStream, type NpsCategory, type NpsSummary } from './nps.js';
// Segments, scoring plans, personas, k-means
export { Segments, Personas } from './segments.js';
export type {
  ComparisonOp, Condition, EvaluateOptions, ExplainedLineResult, FactsDocument, HistoryCollection, Membership, PersonaAssignment,
  PersonaDefinition, PersonaMatch, PersonaPackDefinition, PlanScore, Reason, RuleScore, ScoringPlanDefinition,
  ScoringRule, SegmentDefinition, SegmentEvaluation, SegmentLineResult, SegmentPackDefinition,
} from './segments_types.js';
export { chooseK, featureRows, kmeans, silhouette, type ChooseKOptions, type FeatureOptions, type FeatureRows, type KChoice, type KMeansOptions, type KMeansResult } from './kmeans.js';
