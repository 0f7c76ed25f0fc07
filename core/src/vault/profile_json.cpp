// Profiles, attributes and history to and from JSON.
#include <cmath>

#include "selfcrm/error.hpp"
#include "selfcrm/vault/profile_json.hpp"
#include "selfcrm/vault/vault_document.hpp"
#include "vault/json_reader.hpp"

namespace selfcrm {
using detail::ObjectReader;
using nlohmann::json;

namespace {
constexpr const char* kCategoryNames[] = {"personal", "profile", "preferential", "performance"};

template <class Record, class Read>
std::vector<Record> readList(ObjectReader& r, const char* key, Read read) {
  std::vector<Record> out;
  if (!r.has(key)) {
    r.known(key);
    return out;
  }
  const json& list = r.raw(key);
  detail::requireArray(list, r.path(key));
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) out.push_back(read(list[i], pointerAppend(r.path(key), i)));
  return out;
}

template <class Record, class Write>
json writeList(const std::vector<Record>& records, Write write) {
  json out = json::array();
  for (const auto& record : records) out.push_back(write(record));
  return out;
}
}  // namespace

const char* attributeCategoryName(AttributeCategory c) noexcept { return kCategoryNames[static_cast<int>(c)]; }

AttributeCategory attributeCategoryFromName(const std::string& name, const std::string& path) {
  for (int c = 0; c < 4; ++c) {
    if (name == kCategoryNames[c]) return static_cast<AttributeCategory>(c);
  }
  throw Error(ErrorCode::Range, path, "unknown attribute category (personal, profile, preferential, performance)");
}

AttributeMap& attributeMap(Attributes& a, AttributeCategory c) {
  switch (c) {
    case AttributeCategory::Personal: return a.personal;
    case AttributeCategory::Profile: return a.profile;
    case AttributeCategory::Preferential: return a.preferential;
    default: return a.performance;
  }
}

const AttributeMap& attributeMap(const Attributes& a, AttributeCategory c) {
  return attributeMap(const_cast<Attributes&>(a), c);
}

AttributeValue attributeValueFromJson(const json& v, const std::string& pointer) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) {
    if (!std::isfinite(v.get<double>())) throw Error(ErrorCode::Range, pointer, "expected a finite number");
    return v.get<double>();
  }
  if (v.is_array()) {
    std::vector<std::string> list;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string()) throw Error(ErrorCode::Schema, pointerAppend(pointer, i), "a list attribute holds strings only");
      list.push_back(v[i].get<std::string>());
    }
    return list;
  }
  if (v.is_object()) {
    ObjectReader r(v, pointer);
    DateValue d{r.time("date")};
    r.finish();
    return d;
  }
  throw Error(ErrorCode::Schema, pointer, "an attribute is a string, number, boolean, list of strings or {\"date\": …}");
}

json attributeValueToJson(const AttributeValue& value) {
  if (const auto* d = std::get_if<DateValue>(&value)) return {{"date", formatIsoTime(d->at)}};
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* n = std::get_if<double>(&value)) return *n;
  if (const auto* b = std::get_if<bool>(&value)) return *b;
  return std::get<std::vector<std::string>>(value);
}

Attributes attributesFromJson(const json& value, const std::string& pointer) {
  ObjectReader r(value, pointer);
  Attributes out;
  for (int c = 0; c < 4; ++c) {
    const char* name = kCategoryNames[c];
    if (!r.has(name)) continue;
    const json& map = r.raw(name);
    detail::requireObject(map, r.path(name));
    AttributeMap& target = attributeMap(out, static_cast<AttributeCategory>(c));
    for (const auto& item : map.items()) {
      const std::string path = pointerAppend(r.path(name), item.key());
      if (item.key().empty()) throw Error(ErrorCode::Range, path, "an attribute needs a name");
      target.emplace(item.key(), attributeValueFromJson(item.value(), path));
    }
  }
  r.finish();
  return out;
}

json attributesToJson(const Attributes& attributes) {
  json out = json::object();
  for (int c = 0; c < 4; ++c) {
    json map = json::object();
    for (const auto& [name, value] : attributeMap(attributes, static_cast<AttributeCategory>(c))) {
      map[name] = attributeValueToJson(value);
    }
    out[kCategoryNames[c]] = std::move(map);
  }
  return out;
}

History historyFromJson(const json& value, const std::string& pointer) {
  ObjectReader r(value, pointer);
  History h;
  h.transactions = readList<Transaction>(r, "transactions", transactionFromJson);
  h.interactions = readList<Interaction>(r, "interactions", interactionFromJson);
  h.surveys = readList<SurveyAnswer>(r, "surveys", surveyAnswerFromJson);
  h.referrals = readList<Referral>(r, "referrals", referralFromJson);
  h.reach = readList<SocialReach>(r, "reach", socialReachFromJson);
  r.finish();
  return h;
}

json historyToJson(const History& h) {
  return {{"transactions", writeList(h.transactions, transactionToJson)},
          {"interactions", writeList(h.interactions, interactionToJson)},
          {"surveys", writeList(h.surveys, surveyAnswerToJson)},
          {"referrals", writeList(h.referrals, referralToJson)},
          {"reach", writeList(h.reach, socialReachToJson)}};
}

Profile profileFromJson(const json& value, const std::string& pointer) {
  return vaultDocumentFromJson(value, pointer, /*requireVersion=*/false).profile;
}

json profileToJson(const Profile& p) {
  return {{"id", p.id},
          {"identities", writeList(p.identities, identityToJson)},
          {"attributes", attributesToJson(p.attributes)},
          {"history", historyToJson(p.history)}};
}

}  // namespace selfcrm
