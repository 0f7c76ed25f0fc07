// The JSON Schema (draft 2020-12) of the vault document's optional top-level `grants` and `ledger`
// arrays, for the vault's own validation and for documentation. The TS types Grant and LedgerEntry
// describe the same shapes; checkGrants and Ledger.verify enforce them (and more: conflicts, hashes).
const instant = { type: 'string', format: 'date-time', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$' };
const level = { enum: ['owned', 'copied', 'borrowed', 'displayed'] };
const recipient = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'displayName', 'origin'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200 },
    displayName: { type: 'string', minLength: 1, maxLength: 200 },
    origin: { type: 'string', pattern: '^https?://[^/]+$' },
  },
};
const claim = { type: 'string', minLength: 1, maxLength: 256, pattern: '^(/.*|persona|nps:category|rfm:segment|feedback:(complaint|churn|sentiment|degree)|segment:[A-Za-z0-9_.-]{1,64}|band:[A-Za-z0-9_.-]{1,64})$' };

const digest = { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' };
const seq = { type: 'integer', minimum: 0, description: '0 for a first entry, else one more than its largest parent' };
const hash = { type: 'string', description: 'base64url SHA-256 of the RFC 8785 form of the entry without hash' };
const ledgerEntry = {
  type: 'object',
  additionalProperties: false,
  required: ['seq', 'type', 'at', 'recipient', 'claims', 'grantId', 'packetDigest', 'prev', 'hash'],
  // Only a packet sent (a share with its digest) may carry no claim: every granted one withheld.
  if: { properties: { type: { const: 'share' }, packetDigest: { type: 'string' } } },
  else: { properties: { claims: { type: 'array', minItems: 1 } } },
  properties: {
    seq,
    type: { enum: ['grant', 'change', 'revoke', 'share'] },
    at: instant,
    recipient,
    claims: {
      type: 'array',
      description: 'empty only for a share whose granted claims were all withheld (no value at the time)',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['claim', 'level', 'purpose', 'expiresAt'],
        properties: { claim, level, purpose: { type: 'string' }, expiresAt: { oneOf: [instant, { type: 'null' }] } },
      },
    },
    grantId: { type: ['string', 'null'] },
    packetDigest: { oneOf: [digest, { type: 'null' }] },
    prev: { type: 'string', description: "the parent entry's hash; '' for a first entry" },
    hash,
  },
};
// Joins two copies' ledgers that diverged: `prev` and `merged` are the two heads, in text order.
const mergeEntry = {
  type: 'object',
  additionalProperties: false,
  required: ['seq', 'type', 'at', 'recipient', 'claims', 'grantId', 'packetDigest', 'prev', 'merged', 'hash'],
  properties: {
    seq,
    type: { const: 'merge' },
    at: instant,
    recipient: { type: 'null' },
    claims: { type: 'array', maxItems: 0 },
    grantId: { type: 'null' },
    packetDigest: { type: 'null' },
    prev: digest,
    merged: digest,
    hash,
  },
};

/** JSON Schema fragment: `properties` to merge into the vault document's schema. */
export const sharingDocumentSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  properties: {
    grants: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'recipient', 'claim', 'level', 'purpose', 'createdAt', 'updatedAt', 'expiresAt', 'revokedAt'],
        properties: {
          id: { type: 'string', minLength: 1, maxLength: 64 },
          recipient,
          claim,
          level,
          purpose: { type: 'string', minLength: 1, maxLength: 500 },
          createdAt: instant,
          updatedAt: instant,
          expiresAt: { oneOf: [instant, { type: 'null' }] },
          revokedAt: { oneOf: [instant, { type: 'null' }] },
        },
      },
    },
    ledger: {
      type: 'array',
      items: { oneOf: [ledgerEntry, mergeEntry] },
    },
  },
} as const;
