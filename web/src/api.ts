// Everything the package exports, shared by the browser and the Node entry points.
export { SelfCrmError, type ErrorCode, type LineReject } from './runtime/errors.js';
export { ready, runtimeStats, type LoadOptions, type RuntimeStats } from './runtime/loader.js';
export { companyRuntimeStats, readyCompany } from './runtime/company_loader.js';
export type { BatchChunkBytes, BatchChunkCount, BatchChunkResult, LineOptions } from './runtime/batch.js';
export type { AsOf } from './runtime/time.js';
export {
  classifyNps, classifyNpsLines, nps, populationAdvocacy, type AdvocacyInput, type NpsCategory, type NpsSummary, type PopulationAdvocacy,
} from './scores/nps.js';
// Company side: conversations worth having and the support queue, over customer rows.
export { ConversationPlan, SupportQueue } from './conversations/conversations.js';
export type { ConversationParams, PlanSummary, QueueSummary, RankedConversation, SupportEntry } from './conversations/types.js';
export { createWorker, type SelfCrmWorker, type WorkerOptions } from './worker/client.js';

// Identity vault
export { Vault, type VaultOptions } from './vault/vault.js';
export type {
  AttributeCategory, AttributeMap, Attributes, AttributeValue, Direction, History, Identity, IdentityInput, IdentityKey,
  IdentityKind, ImportReport, Instant, Interaction, JournalEntry, ProfileJSON, RecordInput, Referral, SocialReach,
  SurveyAnswer, Transaction, VaultDocument,
} from './vault/types.js';
export type { IdentityDecisionEntry, ImportApplyReport, ImportItemOutcome, ProvenanceEntry } from './vault/types.js';
export type { ImportBatch, ImportedAttribute, ImportedIdentity, ImportProblem, ImportSourceKind, Provenance } from './vault/import/batch.js';
export { decryptBytes, encryptBytes, isEncryptedVault, MIN_PBKDF2_ITERATIONS, type EncryptOptions } from './storage/crypto.js';
export { decodeVault, encodeVault, type LoadVaultOptions, type SaveOptions } from './storage/codec.js';
export {
  deleteVaultFromIndexedDB, loadVaultFromIndexedDB, saveVaultToIndexedDB, type IndexedDbOptions,
} from './storage/indexeddb.js';
export {
  Model,
  type CustomerSummaries,
  type CustomerSummary,
  type CustomerSummaryColumns,
  type FitDiagnostic,
  type FitOptions,
  type FitResult,
  type ModelDocument,
  type ModelSpec,
  type PredictionIntervals,
  type RepeatModel,
  type Predictions,
  type RfmSummary,
} from './scores/model.js';
export {
  fitBgBb,
  fitRetention,
  type BgBbCustomer,
  type BgBbReport,
  type ModelFit,
  type RetentionOptions,
  type RetentionReport,
  type Tenure,
} from './scores/customer_base.js';
// Text: sentiment, intent cues, six degrees of social interaction.
export {
  addLexiconEntries,
  analyzeText,
  analyzeTexts,
  clearLexiconEntries,
  Cues,
  sentimentLabels,
  sentimentLines,
  textLimits,
  type AnalyzeTextsOptions,
  type CueName,
  type SentimentDriver,
  type SentimentLabel,
  type SentimentLineOptions,
  type SentimentRule,
  type TextAnalysis,
  type TextBatch,
} from './text/text.js';
export {
  classifyInteractions,
  type DegreeDistribution,
  type DegreeProfile,
  type InteractionDegree,
  type InteractionInput,
} from './text/degrees.js';
// Segments, scoring plans, personas, k-means
export { Segments, Personas } from './segments/packs.js';
export type {
  ComparisonOp, Condition, EvaluateOptions, ExplainedLineResult, FactsDocument, HistoryCollection, Membership, PersonaAssignment,
  PersonaDefinition, PersonaMatch, PersonaPackDefinition, PlanScore, Reason, RuleScore, ScoringPlanDefinition,
  ScoringRule, SegmentDefinition, SegmentEvaluation, SegmentLineResult, SegmentPackDefinition,
} from './segments/types.js';

