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

// FNV-1a over an id's bytes: ids are short.
std::uint64_t idHash(std::string_view id) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : id) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

template <class Record>
void requireUniqueIds(const std::vector<Record>& records, const std::string& pointer, const char* list) {
  // A profile's lists are read tens of thousands of times a second: ids are sorted by hash (a
  // std::set allocates per record, and a sort of the strings spent its time comparing them, in
  // wasm through a libc call each time), and only ids with equal hashes are compared.
  // Reach records have no id: theirs are made and kept in `made`, reserved up front so the views
  // of them stay valid.
  std::vector<std::string> made;
  std::vector<std::string_view> ids;
  std::vector<std::pair<std::uint64_t, std::size_t>> keys;
  ids.reserve(records.size());
  keys.reserve(records.size());
  if constexpr (std::is_same_v<Record, SocialReach>) made.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    if constexpr (std::is_same_v<Record, SocialReach>) {
      made.push_back(detail::recordKey(records[i]));
      ids.emplace_back(made.back());
    } else {
      ids.emplace_back(records[i].id);
    }
    keys.emplace_back(idHash(ids.back()), i);
  }
  std::sort(keys.begin(), keys.end());
  // The record reported is the first one in list order whose id came before it: the smallest
  // index equal to an earlier one of its hash group (groups are in index order).
  std::size_t second = records.size();
  for (std::size_t begin = 0, end = 0; begin < keys.size(); begin = end) {
    while (end < keys.size() && keys[end].first == keys[begin].first) ++end;
    for (std::size_t b = begin + 1; b < end; ++b) {
      for (std::size_t a = begin; a < b; ++a) {
        if (ids[keys[a].second] == ids[keys[b].second]) {
          second = std::min(second, keys[b].second);
          break;
        }
      }
    }
  }
  if (second < records.size()) {
    throw Error(ErrorCode::Conflict, pointerAppend(pointerAppend(pointerAppend(pointer, "history"), list), second),
                "a second record with the same id");
  }
}

void requireUnique(const Profile& p, const std::string& pointer) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < p.identities.size(); ++i) {
    if (!seen.insert(detail::identityKey(p.identities[i])).second) {
      throw Error(ErrorCode::Conflict, pointerAppend(pointerAppend(pointer, "identities"), i),
                  "this identity normalises to one listed before it");
    }
  }
  // Paths are spelled out only for an error: each would be an allocation per list per profile.
  requireUniqueIds(p.history.transactions, pointer, "transactions");
  requireUniqueIds(p.history.interactions, pointer, "interactions");
  requireUniqueIds(p.history.surveys, pointer, "surveys");
  requireUniqueIds(p.history.referrals, pointer, "referrals");
  requireUniqueIds(p.history.reach, pointer, "reach");
}

}  // namespace

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
  if (r.has("provenance")) {
    const JsonView list = r.raw("provenance");
    const Path at = r.child("provenance");
    detail::requireArray(list, at);
    std::set<std::string> keys;
    list.forEachElement([&](std::size_t i, JsonView element) {
      doc.provenance.push_back(detail::readProvenanceEntry(element, Path(at, i)));
      if (!keys.insert(detail::provenanceKey(doc.provenance.back())).second) {
        throw Error(ErrorCode::Conflict, Path(at, i).str(), "a second provenance entry for this item, file and path");
      }
    });
  }
  if (r.has("identityDecisions")) {
    const JsonView list = r.raw("identityDecisions");
    const Path at = r.child("identityDecisions");
    detail::requireArray(list, at);
    std::set<std::string> pairs;
    list.forEachElement([&](std::size_t i, JsonView element) {
      doc.identityDecisions.push_back(detail::readIdentityDecision(element, Path(at, i)));
      if (!pairs.insert(detail::decisionKey(doc.identityDecisions.back())).second) {
        throw Error(ErrorCode::Conflict, Path(at, i).str(), "a second decision about the same two identities");
      }
    });
  }
  for (const char* key : {"attributes", "history", "journal", "provenance", "identityDecisions"}) r.known(key);
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
  if (!doc.identityDecisions.empty()) {
    json decisions = json::array();
    for (const auto& d : doc.identityDecisions) decisions.push_back(identityDecisionToJson(d));
    out["identityDecisions"] = std::move(decisions);
  }
  if (!doc.provenance.empty()) {
    json provenance = json::array();
    for (const auto& p : doc.provenance) provenance.push_back(provenanceEntryToJson(p));
    out["provenance"] = std::move(provenance);
  }
  return out;
}

}  // namespace selfcrm
