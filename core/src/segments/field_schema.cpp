// Which field paths a condition may name, and the type each holds: the facts document's layout
// (profile.hpp's camelCase names, plus scores, cues and segments) and each history record's.
#include "field_schema.hpp"

#include <map>

#include "selfcrm/error.hpp"
#include "vault/record_fields.hpp"

namespace selfcrm::segments {
namespace {

using Fields = std::map<std::string, FieldType>;

namespace kind = detail::kind;
constexpr FieldType typeOf(kind::Time) { return FieldType::Time; }
constexpr FieldType typeOf(kind::Bool) { return FieldType::Bool; }
constexpr FieldType typeOf(kind::Number) { return FieldType::Number; }
constexpr FieldType typeOf(kind::Count) { return FieldType::Number; }
constexpr FieldType typeOf(kind::Positive) { return FieldType::Number; }
constexpr FieldType typeOf(kind::NpsScore) { return FieldType::Number; }
template <class Kind>
constexpr FieldType typeOf(Kind) {
  return FieldType::String;  // strings, names and enumerations
}

#define SELFCRM_FIELD_TYPE(name, member, Kind, fallback) {name, typeOf(kind::Kind{})},

const Fields& recordFields(Scope scope) {
  static const Fields transactions{SELFCRM_TRANSACTION_FIELDS(SELFCRM_FIELD_TYPE)};
  static const Fields interactions{SELFCRM_INTERACTION_FIELDS(SELFCRM_FIELD_TYPE)};
  static const Fields surveys{SELFCRM_SURVEY_FIELDS(SELFCRM_FIELD_TYPE)};
  static const Fields referrals{SELFCRM_REFERRAL_FIELDS(SELFCRM_FIELD_TYPE)};
  static const Fields reach{SELFCRM_REACH_FIELDS(SELFCRM_FIELD_TYPE)};
  switch (scope) {
    case Scope::Transactions: return transactions;
    case Scope::Interactions: return interactions;
    case Scope::Surveys: return surveys;
    case Scope::Referrals: return referrals;
    case Scope::Reach: return reach;
    case Scope::Facts: break;
  }
  static const Fields none;
  return none;
}

const Fields& identityFields() {
  static const Fields fields{SELFCRM_IDENTITY_FIELDS(SELFCRM_FIELD_TYPE)};
  return fields;
}
#undef SELFCRM_FIELD_TYPE

[[noreturn]] void unknown(const std::string& pointer, const std::string& message) {
  throw Error(ErrorCode::Schema, pointer, message);
}

FieldType factsFieldType(const std::vector<std::string>& path, const std::string& pointer,
                         const std::string& field) {
  const std::string& root = path[0];
  const std::size_t n = path.size();
  if (root == "id") {
    if (n != 1) unknown(pointer, "\"id\" has no members: " + field);
    return FieldType::String;
  }
  if (root == "identities") {
    if (n != 2) unknown(pointer, "write identities.<member>, e.g. identities.kind: " + field);
    auto it = identityFields().find(path[1]);
    if (it == identityFields().end()) unknown(pointer, "identities have no member \"" + path[1] + "\"");
    return it->second;
  }
  if (root == "attributes") {
    static const char* categories[] = {"personal", "profile", "preferential", "performance"};
    bool known = false;
    if (n >= 2) {
      for (const char* c : categories) known = known || path[1] == c;
    }
    if (!known) unknown(pointer, "attributes are personal, profile, preferential or performance: " + field);
    if (n != 3) unknown(pointer, "write attributes.<category>.<name>: " + field);
    return FieldType::Any;
  }
  if (root == "scores") {
    if (n < 2) unknown(pointer, "write scores.<score>.<member>, e.g. scores.clv.value: " + field);
    return n == 3 && path[2] == "value" ? FieldType::Number : FieldType::Any;
  }
  if (root == "cues") return FieldType::Any;
  if (root == "segments") {
    if (n != 1) unknown(pointer, "\"segments\" is a list of names and has no members: " + field);
    return FieldType::String;
  }
  if (root == "history") {
    unknown(pointer, "history is read with a history condition ({\"history\": …}), not a field: " + field);
  }
  unknown(pointer, "unknown field root \"" + root +
                       "\" (known: id, identities, attributes, scores, cues, segments)");
}

}  // namespace

bool scopeFromName(const std::string& name, Scope& out) {
  static const std::map<std::string, Scope> names{{"transactions", Scope::Transactions},
                                                  {"interactions", Scope::Interactions},
                                                  {"surveys", Scope::Surveys},
                                                  {"referrals", Scope::Referrals},
                                                  {"reach", Scope::Reach}};
  auto it = names.find(name);
  if (it == names.end()) return false;
  out = it->second;
  return true;
}

FieldType fieldType(Scope scope, const std::vector<std::string>& path, const std::string& pointer,
                    const std::string& field) {
  if (scope == Scope::Facts) return factsFieldType(path, pointer, field);
  const Fields& fields = recordFields(scope);
  auto it = path.size() == 1 ? fields.find(path[0]) : fields.end();
  if (it == fields.end()) {
    std::string known;
    for (const auto& [name, type] : fields) known += (known.empty() ? "" : ", ") + name;
    unknown(pointer, "history records here have no field \"" + field + "\" (known: " + known + ")");
  }
  return it->second;
}

}  // namespace selfcrm::segments