// Sharing: grants, SD-JWT disclosure packets, the ledger, local differential privacy.
export { claimSourceFromObjects, type ClaimSource, type ClaimValue } from './share/claims.js';
export { checkGrants, isGrantActive, maxBorrowedSeconds, type Grant, type GrantChanges, type GrantInput, type GrantLevel, type Recipient } from './share/grants.js';
export { createKeyPair, exportKeyPair, importKeyPair, importPublicKey, type ExportedKeyPair, type SigningAlgorithm, type SigningKeyPair } from './share/keys.js';
export type { ClaimTerms, SharedClaim, SharePacket, ShareOptions, WithheldClaim } from './share/packet.js';
export { verifyShare, type ShareProblem, type ShareProblemKind, type VerifiedClaim, type VerifiedShare, type VerifyOptions } from './share/verify.js';
export { defaultVerifyLimits, type VerifyLimits } from './share/verify_limits.js';
export { Ledger, type Holding, type LedgerCheck, type LedgerClaim, type LedgerEntry, type LedgerEventType, type LedgerExport, type LedgerProblem } from './share/ledger.js';
export { canonicalJson } from './share/jcs.js';
export { renderDisplayed } from './share/displayed.js';
export { Sharing, type SharingDocument } from './share/sharing.js';
export { sharingDocumentSchema } from './share/schema.js';
export { estimateFromUnary, unaryResponse, unaryResponses, type UnaryAnswer } from './share/ldp_unary.js';
export { estimateFromRandomized, privacyTerms, randomizedResponse, randomizedResponses, type FrequencyEstimate, type LdpOptions, type PrivacyTerms, type RandomizedAnswer, type RandomizedEstimate, type RandomizedNpsEstimate } from './share/ldp.js';

// Everything for one profile: scores, feedback, segments and persona under a company's rules.
export {
  factsOf,
  Insights,
  profilesFromTransactions,
  type AnalyzeLinesOptions,
  type InsightsOptions,
  type TransactionProfiles,
  type ProfileSource,
} from './insights/insights.js';
export type { Feedback, ProfileInsights } from './insights/types.js';
// Whole-population steps as per-shard partial summaries and their merge (issue 21).
export { FitAggregate, LdpAggregate, NpsAggregate, ReportAggregate, type FitTotals, type LdpTotals, type NpsTotals, type PartialIdentity, type ReportTotals } from './insights/aggregates.js';
export type { ScoreCard, ScoreResult } from './scores/types.js';
export { scoreBands, type ClaimInsights } from './vault/claims.js';
export type { VaultShareOptions } from './vault/sharing.js';
export { assignToCentroids, KMeansSample, KMeansStep, kmeansBySample, type KMeansBySampleOptions, type KMeansCentroids, type KMeansPartTotals } from './segments/kmeans_merge.js';
export { chooseK, featureRows, kmeans, silhouette, type ChooseKOptions, type FeatureOptions, type FeatureRows, type KChoice, type KMeansOptions, type KMeansResult } from './segments/kmeans.js';
export { fitModelFromProfiles } from './scores/fit_profiles.js';
export { fitModel } from './scores/fit.js';
export { customerSummaries, rfmSummary } from './scores/transaction_summaries.js';
// Presentations to a company (OpenID4VP + SD-JWT VC), holder side; the company side is `selfcrm/company`.
export { queryHash, type PresentationResult } from './share/presentation.js';
export { revocationType } from './share/revocation.js';
export type { ConsentItem } from './share/consent.js';
export type { PresentOptions } from './share/sharing.js';
export type { VaultPresentOptions } from './vault/sharing.js';
export type { LedgerPresentation, LedgerEvent } from './share/ledger.js';
export { checkRequest, purposeWords, type PresentationRequest, type ComputedWith } from './share/request.js';
export { createPairwiseKey, memoryKeyStore, pairwiseKey, type PairwiseKey, type PairwiseKeyStore } from './share/pairwise.js';
export { claimOfPath, pathOfClaim, selfcrmVct } from './share/claim_paths.js';
export { indexedDbKeyStore } from './storage/key_store.js';
// Identity clustering under the customer's control (the readers are in `selfcrm/import`).
export {
  ownRecords, proposeMerges, type IdentityDecision, type MatchEvidence, type MatchRecord, type MergeProposal, type OwnRecord,
} from './vault/identity_match.js';
export { matchRecordsOf, proposeImportMerges } from './vault/import/cluster_batch.js';
