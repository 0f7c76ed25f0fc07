// History records, identities and journal entries to and from JSON, by their field tables
// (selfcrm/detail/record_fields.hpp): how each kind of field is read and written is stated once here.
#include <type_traits>

#include "json_object.hpp"
#include "selfcrm/error.hpp"
#include "selfcrm/vault/normalize.hpp"
#include "selfcrm/vault/profile_json.hpp"
#include "selfcrm/vault/vault_document.hpp"
#include "vault/json_reader.hpp"
#include "vault/keys.hpp"
#include "vault/readers.hpp"
#include "vault/record_fields.hpp"

namespace selfcrm {
using detail::kMaxSafeInteger;
using detail::ObjectReader;
using detail::Path;
using nlohmann::json;
namespace kind = detail::kind;

namespace {

// Reading one field of each kind.
void readField(ObjectReader& r, std::string_view key, std::string& out, kind::String, const char* fallback) {
  out = r.string(key, false, fallback);
}
void readField(ObjectReader& r, std::string_view key, std::string& out, kind::RequiredString, const char*) {
  out = r.string(key, true);
}
void readField(ObjectReader& r, std::string_view key, Timestamp& out, kind::Time, int) { out = r.time(key); }
void readField(ObjectReader& r, std::string_view key, double& out, kind::Number, double fallback) {
  out = r.number(key, fallback);
}
void readField(ObjectReader& r, std::string_view key, bool& out, kind::Bool, bool fallback) {
  out = r.boolean(key, fallback);
}
void readField(ObjectReader& r, std::string_view key, std::int64_t& out, kind::Count, std::int64_t fallback) {
  out = r.integer(key, fallback, 0, kMaxSafeInteger);
}
void readField(ObjectReader& r, std::string_view key, std::int64_t& out, kind::Positive, std::int64_t fallback) {
  out = r.integer(key, fallback, 1, kMaxSafeInteger);
}
void readField(ObjectReader& r, std::string_view key, int& out, kind::NpsScore, int fallback) {
  r.raw(key);  // required
  out = static_cast<int>(r.integer(key, fallback, 0, 10));
}
void readField(ObjectReader& r, std::string_view key, IdentityKind& out, kind::IdentityKindName, const char*) {
  out = identityKindFromName(r.text(key, true), r.path(key));
}
void readField(ObjectReader& r, std::string_view key, std::string& out, kind::Identifier, const char*) {
  out = r.string(key, true);
}
// Both checked against the other fields once all are read (readIdentity).
void readField(ObjectReader& r, std::string_view key, std::string& out, kind::NamedNetwork, const char* fallback) {
  out = r.string(key, false, fallback);
}
void readField(ObjectReader& r, std::string_view key, std::string& out, kind::Normalized, const char* fallback) {
  out = r.string(key, false, fallback);
}
void readField(ObjectReader& r, std::string_view key, std::string& out, kind::Network, const char*) {
  out = r.string(key, true);
  if (normalizeNetwork(out).empty()) throw Error(ErrorCode::Range, r.path(key), "an empty network name");
}
void readField(ObjectReader& r, std::string_view key, std::string& out, kind::DecisionName, const char*) {
  out = r.string(key, true);
  if (out != "same" && out != "never") throw Error(ErrorCode::Range, r.path(key), "a decision is \"same\" or \"never\"");
}
void readField(ObjectReader& r, std::string_view key, std::string& out, kind::Sha256, const char*) {
  out = r.string(key, true);
  const bool hex = out.size() == 64 && out.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!hex) throw Error(ErrorCode::Range, r.path(key), "expected a SHA-256 digest: 64 lowercase hex digits");
}
#define SELFCRM_DIRECTION_CASE(enumerator, name) \
  if (text == name) return void(out = Direction::enumerator);
void readField(ObjectReader& r, std::string_view key, Direction& out, kind::Direction, const char* fallback) {
  const std::string_view text = r.text(key, false, fallback);
  SELFCRM_DIRECTION_NAMES(SELFCRM_DIRECTION_CASE)
  throw Error(ErrorCode::Range, r.path(key),
              std::string("expected ") + detail::kDirectionNames[0] + " or " + detail::kDirectionNames[1]);
}
#undef SELFCRM_DIRECTION_CASE


// Writing one field of each kind.
template <class Value, class Kind>
void writeField(JsonObject& o, const char* key, const Value& value, Kind) {
  o.add(key, value);
}
void writeField(JsonObject& o, const char* key, Timestamp value, kind::Time) { o.add(key, formatIsoTime(value)); }
void writeField(JsonObject& o, const char* key, Direction value, kind::Direction) { o.add(key, detail::directionName(value)); }
void writeField(JsonObject& o, const char* key, IdentityKind value, kind::IdentityKindName) {
  o.add(key, identityKindName(value));
}
void writeField(JsonObject& o, const char* key, const std::string& value, kind::NamedNetwork) {
  if (!value.empty()) o.add(key, value);
}

/// The writer of one record type, from its table.
#define SELFCRM_WRITE_FIELD(name, member, Kind, fallback) writeField(o, name, record.member, kind::Kind{});
// Not inlined: ensureId and the public writer share one copy per type (the download's size).
#define SELFCRM_RECORD_WRITER(Type, label, tsName, FIELDS) \
  [[gnu::noinline]] json writeRecord(const Type& record) { \
    JsonObject o;                                          \
    FIELDS(SELFCRM_WRITE_FIELD)                            \
    return o.take();                                       \
  }
SELFCRM_RECORD_TABLES(SELFCRM_RECORD_WRITER)
#undef SELFCRM_RECORD_WRITER
#undef SELFCRM_WRITE_FIELD

/// Reads every field of a record's table, finding them all in one walk over the members.
#define SELFCRM_FIELD_NAME(name, member, Kind, fallback) std::string_view(name),
#define SELFCRM_READ_FIELD(name, member, Kind, fallback) readField(r, name, record.member, kind::Kind{}, fallback);
#define SELFCRM_RECORD_READER(Type, label, tsName, FIELDS)              \
  void readFields(ObjectReader& r, Type& record) {                      \
    static constexpr std::string_view names[] = {FIELDS(SELFCRM_FIELD_NAME)}; \
    static constexpr detail::FieldTable table(names);                   \
    r.expect(table);                                                    \
    FIELDS(SELFCRM_READ_FIELD)                                          \
  }
SELFCRM_RECORD_TABLES(SELFCRM_RECORD_READER)
#undef SELFCRM_RECORD_READER
#undef SELFCRM_READ_FIELD
#undef SELFCRM_FIELD_NAME

/// A record without an id gets one from its canonical content, so re-importing it dedupes.
template <class Record>
void ensureId(Record& record) {
  if (!record.id.empty()) return;
  json content = writeRecord(record);
  content.erase("id");
  record.id = detail::contentId(content);
}

template <class Record>
Record readRecord(JsonView value, const Path& pointer) {
  ObjectReader r(value, pointer);
  Record record;
  readFields(r, record);
  r.finish();
  if constexpr (std::is_same_v<Record, Transaction> || std::is_same_v<Record, Interaction> ||
                std::is_same_v<Record, SurveyAnswer> || std::is_same_v<Record, Referral>) {
    ensureId(record);
  }
  return record;
}

}  // namespace

