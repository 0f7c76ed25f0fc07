// The intake store's tables. One row per customer (pairwise holder id) and claim: a newer grant of
// the same claim replaces the older. Only copied claims can be rows at all (the CHECK): borrowed
// ones are never written, displayed ones never arrive. Times are seconds since the epoch.
export const schemaVersion = 1;

/** SQLite's `application_id` of an intake store ("SCRM"): any other database is refused. */
export const applicationId = 0x5343524d;

export const schemaSql = `
CREATE TABLE presentations (
  digest TEXT PRIMARY KEY,       -- base64url SHA-256 of the presentation, as the holder's ledger records it
  nonce TEXT NOT NULL,           -- the request's nonce it answered: used once
  subject TEXT NOT NULL,         -- the pairwise holder id (iss)
  credential TEXT NOT NULL,      -- the DCQL credential query id
  origin TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  verified_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX presentations_nonce ON presentations (nonce);
CREATE TABLE claims (
  subject TEXT NOT NULL,
  claim TEXT NOT NULL,
  value TEXT NOT NULL,           -- JSON
  level TEXT NOT NULL CHECK (level = 'copied'),
  purpose TEXT NOT NULL,         -- DPV purpose IRI
  expires_at INTEGER,            -- NULL: kept until revoked
  issued_at INTEGER NOT NULL,
  nonce TEXT NOT NULL,
  presentation TEXT NOT NULL,
  computed_with TEXT,            -- JSON {engine, rules} of a derived claim
  revoked_at INTEGER,
  PRIMARY KEY (subject, claim)
) WITHOUT ROWID;
-- What each presentation granted, by name and terms, never a value: the evidence of borrowed
-- claims too (the customer's ledger has the same), for the report's shares by level and purpose.
CREATE TABLE granted (
  presentation TEXT NOT NULL,
  claim TEXT NOT NULL,
  level TEXT NOT NULL,
  purpose TEXT NOT NULL,
  PRIMARY KEY (presentation, claim)
) WITHOUT ROWID;
CREATE TABLE revocations (
  digest TEXT NOT NULL,
  subject TEXT NOT NULL,
  claim TEXT NOT NULL,           -- a claim name, or * for all
  at INTEGER NOT NULL,
  origin TEXT NOT NULL,
  PRIMARY KEY (digest, claim)
) WITHOUT ROWID;
CREATE INDEX revocations_subject ON revocations (subject, claim);
`;
