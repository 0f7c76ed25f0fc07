#include "vault/identity_match_read.hpp"

#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/error.hpp"
#include "selfcrm/vault/normalize.hpp"

namespace selfcrm::detail {
namespace {

// Read from a tape, not a tree (the module's path; a tree of maps per record was most of this code).
// The unknown field named is the first in key order, as when the input was read into a tree.
void onlyFields(const JsonView& object, const std::string& path, std::initializer_list<const char*> allowed) {
  if (!object.isObject()) throw Error(ErrorCode::Schema, path, "expected an object");
  bool unknown = false;
  std::string_view first;
  object.forEachMember([&](std::string_view key, const JsonView&) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || key == a;
    if (!ok && (!unknown || key < first)) first = key;
    unknown = unknown || !ok;
  });
  if (unknown) throw Error(ErrorCode::Schema, pointerAppend(path, std::string(first)), "unknown field \"" + std::string(first) + "\"");
}

std::string text(const JsonView& object, const char* key, const std::string& path, bool required) {
  JsonView v = object;
  if (!object.find(key, v)) {
    if (required) throw Error(ErrorCode::Schema, pointerAppend(path, key), std::string("missing \"") + key + "\"");
    return "";
  }
  if (!v.isString()) throw Error(ErrorCode::Schema, pointerAppend(path, key), "expected a string");
  return std::string(v.string());
}

std::vector<JsonView> list(const JsonView& object, const char* key, const std::string& path) {
  std::vector<JsonView> out;
  JsonView v = object;
  if (!object.find(key, v)) return out;
  if (!v.isArray()) throw Error(ErrorCode::Schema, pointerAppend(path, key), "expected an array");
  v.forEachElement([&](std::size_t, const JsonView& element) { out.push_back(element); });
  return out;
}

}  // namespace

Identity readIdentityKey(const JsonView& v, const std::string& path) {
  onlyFields(v, path, {"kind", "value", "network"});
  Identity id;
  id.kind = identityKindFromName(text(v, "kind", path, true), pointerAppend(path, "kind"));
  id.value = text(v, "value", path, true);
  id.network = text(v, "network", path, false);
  return id;
}

Identity readIdentityKey(const nlohmann::json& value, const std::string& path) {
  JsonTape tape;
  tape.assign(value);
  return readIdentityKey(tape.root(), path);
}

MatchInput readMatchInput(const JsonView& input, bool withOwner) {
  if (withOwner) {
    onlyFields(input, "", {"owner", "records", "decisions"});
  } else {
    onlyFields(input, "", {"records", "decisions", "threshold"});
  }
  MatchInput in;
  if (withOwner) {
    const auto owner = list(input, "owner", "");
    for (std::size_t i = 0; i < owner.size(); ++i) in.owner.push_back(readIdentityKey(owner[i], "/owner/" + std::to_string(i)));
  }
  const auto records = list(input, "records", "");
  for (std::size_t r = 0; r < records.size(); ++r) {
    const std::string path = "/records/" + std::to_string(r);
    onlyFields(records[r], path, {"id", "identities", "name", "birthdate"});
    MatchRecord rec;
    rec.id = text(records[r], "id", path, true);
    rec.name = text(records[r], "name", path, false);
    rec.birthdate = text(records[r], "birthdate", path, false);
    const auto ids = list(records[r], "identities", path);
    for (std::size_t i = 0; i < ids.size(); ++i) rec.identities.push_back(readIdentityKey(ids[i], path + "/identities/" + std::to_string(i)));
    in.records.push_back(std::move(rec));
  }
  const auto decisions = list(input, "decisions", "");
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
  JsonView t = input;
  if (input.find("threshold", t)) {
    if (!t.isNumber() || t.number() < 0 || t.number() > 1) throw Error(ErrorCode::Range, "/threshold", "a threshold between 0 and 1");
    in.threshold = t.number();
  }
  return in;
}

}  // namespace selfcrm::detail
