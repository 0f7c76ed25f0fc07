#include "selfcrm/vault/vault_document.hpp"

#include <algorithm>
#include <set>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "selfcrm/error.hpp"
#include "selfcrm/vault/profile_json.hpp"
#include "vault/json_reader.hpp"
#include "vault/keys.hpp"
#include "vault/readers.hpp"

namespace selfcrm {
using detail::ObjectReader;
using detail::Path;
using nlohmann::json;

namespace {

json reservedList(ObjectReader& r, const char* key) {
  if (!r.has(key)) {
    r.known(key);
    return json::array();
  }
  const JsonView list = r.raw(key);
  const Path at = r.child(key);
  detail::requireArray(list, at);
  list.forEachElement([&](std::size_t i, JsonView element) { detail::requireObject(element, Path(at, i)); });
  return list.toJson();
}

template <class Record>
void requireUniqueIds(const std::vector<Record>& records, const std::string& listPath) {
  // Sorted keys rather than a std::set: a profile's lists are read tens of thousands of times a
  // second, and a set allocates a node per record.
  // Keys are views of the ids; reach records have none, so theirs are made and kept in `made`
  // (reserved up front: a view into a short string would not survive the vector moving it).
  std::vector<std::string> made;
  std::vector<std::pair<std::string_view, std::size_t>> keys;
  keys.reserve(records.size());
  if constexpr (std::is_same_v<Record, SocialReach>) made.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    if constexpr (std::is_same_v<Record, SocialReach>) {
      made.push_back(detail::recordKey(records[i]));
      keys.emplace_back(made.back(), i);
    } else {
      keys.emplace_back(records[i].id, i);
    }
  }
  std::sort(keys.begin(), keys.end());
  // The record reported is the first one in list order whose key came before it: the smallest
  // index that is not the first of its group.
  std::size_t second = records.size();
  for (std::size_t k = 1; k < keys.size(); ++k) {
    if (keys[k].first == keys[k - 1].first) second = std::min(second, keys[k].second);
  }
  if (second < records.size()) throw Error(ErrorCode::Conflict, pointerAppend(listPath, second), "a second record with the same id");
}

void requireUnique(const Profile& p, const std::string& pointer) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < p.identities.size(); ++i) {
    if (!seen.insert(detail::identityKey(p.identities[i])).second) {
      throw Error(ErrorCode::Conflict, pointerAppend(pointerAppend(pointer, "identities"), i),
                  "this identity normalises to one listed before it");
    }
  }
  const std::string h = pointerAppend(pointer, "history");
  requireUniqueIds(p.history.transactions, pointerAppend(h, "transactions"));
  requireUniqueIds(p.history.interactions, pointerAppend(h, "interactions"));
  requireUniqueIds(p.history.surveys, pointerAppend(h, "surveys"));
  requireUniqueIds(p.history.referrals, pointerAppend(h, "referrals"));
  requireUniqueIds(p.history.reach, pointerAppend(h, "reach"));
}

}  // namespace

JournalEntry detail::readJournalEntry(JsonView value, const Path& pointer) {
  ObjectReader r(value, pointer);
  JournalEntry e;
  e.at = r.time("at");
  e.op = r.string("op", true);
  e.target = r.string("target", false);
  e.detail = r.string("detail", false);
  r.finish();
  return e;
}

JournalEntry journalEntryFromJson(const json& value, const std::string& pointer) {
  return detail::readJson(value, pointer, detail::readJournalEntry);
}

json journalEntryToJson(const JournalEntry& e) {
  return {{"at", formatIsoTime(e.at)}, {"op", e.op}, {"target", e.target}, {"detail", e.detail}};
}

VaultDocument vaultDocumentFromTape(JsonView value, const std::string& pointer, bool requireVersion) {
  const Path root(pointer);
  ObjectReader r(value, root);
  if (requireVersion || r.has("schemaVersion")) {
    const JsonView v = r.raw("schemaVersion");
    if (!v.isInteger()) throw Error(ErrorCode::Schema, r.path("schemaVersion"), "expected an integer");
    const bool isUnsigned = v.type() == JsonTape::Type::Unsigned;
    if (isUnsigned ? v.unsignedInteger() > kVaultSchemaVersion : v.integer() > kVaultSchemaVersion) {
      throw Error(ErrorCode::Version, r.path("schemaVersion"),
                  "written by a newer SelfCRM (schema version " + v.dump() + "); this one reads up to " +
                      std::to_string(kVaultSchemaVersion));
    }
    if (isUnsigned ? v.unsignedInteger() < 1 : v.integer() < 1) {
      throw Error(ErrorCode::Range, r.path("schemaVersion"), "schema versions start at 1");
    }
  }
  VaultDocument doc;
  doc.profile.id = r.string("id", false);
  if (r.has("identities")) {
    const JsonView list = r.raw("identities");
    const Path at = r.child("identities");
    detail::requireArray(list, at);
    list.forEachElement([&](std::size_t i, JsonView element) {
      doc.profile.identities.push_back(detail::readIdentity(element, Path(at, i)));
    });
  } else {
    r.known("identities");
  }
  if (r.has("attributes")) doc.profile.attributes = detail::readAttributes(r.raw("attributes"), r.child("attributes"));
  if (r.has("history")) doc.profile.history = detail::readHistory(r.raw("history"), r.child("history"));
  if (r.has("journal")) {
    const JsonView list = r.raw("journal");
    const Path at = r.child("journal");
    detail::requireArray(list, at);
    list.forEachElement([&](std::size_t i, JsonView element) {
      doc.journal.push_back(detail::readJournalEntry(element, Path(at, i)));
    });
  }
  for (const char* key : {"attributes", "history", "journal"}) r.known(key);
  doc.grants = reservedList(r, "grants");
  doc.ledger = reservedList(r, "ledger");
  r.finish();
  requireUnique(doc.profile, pointer);
  return doc;
}

VaultDocument vaultDocumentFromJson(const json& value, const std::string& pointer, bool requireVersion) {
  JsonTape tape;
  tape.assign(value);
  return vaultDocumentFromTape(tape.root(), pointer, requireVersion);
}

VaultDocument vaultDocumentFromText(std::string_view text, bool requireVersion) {
  JsonTape tape;
  tape.parse(text);
  return vaultDocumentFromTape(tape.root(), "", requireVersion);
}

json vaultDocumentToJson(const VaultDocument& doc) {
  json out = profileToJson(doc.profile);
  out["schemaVersion"] = kVaultSchemaVersion;
  json journal = json::array();
  for (const auto& e : doc.journal) journal.push_back(journalEntryToJson(e));
  out["journal"] = std::move(journal);
  if (!doc.grants.empty()) out["grants"] = doc.grants;
  if (!doc.ledger.empty()) out["ledger"] = doc.ledger;
  return out;
}

}  // namespace selfcrm
