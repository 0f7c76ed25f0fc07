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

// Identity vault
export { Vault, type VaultOptions } from './vault.js';
export type {
  AttributeCategory, AttributeMap, Attributes, AttributeValue, Direction, History, Identity, IdentityInput, IdentityKey,
  IdentityKind, ImportReport, Instant, Interaction, JournalEntry, ProfileJSON, RecordInput, Referral, SocialReach,
  SurveyAnswer, Transaction, VaultDocument,
} from './vault_types.js';
export { decryptBytes, encryptBytes, isEncryptedVault, MIN_PBKDF2_ITERATIONS, type EncryptOptions } from './storage/crypto.js';
export { decodeVault, encodeVault, type LoadVaultOptions, type SaveOptions } from './storage/codec.js';
export {
  deleteVaultFromIndexedDB, loadVaultFromIndexedDB, saveVaultToIndexedDB, type IndexedDbOptions,
} from './storage/indexeddb.js';
export {
  fitModel,
  Model,
  rfmSummary,
  type CustomerSummary,
  type FitResult,
  type ModelDocument,
  type Predictions,
  type RfmSummary,
} from './scores.js';
// Text: sentiment, intent cues, six degrees of social interaction.
export {
  addLexiconEntries,
  analyzeText,
  analyzeTexts,
  clearLexiconEntries,
  Cues,
  sentimentLabels,
  type CueName,
  type SentimentDriver,
  type SentimentLabel,
  type SentimentRule,
  type TextAnalysis,
  type TextBatch,
} from './text.js';
export {
  classifyInteractions,
  type DegreeDistribution,
  type DegreeProfile,
  type InteractionDegree,
  type InteractionInput,
} from './degrees.js';
// Segments, scoring plans, personas, k-means
export { Segments, Personas } from './segments.js';
export type {
  ComparisonOp, Condition, EvaluateOptions, FactsDocument, HistoryCollection, Membership, PersonaAssignment,
  PersonaDefinition, PersonaMatch, PersonaPackDefinition, PlanScore, Reason, RuleScore, ScoringPlanDefinition,
  ScoringRule, SegmentDefinition, SegmentEvaluation, SegmentLineResult, SegmentPackDefinition,
} from './segments_types.js';
export { chooseK, kmeans, silhouette, type ChooseKOptions, type FeatureRows, type KChoice, type KMeansOptions, type KMeansResult } from './kmeans.js';
