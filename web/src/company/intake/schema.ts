// The intake store's tables. One row per customer (pairwise holder id) and claim: a newer grant of
// the same claim replaces the older. Only copied claims can be rows at all (the CHECK): borrowed
// ones are never written, displayed ones never arrive. Long repeated texts (holder ids, purpose
// IRIs, what derived claims were computed with) are stored once and referred to by number; times
// are seconds since the epoch.
export const schemaVersion = 1;

/** SQLite's `application_id` of an intake store ("SCRM"): any other database is refused. */
export const applicationId = 0x5343524d;

export const schemaSql = `
CREATE TABLE subjects (id INTEGER PRIMARY KEY, holder TEXT NOT NULL UNIQUE);  -- pairwise holder ids (iss)
CREATE TABLE purposes (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE);     -- DPV purpose IRIs
CREATE TABLE computed (id INTEGER PRIMARY KEY, json TEXT NOT NULL UNIQUE);    -- {engine, rules} of derived claims
CREATE TABLE presentations (
  id INTEGER PRIMARY KEY,
  digest TEXT NOT NULL UNIQUE,   -- base64url SHA-256 of the presentation, as the holder's ledger records it
  nonce TEXT NOT NULL,           -- the request's nonce it answered: used once
  subject INTEGER NOT NULL REFERENCES subjects,
  credential TEXT NOT NULL,      -- the DCQL credential query id
  origin TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  verified_at INTEGER NOT NULL
);
CREATE INDEX presentations_nonce ON presentations (nonce);
CREATE TABLE claims (
  subject INTEGER NOT NULL REFERENCES subjects,
  claim TEXT NOT NULL,
  value TEXT NOT NULL,           -- JSON
  level TEXT NOT NULL CHECK (level = 'copied'),
  purpose INTEGER NOT NULL REFERENCES purposes,
  expires_at INTEGER,            -- NULL: kept until revoked
  issued_at INTEGER NOT NULL,
  presentation INTEGER NOT NULL REFERENCES presentations,  -- the evidence: its digest and nonce
  computed INTEGER REFERENCES computed,
  revoked_at INTEGER,
  PRIMARY KEY (subject, claim)
) WITHOUT ROWID;
-- What each presentation granted, by name and terms, never a value: the evidence of borrowed
-- claims too (the customer's ledger has the same), for the report's shares by level and purpose.
CREATE TABLE granted (
  presentation INTEGER NOT NULL REFERENCES presentations,
  claim TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('copied', 'borrowed')),
  purpose INTEGER NOT NULL REFERENCES purposes,
  PRIMARY KEY (presentation, claim)
) WITHOUT ROWID;
CREATE TABLE revocations (
  digest TEXT NOT NULL,
  subject INTEGER NOT NULL REFERENCES subjects,
  claim TEXT NOT NULL,           -- a claim name, or * for all
  at INTEGER NOT NULL,
  origin TEXT NOT NULL,
  PRIMARY KEY (digest, claim)
) WITHOUT ROWID;
CREATE INDEX revocations_subject ON revocations (subject, claim);
`;
