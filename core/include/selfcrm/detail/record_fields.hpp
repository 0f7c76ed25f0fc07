#pragma once
/// @file
/// The field table of every vault record: one line per field, F(json name, member, kind, default).
/// The record structs (profile.hpp and vault/vault_document.hpp declare their members from these
/// lines), the readers and the JSON writer (records_json.cpp), the text writer
/// (document_text.cpp), the condition field schema (segments/field_schema.cpp) and
/// scripts/gen-record-types.mjs (which writes web/schema/vault.schema.json and
/// web/src/vault/record_types.ts) all loop over these lines, so adding a field is one line here
/// plus `npm run gen:records`. Public only because the structs are; no stability promise.
//
// Lines are in key order: documents are written with sorted keys, and the writers follow the
// table. So the struct members are in key order too, and the structs take no positional
// initialisers (set fields by name). The reader takes members in any order (one walk, a hash of
// the table's names: vault/json_reader.hpp). The generator parses
// this file: keep one F(...) per line, a string-literal name, a default that is a literal (an
// enumeration's default is its document name), and at most a trailing /* comment */, which
// becomes the field's documentation in the TypeScript types.
//
// Kinds (the member type: profile.hpp; what a kind means to each consumer is written in it):
//   String           optional string                 Time        required ISO-8601 instant
//   Number           optional finite number          Bool        optional true/false
//   Count            optional integer 0…2^53−1       Positive    optional integer 1…2^53−1
//   NpsScore         required integer 0…10           Network     required, non-empty network name
//   Direction        optional direction name         RequiredString  required string
//   IdentityKindName required identity kind name     NamedNetwork    forum/other only; absent otherwise
//   Identifier       required non-empty string       Normalized  the comparison key (checked if given)
//   Sha256           required SHA-256 digest: 64 lowercase hex digits
//   DecisionName     required decision name (SELFCRM_DECISION_NAMES)

#define SELFCRM_IDENTITY_FIELDS(F)               \
  F("addedAt", addedAt, Time, 0)                 \
  F("kind", kind, IdentityKindName, "email")     \
  F("network", network, NamedNetwork, "")        /* which forum or network */ \
  F("normalized", normalized, Normalized, "")    /* the comparison key (the vault's normalisation rules) */ \
  F("primary", primary, Bool, false)             \
  F("value", value, Identifier, "")              /* as the customer entered it */ \
  F("verified", verified, Bool, false)

#define SELFCRM_TRANSACTION_FIELDS(F)  \
  F("amount", amount, Number, 0)       /* revenue, in `currency` */ \
  F("at", at, Time, 0)                 \
  F("category", category, String, "")  \
  F("currency", currency, String, "")  \
  F("id", id, String, "")              \
  F("margin", margin, Number, 0)       /* contribution margin, in `currency` */

#define SELFCRM_INTERACTION_FIELDS(F)                           \
  F("at", at, Time, 0)                                          \
  F("channel", channel, String, "")                             /* "email", "twitter", "forum", "phone", "chat", … */ \
  F("direction", direction, Direction, "customer-to-business")  \
  F("id", id, String, "")                                       \
  F("isPublic", isPublic, Bool, false)                          \
  F("participants", participants, Positive, 2)                  /* people in the conversation, the customer included */ \
  F("replyExpected", replyExpected, Bool, false)                \
  F("replyReceived", replyReceived, Bool, false)                \
  F("text", text, String, "")                                   \
  F("threadId", threadId, String, "")                           /* "" when not part of a thread */

#define SELFCRM_SURVEY_FIELDS(F)                                     \
  F("at", at, Time, 0)                                               \
  F("id", id, String, "")                                            \
  F("score", score, NpsScore, 0)                                     /* NPS answer, 0–10 */ \
  F("statedIntentToRecommend", statedIntentToRecommend, Bool, false)

#define SELFCRM_REFERRAL_FIELDS(F)                        \
  F("at", at, Time, 0)                                    \
  F("converted", converted, Bool, false)                  \
  F("id", id, String, "")                                 \
  F("referredCustomerId", referredCustomerId, String, "") \
  F("value", value, Number, 0)                           /* margin the referred customer brought (or is expected to) */

