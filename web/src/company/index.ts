/**
 * `selfcrm/company`: what a company's site and servers need to ask customers for claims and check
 * the answers. No WebAssembly: WebCrypto and JSON only.
 * @packageDocumentation
 */
export { SelfCrmError } from '../runtime/errors.js';
export { selfcrmVct, claimOfPath, pathOfClaim } from '../share/claim_paths.js';
export { purposeWords, type PresentationRequest, type DcqlQuery, type DcqlCredentialQuery, type DcqlClaim, type RequestTerm } from '../share/request.js';
export { createRequest, type CreateRequestOptions, type RequestLevel } from './request.js';
export { requestPresentation, messageTypes, type PresentationAnswer, type RequestPresentationOptions } from './popup.js';
export { verifyPresentation, type VerifiedClaim, type VerifiedPresentation, type VerifyPresentationOptions } from './verify.js';
export { memoryNonceStore, type NonceStore } from './replay.js';
export { checkLimits, defaultPresentationLimits, type PresentationLimits } from './limits.js';
export type { PresentationProblem, PresentationProblemKind } from './problems.js';
