#include "vault/identity_match_read.hpp"

#include "selfcrm/error.hpp"
#include "selfcrm/vault/normalize.hpp"
#include "vault/json_reader.hpp"

namespace selfcrm::detail {
using nlohmann::json;

namespace {

void onlyFields(const json& object, const std::string& path, std::initializer_list<const char*> allowed) {
  requireObject(object, path);
  for (const auto& item : object.items()) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || item.key() == a;
    if (!ok) throw Error(ErrorCode::Schema, pointerAppend(path, item.key()), "unknown field \"" + item.key() + "\"");
  }
}

std::string text(const json& object, const char* key, const std::string& path, bool required) {
  if (!object.contains(key)) {
    if (required) throw Error(ErrorCode::Schema, pointerAppend(path, key), std::string("missing \"") + key + "\"");
    return "";
  }
  const json& v = object.at(key);
  if (!v.is_string()) throw Error(ErrorCode::Schema, pointerAppend(path, key), "expected a string");
  return v.get<std::string>();
}

const json& list(const json& object, const char* key, const std::string& path) {
  static const json empty = json::array();
  if (!object.contains(key)) return empty;
  const json& v = object.at(key);
  if (!v.is_array()) throw Error(ErrorCode::Schema, pointerAppend(path, key), "expected an array");
  return v;
}

}  // namespace

Identity readIdentityKey(const json& v, const std::string& path) {
  onlyFields(v, path, {"kind", "value", "network"});
  Identity id;
  id.kind = identityKindFromName(text(v, "kind", path, true), pointerAppend(path, "kind"));
  id.value = text(v, "value", path, true);
  id.network = text(v, "network", path, false);
  return id;
}

MatchInput readMatchInput(const json& input, bool withOwner) {
  if (withOwner) {
    onlyFields(input, "", {"owner", "records", "decisions"});
  } else {
    onlyFields(input, "", {"records", "decisions", "threshold"});
  }
  MatchInput in;
  if (withOwner) {
    const json& owner = list(input, "owner", "");
    for (std::size_t i = 0; i < owner.size(); ++i) in.owner.push_back(readIdentityKey(owner[i], "/owner/" + std::to_string(i)));
  }
  const json& records = list(input, "records", "");
  for (std::size_t r = 0; r < records.size(); ++r) {
    const std::string path = "/records/" + std::to_string(r);
    onlyFields(records[r], path, {"id", "identities", "name", "birthdate"});
    MatchRecord rec;
    rec.id = text(records[r], "id", path, true);
    rec.name = text(records[r], "name", path, false);
    rec.birthdate = text(records[r], "birthdate", path, false);
    const json& ids = list(records[r], "identities", path);
    for (std::size_t i = 0; i < ids.size(); ++i) rec.identities.push_back(readIdentityKey(ids[i], path + "/identities/" + std::to_string(i)));
    in.records.push_back(std::move(rec));
  }
  const json& decisions = list(input, "decisions", "");
  for (std::size_t d = 0; d < decisions.size(); ++d) {
    const std::string path = "/decisions/" + std::to_string(d);
    onlyFields(decisions[d], path, {"a", "b", "decision", "at"});
    IdentityDecision decision;
    decision.a = text(decisions[d], "a", path, true);
    decision.b = text(decisions[d], "b", path, true);
    const std::string kind = text(decisions[d], "decision", path, true);
    if (kind != "same" && kind != "never") throw Error(ErrorCode::Range, path + "/decision", "a decision is \"same\" or \"never\"");
    decision.decision = kind == "same" ? LinkDecision::Same : LinkDecision::Never;
    in.decisions.push_back(std::move(decision));
  }
  if (input.contains("threshold")) {
    const json& t = input.at("threshold");
    if (!t.is_number() || t.get<double>() < 0 || t.get<double>() > 1) throw Error(ErrorCode::Range, "/threshold", "a threshold between 0 and 1");
    in.threshold = t.get<double>();
  }
  return in;
}

}  // namespace selfcrm::detail