#define SELFCRM_REACH_FIELDS(F)           \
  F("at", at, Time, 0)                    /* when these counts were observed */ \
  F("followers", followers, Count, 0)     \
  F("mentions", mentions, Count, 0)       /* mentions of this person received */ \
  F("network", network, Network, "")      \
  F("posts", posts, Count, 0)             \
  F("reshares", reshares, Count, 0)       /* reshares/retweets of this person's posts received */

#define SELFCRM_JOURNAL_FIELDS(F)       \
  F("at", at, Time, 0)                  \
  F("detail", detail, String, "")       /* a short human sentence */ \
  F("op", op, RequiredString, "")       /* e.g. "identity.add", "attribute.set", "history.import", "vault.merge" */ \
  F("target", target, String, "")       /* what changed, e.g. "email:ann@example.com", "personal/name" */

#define SELFCRM_PROVENANCE_FIELDS(F)        \
  F("file", file, String, "")               /* the file's name as the customer picked it */ \
  F("importedAt", importedAt, Time, 0)      /* when the vault first took the item from this source */ \
  F("item", item, RequiredString, "")       /* what it fed, as journal targets name it: "email:ann@example.com", "personal/name" */ \
  F("path", path, String, "")               /* where inside the file: "line 12", "$.email", "contacts.csv line 4" */ \
  F("sha256", sha256, Sha256, "")           /* the file's SHA-256 */ \
  F("source", source, RequiredString, "")   /* the reader that took it: "vcard", "jcard", "oidc" */

// The customer's answer about two identities (identity_match.hpp), one per pair: a, b are
// labels with a < b; decision is one of SELFCRM_DECISION_NAMES.
#define SELFCRM_IDENTITY_DECISION_FIELDS(F)  \
  F("a", a, Identifier, "")                  /* identity label, "email:ann@example.com" */ \
  F("at", at, Time, 0)                       /* when the customer decided */ \
  F("b", b, Identifier, "")                  /* the other identity's label, after a */ \
  F("decision", decision, DecisionName, "")

/// The records: R(C++ type, schema definition name, TypeScript name, field table).
#define SELFCRM_RECORD_TABLES(R)                                       \
  R(Identity, "identity", Identity, SELFCRM_IDENTITY_FIELDS)           \
  R(Transaction, "transaction", Transaction, SELFCRM_TRANSACTION_FIELDS) \
  R(Interaction, "interaction", Interaction, SELFCRM_INTERACTION_FIELDS) \
  R(SurveyAnswer, "survey", SurveyAnswer, SELFCRM_SURVEY_FIELDS)       \
  R(Referral, "referral", Referral, SELFCRM_REFERRAL_FIELDS)           \
  R(SocialReach, "reach", SocialReach, SELFCRM_REACH_FIELDS)           \
  R(JournalEntry, "journalEntry", JournalEntry, SELFCRM_JOURNAL_FIELDS) \
  R(ProvenanceEntry, "provenanceEntry", ProvenanceEntry, SELFCRM_PROVENANCE_FIELDS) \
  R(IdentityDecisionEntry, "identityDecision", IdentityDecisionEntry, SELFCRM_IDENTITY_DECISION_FIELDS)

/// Enumerations as they are spelled in documents: E(C++ enumerator, name), in enumerator order.
#define SELFCRM_IDENTITY_KIND_NAMES(E) \
  E(Email, "email")                    \
  E(Phone, "phone")                    \
  E(Twitter, "twitter")                \
  E(Facebook, "facebook")              \
  E(Linkedin, "linkedin")              \
  E(Instagram, "instagram")            \
  E(Forum, "forum")                    \
  E(Other, "other")

#define SELFCRM_DIRECTION_NAMES(E)                 \
  E(CustomerToBusiness, "customer-to-business")    \
  E(BusinessToCustomer, "business-to-customer")

namespace selfcrm::detail::kind {
struct String {};
struct Time {};
struct Number {};
struct Bool {};
struct Count {};
struct Positive {};
struct NpsScore {};
struct Network {};
struct Direction {};
struct RequiredString {};
struct IdentityKindName {};
struct NamedNetwork {};
struct Identifier {};
struct Normalized {};
struct DecisionName {};
struct Sha256 {};
}  // namespace selfcrm::detail::kind

/// "same": one person's identities; "never": never merge them, whatever matching proposes.
#define SELFCRM_DECISION_NAMES(E) \
  E(Same, "same")                 \
  E(Never, "never")
