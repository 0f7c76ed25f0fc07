// Everything the package exports, shared by the browser and the Node entry points.
export { SelfCrmError, type LineReject } from './errors.js';
export { ready, runtimeStats, type LoadOptions, type RuntimeStats } from './loader.js';
export { classifyNps, nps, NpsStream, type NpsCategory, type NpsSummary } from './nps.js';

// Sharing: grants, SD-JWT disclosure packets, the ledger, local differential privacy.
export { claimSourceFromObjects, isDerivedClaim, type ClaimSource, type ClaimValue } from './share/claims.js';
export { changeGrant, checkGrants, createGrant, grantLevels, isGrantActive, revokeGrant, type Grant, type GrantChanges, type GrantInput, type GrantLevel, type Recipient } from './share/grants.js';
export { createKeyPair, exportKeyPair, importKeyPair, importPublicKey, type ExportedKeyPair, type SigningAlgorithm, type SigningKeyPair } from './share/keys.js';
export { packetType, share, type ClaimTerms, type SharedClaim, type SharePacket, type ShareOptions } from './share/packet.js';
export { verifyShare, type ShareProblem, type ShareProblemKind, type VerifiedClaim, type VerifiedShare, type VerifyOptions } from './share/verify.js';
export { Ledger, type Holding, type LedgerCheck, type LedgerClaim, type LedgerEntry, type LedgerEventType, type LedgerExport, type LedgerProblem } from './share/ledger.js';
export { canonicalJson } from './share/jcs.js';
export { renderDisplayed } from './share/displayed.js';
export { Sharing, type SharingDocument } from './share/sharing.js';
export { sharingDocumentSchema } from './share/schema.js';
export { estimateFromUnary, unaryResponse, unaryResponses, type UnaryAnswer } from './share/ldp_unary.js';
export { estimateFromRandomized, privacyTerms, randomizedResponse, randomizedResponses, type FrequencyEstimate, type LdpOptions, type PrivacyTerms, type RandomizedAnswer, type RandomizedEstimate, type RandomizedNpsEstimate } from './share/ldp.js';
