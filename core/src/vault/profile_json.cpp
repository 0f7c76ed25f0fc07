// Profiles, attributes and history to and from JSON.
#include <cmath>

#include "selfcrm/error.hpp"
#include "selfcrm/vault/profile_json.hpp"
#include "selfcrm/vault/vault_document.hpp"
#include "vault/json_reader.hpp"
#include "vault/readers.hpp"

namespace selfcrm {
using detail::ObjectReader;
using detail::Path;
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
  const JsonView list = r.raw(key);
  const Path at = r.child(key);
  detail::requireArray(list, at);
  out.reserve(list.size());
  list.forEachElement([&](std::size_t i, JsonView element) { out.push_back(read(element, Path(at, i))); });
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

AttributeValue detail::readAttributeValue(JsonView v, const Path& pointer) {
  if (v.isString()) return std::string(v.string());
  if (v.isBoolean()) return v.boolean();
  if (v.isNumber()) {
    if (!std::isfinite(v.number())) throw Error(ErrorCode::Range, pointer.str(), "expected a finite number");
    return v.number();
  }
  if (v.isArray()) {
    std::vector<std::string> list;
    v.forEachElement([&](std::size_t i, JsonView element) {
      if (!element.isString()) {
        throw Error(ErrorCode::Schema, Path(pointer, i).str(), "a list attribute holds strings only");
      }
      list.emplace_back(element.string());
    });
    return list;
  }
  if (v.isObject()) {
    ObjectReader r(v, pointer);
    DateValue d{r.time("date")};
    r.finish();
    return d;
  }
  throw Error(ErrorCode::Schema, pointer.str(), "an attribute is a string, number, boolean, list of strings or {\"date\": …}");
}

AttributeValue attributeValueFromJson(const json& value, const std::string& pointer) {
  return detail::readJson(value, pointer, detail::readAttributeValue);
}

json attributeValueToJson(const AttributeValue& value) {
  if (const auto* d = std::get_if<DateValue>(&value)) return {{"date", formatIsoTime(d->at)}};
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* n = std::get_if<double>(&value)) return *n;
  if (const auto* b = std::get_if<bool>(&value)) return *b;
  return std::get<std::vector<std::string>>(value);
}

Attributes detail::readAttributes(JsonView value, const Path& pointer) {
  ObjectReader r(value, pointer);
  Attributes out;
  for (int c = 0; c < 4; ++c) {
    const char* name = kCategoryNames[c];
    if (!r.has(name)) continue;
    const JsonView map = r.raw(name);
    const Path at = r.child(name);
    detail::requireObject(map, at);
    AttributeMap& target = attributeMap(out, static_cast<AttributeCategory>(c));
    map.forEachMember([&](std::string_view key, JsonView item) {
      const Path path(at, key);
      if (key.empty()) throw Error(ErrorCode::Range, path.str(), "an attribute needs a name");
      if (!target.emplace(std::string(key), detail::readAttributeValue(item, path)).second) {
        throw Error(ErrorCode::Schema, path.str(), "a second attribute with this name");
      }
    });
  }
  r.finish();
  return out;
}

Attributes attributesFromJson(const json& value, const std::string& pointer) {
  return detail::readJson(value, pointer, detail::readAttributes);
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

History detail::readHistory(JsonView value, const Path& pointer) {
  ObjectReader r(value, pointer);
  History h;
  h.transactions = readList<Transaction>(r, "transactions", detail::readTransaction);
  h.interactions = readList<Interaction>(r, "interactions", detail::readInteraction);
  h.surveys = readList<SurveyAnswer>(r, "surveys", detail::readSurveyAnswer);
  h.referrals = readList<Referral>(r, "referrals", detail::readReferral);
  h.reach = readList<SocialReach>(r, "reach", detail::readSocialReach);
  r.finish();
  return h;
}

History historyFromJson(const json& value, const std::string& pointer) {
  return detail::readJson(value, pointer, detail::readHistory);
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
