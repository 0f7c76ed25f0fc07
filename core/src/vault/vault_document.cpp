#include "selfcrm/vault/vault_document.hpp"

#include <set>
#include <tuple>

#include "selfcrm/error.hpp"
#include "selfcrm/vault/profile_json.hpp"
#include "vault/json_reader.hpp"
#include "vault/keys.hpp"

namespace selfcrm {
using detail::ObjectReader;
using nlohmann::json;

namespace {

json reservedList(ObjectReader& r, const char* key) {
  if (!r.has(key)) {
    r.known(key);
    return json::array();
  }
  const json& list = r.raw(key);
  detail::requireArray(list, r.path(key));
  for (std::size_t i = 0; i < list.size(); ++i) detail::requireObject(list[i], pointerAppend(r.path(key), i));
  return list;
}

template <class Record>
void requireUniqueIds(const std::vector<Record>& records, const std::string& listPath) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!seen.insert(detail::recordKey(records[i])).second) {
      throw Error(ErrorCode::Conflict, pointerAppend(listPath, i), "a second record with the same id");
    }
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
  const std::string h = pointerAppend(pointer, "history");
  requireUniqueIds(p.history.transactions, pointerAppend(h, "transactions"));
  requireUniqueIds(p.history.interactions, pointerAppend(h, "interactions"));
  requireUniqueIds(p.history.surveys, pointerAppend(h, "surveys"));
  requireUniqueIds(p.history.referrals, pointerAppend(h, "referrals"));
  requireUniqueIds(p.history.reach, pointerAppend(h, "reach"));
}

}  // namespace

JournalEntry journalEntryFromJson(const json& value, const std::string& pointer) {
  ObjectReader r(value, pointer);
  JournalEntry e;
  e.at = r.time("at");
  e.op = r.string("op", true);
  e.target = r.string("target", false);
  e.detail = r.string("detail", false);
  r.finish();
  return e;
}

json journalEntryToJson(const JournalEntry& e) {
  return {{"at", formatIsoTime(e.at)}, {"op", e.op}, {"target", e.target}, {"detail", e.detail}};
}

VaultDocument vaultDocumentFromJson(const json& value, const std::string& pointer, bool requireVersion) {
  ObjectReader r(value, pointer);
  if (requireVersion || r.has("schemaVersion")) {
    const json& v = r.raw("schemaVersion");
    if (!v.is_number_integer()) throw Error(ErrorCode::Schema, r.path("schemaVersion"), "expected an integer");
    if (v.get<std::int64_t>() > kVaultSchemaVersion) {
      throw Error(ErrorCode::Version, r.path("schemaVersion"),
                  "written by a newer SelfCRM (schema version " + v.dump() + "); this one reads up to " +
                      std::to_string(kVaultSchemaVersion));
    }
    if (v.get<std::int64_t>() < 1) throw Error(ErrorCode::Range, r.path("schemaVersion"), "schema versions start at 1");
  }
  VaultDocument doc;
  doc.profile.id = r.string("id", false);
  if (r.has("identities")) {
    const json& list = r.raw("identities");
    detail::requireArray(list, r.path("identities"));
    for (std::size_t i = 0; i < list.size(); ++i) {
      doc.profile.identities.push_back(identityFromJson(list[i], pointerAppend(r.path("identities"), i)));
    }
  } else {
    r.known("identities");
  }
  if (r.has("attributes")) doc.profile.attributes = attributesFromJson(r.raw("attributes"), r.path("attributes"));
  if (r.has("history")) doc.profile.history = historyFromJson(r.raw("history"), r.path("history"));
  if (r.has("journal")) {
    const json& list = r.raw("journal");
    detail::requireArray(list, r.path("journal"));
    for (std::size_t i = 0; i < list.size(); ++i) {
      doc.journal.push_back(journalEntryFromJson(list[i], pointerAppend(r.path("journal"), i)));
    }
  }
  for (const char* key : {"attributes", "history", "journal"}) r.known(key);
  doc.grants = reservedList(r, "grants");
  doc.ledger = reservedList(r, "ledger");
  r.finish();
  requireUnique(doc.profile, pointer);
  return doc;
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
