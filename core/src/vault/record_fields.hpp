#pragma once
// The field table of every vault record: one line per field, F(json name, member, kind, default).
// The readers and the JSON writer (records_json.cpp), the text writer (document_text.cpp), the
// condition field schema (segments/field_schema.cpp) and scripts/gen-record-types.mjs (which writes
// web/schema/vault.schema.json and web/src/vault/record_types.ts) all loop over these lines, so
// adding a field is one line here plus `npm run gen:records`.
//
// Lines are in key order: documents are written with sorted keys, and reading in the order the
// fields sit keeps the reader's cursor on the next member. The generator parses this file: keep
// one F(...) per line, a string-literal name, and a default that is a literal.
//
// Kinds (what a kind means to each consumer is written once in that consumer):
//   String           optional string                 Time        required ISO-8601 instant
//   Number           optional finite number          Bool        optional true/false
//   Count            optional integer 0…2^53−1       Positive    optional integer 1…2^53−1
//   NpsScore         required integer 0…10           Network     required, non-empty network name
//   Direction        optional direction name         RequiredString  required string
//   IdentityKindName required identity kind name     NamedNetwork    forum/other only; absent otherwise
//   Identifier       required non-empty string       Normalized  the comparison key (checked if given)
//   Sha256           required SHA-256 digest: 64 lowercase hex digits

#define SELFCRM_IDENTITY_FIELDS(F)               \
  F("addedAt", addedAt, Time, 0)                 \
  F("kind", kind, IdentityKindName, "")          \
  F("network", network, NamedNetwork, "")        \
  F("normalized", normalized, Normalized, "")    \
  F("primary", primary, Bool, false)             \
  F("value", value, Identifier, "")              \
  F("verified", verified, Bool, false)

#define SELFCRM_TRANSACTION_FIELDS(F)  \
  F("amount", amount, Number, 0)       \
  F("at", at, Time, 0)                 \
  F("category", category, String, "")  \
  F("currency", currency, String, "")  \
  F("id", id, String, "")              \
  F("margin", margin, Number, 0)

#define SELFCRM_INTERACTION_FIELDS(F)                           \
  F("at", at, Time, 0)                                          \
  F("channel", channel, String, "")                             \
  F("direction", direction, Direction, "customer-to-business")  \
  F("id", id, String, "")                                       \
  F("isPublic", isPublic, Bool, false)                          \
  F("participants", participants, Positive, 2)                  \
  F("replyExpected", replyExpected, Bool, false)                \
  F("replyReceived", replyReceived, Bool, false)                \
  F("text", text, String, "")                                   \
  F("threadId", threadId, String, "")

#define SELFCRM_SURVEY_FIELDS(F)                                     \
  F("at", at, Time, 0)                                               \
  F("id", id, String, "")                                            \
  F("score", score, NpsScore, 0)                                     \
  F("statedIntentToRecommend", statedIntentToRecommend, Bool, false)

#define SELFCRM_REFERRAL_FIELDS(F)                        \
  F("at", at, Time, 0)                                    \
  F("converted", converted, Bool, false)                  \
  F("id", id, String, "")                                 \
  F("referredCustomerId", referredCustomerId, String, "") \
  F("value", value, Number, 0)

#define SELFCRM_REACH_FIELDS(F)           \
  F("at", at, Time, 0)                    \
  F("followers", followers, Count, 0)     \
  F("mentions", mentions, Count, 0)       \
  F("network", network, Network, "")      \
  F("posts", posts, Count, 0)             \
  F("reshares", reshares, Count, 0)

#define SELFCRM_JOURNAL_FIELDS(F)       \
  F("at", at, Time, 0)                  \
  F("detail", detail, String, "")       \
  F("op", op, RequiredString, "")       \
  F("target", target, String, "")

#define SELFCRM_PROVENANCE_FIELDS(F)        \
  F("file", file, String, "")               \
  F("importedAt", importedAt, Time, 0)      \
  F("item", item, RequiredString, "")       \
  F("path", path, String, "")               \
  F("sha256", sha256, Sha256, "")           \
  F("source", source, RequiredString, "")

/// The records: R(C++ type, schema definition name, TypeScript name, field table).
#define SELFCRM_RECORD_TABLES(R)                                       \
  R(Identity, "identity", Identity, SELFCRM_IDENTITY_FIELDS)           \
  R(Transaction, "transaction", Transaction, SELFCRM_TRANSACTION_FIELDS) \
  R(Interaction, "interaction", Interaction, SELFCRM_INTERACTION_FIELDS) \
  R(SurveyAnswer, "survey", SurveyAnswer, SELFCRM_SURVEY_FIELDS)       \
  R(Referral, "referral", Referral, SELFCRM_REFERRAL_FIELDS)           \
  R(SocialReach, "reach", SocialReach, SELFCRM_REACH_FIELDS)           \
  R(JournalEntry, "journalEntry", JournalEntry, SELFCRM_JOURNAL_FIELDS) \
  R(ProvenanceEntry, "provenanceEntry", ProvenanceEntry, SELFCRM_PROVENANCE_FIELDS)

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

#include "selfcrm/profile.hpp"
#include "selfcrm/vault/vault_document.hpp"

namespace selfcrm::detail {
#define SELFCRM_DIRECTION_NAME(enumerator, name) name,
inline constexpr const char* kDirectionNames[] = {SELFCRM_DIRECTION_NAMES(SELFCRM_DIRECTION_NAME)};
#undef SELFCRM_DIRECTION_NAME
constexpr const char* directionName(Direction d) { return kDirectionNames[static_cast<int>(d)]; }
}  // namespace selfcrm::detail

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
struct Sha256 {};
}  // namespace selfcrm::detail::kind