Identity detail::readIdentity(JsonView value, const Path& pointer) {
  ObjectReader r(value, pointer);
  Identity id;
  readFields(r, id);
  const bool named = id.kind == IdentityKind::Forum || id.kind == IdentityKind::Other;
  if (named && normalizeNetwork(id.network).empty()) {
    throw Error(ErrorCode::Range, r.path("network"), "a forum or other identity names its network");
  }
  if (!named && !id.network.empty()) {
    throw Error(ErrorCode::Range, r.path("network"), "only forum and other identities name a network");
  }
  const std::string given = std::move(id.normalized);
  id.normalized = normalizeIdentity(id.kind, id.value, r.path("value"));
  if (r.has("normalized") && given != id.normalized) {
    throw Error(ErrorCode::Range, r.path("normalized"), "does not match the normalised value \"" + id.normalized + "\"");
  }
  r.finish();
  return id;
}

Transaction detail::readTransaction(JsonView value, const Path& pointer) { return readRecord<Transaction>(value, pointer); }
Interaction detail::readInteraction(JsonView value, const Path& pointer) { return readRecord<Interaction>(value, pointer); }
SurveyAnswer detail::readSurveyAnswer(JsonView value, const Path& pointer) { return readRecord<SurveyAnswer>(value, pointer); }
Referral detail::readReferral(JsonView value, const Path& pointer) { return readRecord<Referral>(value, pointer); }
SocialReach detail::readSocialReach(JsonView value, const Path& pointer) { return readRecord<SocialReach>(value, pointer); }
JournalEntry detail::readJournalEntry(JsonView value, const Path& pointer) { return readRecord<JournalEntry>(value, pointer); }
ProvenanceEntry detail::readProvenanceEntry(JsonView value, const Path& pointer) { return readRecord<ProvenanceEntry>(value, pointer); }
IdentityDecisionEntry detail::readIdentityDecision(JsonView value, const Path& pointer) {
  IdentityDecisionEntry d = readRecord<IdentityDecisionEntry>(value, pointer);
  if (!(d.a < d.b)) throw Error(ErrorCode::Range, Path(pointer, "b").str(), "a decision names two different identities, a before b");
  return d;
}

json identityToJson(const Identity& id) { return writeRecord(id); }
json transactionToJson(const Transaction& t) { return writeRecord(t); }
json interactionToJson(const Interaction& i) { return writeRecord(i); }
json surveyAnswerToJson(const SurveyAnswer& s) { return writeRecord(s); }
json referralToJson(const Referral& f) { return writeRecord(f); }
json socialReachToJson(const SocialReach& s) { return writeRecord(s); }
json journalEntryToJson(const JournalEntry& e) { return writeRecord(e); }
json provenanceEntryToJson(const ProvenanceEntry& e) { return writeRecord(e); }
json identityDecisionToJson(const IdentityDecisionEntry& e) { return writeRecord(e); }

Identity identityFromJson(const json& value, const std::string& pointer) { return detail::readJson(value, pointer, detail::readIdentity); }
Transaction transactionFromJson(const json& value, const std::string& pointer) { return detail::readJson(value, pointer, detail::readTransaction); }
Interaction interactionFromJson(const json& value, const std::string& pointer) { return detail::readJson(value, pointer, detail::readInteraction); }
SurveyAnswer surveyAnswerFromJson(const json& value, const std::string& pointer) { return detail::readJson(value, pointer, detail::readSurveyAnswer); }
Referral referralFromJson(const json& value, const std::string& pointer) { return detail::readJson(value, pointer, detail::readReferral); }
SocialReach socialReachFromJson(const json& value, const std::string& pointer) { return detail::readJson(value, pointer, detail::readSocialReach); }
JournalEntry journalEntryFromJson(const json& value, const std::string& pointer) { return detail::readJson(value, pointer, detail::readJournalEntry); }
ProvenanceEntry provenanceEntryFromJson(const json& value, const std::string& pointer) { return detail::readJson(value, pointer, detail::readProvenanceEntry); }

}  // namespace selfcrm
