// The company's intake (Node only): verified answers into an SQLite store that keeps each claim's
// terms, customer rows for the next stage, purge, CRM import rows. Not part of the browser entry.
export { IntakeRun, storeRows, type CustomerRow, type IntakeLine, type IntakeOptions, type IntakeResult } from './intake.js';
export { IntakeStore, type PurgedClaim, type StoredClaim } from './store.js';
export { verifyRevocation, type VerifiedRevocation } from './revocation.js';
export { crmCell, crmColumns, crmContact, crmContacts, crmCsv, type CrmContact } from './crm.js';
export { countSharedClaims, type SharedClaimCounts } from './shared_claims.js';
