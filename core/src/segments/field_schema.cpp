// Which field paths a condition may name, and the type each holds: the facts document's layout
// (profile.hpp's camelCase names, plus scores, cues and segments) and each history record's.
#include "field_schema.hpp"

#include <map>

#include "selfcrm/error.hpp"
#include "selfcrm/text/cues.hpp"
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

// The members under "scores" (a score card, score_card_text.cpp) and "cues" (the feedback,
// insights/feedback.cpp), by their path below the root. Every score's "explain" is a tree of its
// own, read as it is.
const Fields& scoreFields() {
  static const Fields fields{
      {"clv", FieldType::Any}, {"clv.bgnbd", FieldType::Number}, {"clv.expectedPurchases", FieldType::Number},
      {"clv.expectedSpend", FieldType::Number}, {"clv.method", FieldType::String},
      {"clv.probabilityAlive", FieldType::Number}, {"clv.simple", FieldType::Number}, {"clv.value", FieldType::Number},
      {"crv", FieldType::Any}, {"crv.acquisitionSavedPart", FieldType::Number}, {"crv.converted", FieldType::Number},
      {"crv.marginPart", FieldType::Number}, {"crv.referrals", FieldType::Number}, {"crv.value", FieldType::Number},
      {"engagement", FieldType::Any}, {"engagement.interactions", FieldType::Number},
      {"engagement.value", FieldType::Number},
      {"influence", FieldType::Any}, {"influence.amplification", FieldType::Number},
      {"influence.engagementRate", FieldType::Number}, {"influence.reach", FieldType::Number},
      {"influence.value", FieldType::Number},
      {"nps", FieldType::Any}, {"nps.category", FieldType::String}, {"nps.referred", FieldType::Bool},
      {"nps.silentAdvocate", FieldType::Bool}, {"nps.value", FieldType::Number},
      {"rfm", FieldType::Any}, {"rfm.frequency", FieldType::Number}, {"rfm.monetary", FieldType::Number},
      {"rfm.recencyDays", FieldType::Number}, {"rfm.scores", FieldType::Any}, {"rfm.scores.f", FieldType::Number},
      {"rfm.scores.m", FieldType::Number}, {"rfm.scores.r", FieldType::Number}, {"rfm.segment", FieldType::String},
      {"rfm.value", FieldType::String}};
  return fields;
}

const Fields& cueFields() {
  static const Fields fields = [] {
    Fields f{{"sentiment", FieldType::Any}, {"sentiment.texts", FieldType::Number},
             {"sentiment.mean", FieldType::Number}, {"sentiment.trend", FieldType::Number},
             {"intents", FieldType::Any}, {"sociability", FieldType::Number},
             {"degrees", FieldType::Any}, {"degrees.interactions", FieldType::Any},
             {"degrees.sociability", FieldType::Number}};
    for (const char* side : {"customer", "business"}) {
      const std::string at = std::string("degrees.") + side;
      f.emplace(at, FieldType::Any);
      f.emplace(at + ".counts", FieldType::Any);
      f.emplace(at + ".shares", FieldType::Any);
      f.emplace(at + ".n", FieldType::Number);
    }
    for (std::uint32_t bit = 0; bit < text::kCueCount; ++bit) f.emplace(std::string("intents.") + text::cueName(bit), FieldType::Number);
    return f;
  }();
  return fields;
}

// The type of root.path[1]…, from `fields`; an unknown member is refused with the known ones.
FieldType nestedFieldType(const Fields& fields, const std::vector<std::string>& path, const std::string& pointer,
                          const std::string& field) {
  std::string below;
  for (std::size_t k = 1; k < path.size(); ++k) {
    const std::string parent = below;
    below += (k > 1 ? "." : "") + path[k];
    if (k == 2 && path[0] == "scores" && path[2] == "explain" && fields.count(path[1])) return FieldType::Any;
    if (fields.count(below)) continue;
    std::string known;
    for (const auto& [name, type] : fields) {
      const bool child = parent.empty() ? name.find('.') == std::string::npos
                                        : name.size() > parent.size() && name.compare(0, parent.size() + 1, parent + ".") == 0 &&
                                              name.find('.', parent.size() + 1) == std::string::npos;
      if (child) known += (known.empty() ? "" : ", ") + name.substr(parent.empty() ? 0 : parent.size() + 1);
    }
    if (path[0] == "scores" && k == 2) known += ", explain";
    const std::string owner = path[0] + (parent.empty() ? "" : "." + parent);
    if (known.empty()) unknown(pointer, owner + " has no members: " + field);
    unknown(pointer, owner + " has no member \"" + path[k] + "\" (known: " + known + "): " + field);
  }
  return fields.at(below);
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
    return nestedFieldType(scoreFields(), path, pointer, field);
  }
  if (root == "cues") {
    if (n < 2) unknown(pointer, "write cues.<member>, e.g. cues.intents.complaint: " + field);
    return nestedFieldType(cueFields(), path, pointer, field);
  }
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
