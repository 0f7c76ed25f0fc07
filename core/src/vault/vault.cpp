// Vault operations on identities, attributes and single records.
#include "selfcrm/vault/vault.hpp"

#include <algorithm>
#include <tuple>
#include <type_traits>

#include "selfcrm/error.hpp"
#include "selfcrm/vault/normalize.hpp"
#include "selfcrm/vault/profile_json.hpp"
#include "stable_order.hpp"
#include "vault/json_reader.hpp"
#include "vault/keys.hpp"
#include "vault/record_traits.hpp"

namespace selfcrm {
using nlohmann::json;

namespace {

// Journal times are written as ISO-8601, which readers accept for years 1000–9999 only.
void requireNow(Timestamp now) {
  if (now < fromCivil(1000, 1, 1) || now >= fromCivil(10000, 1, 1)) {
    throw Error(ErrorCode::Range, "", "the current time is outside the years 1000–9999");
  }
}

bool identityBefore(const Identity& a, const Identity& b) { return detail::identityKey(a) < detail::identityKey(b); }

// The identity named by {kind, value, network?}: its position, or E_NOT_FOUND.
std::size_t findIdentity(const std::vector<Identity>& ids, const Identity& probe) {
  const std::string wanted = detail::identityKey(probe);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (detail::identityKey(ids[i]) == wanted) return i;
  }
  throw Error(ErrorCode::NotFound, "/value", "no identity " + detail::identityLabel(probe) + " in this vault");
}

// Reads {kind, value, network?} (plus whatever `extra` fields the caller allows) as an identity.
Identity readIdentityKey(const json& key, std::initializer_list<const char*> extra) {
  detail::requireObject(key, "");
  json probe = json::object();
  for (const char* field : {"kind", "value", "network"}) {
    if (key.contains(field)) probe[field] = key[field];
  }
  for (const auto& item : key.items()) {
    bool allowed = item.key() == "kind" || item.key() == "value" || item.key() == "network";
    for (const char* e : extra) allowed = allowed || item.key() == e;
    if (!allowed) throw Error(ErrorCode::Schema, pointerAppend("", item.key()), "unknown field \"" + item.key() + "\"");
  }
  probe["addedAt"] = "2000-01-01";
  return identityFromJson(probe, "");
}

}  // namespace

void to_json(json& out, const ImportReport& r) {
  out = {{"added", r.added}, {"duplicates", r.duplicates}, {"rejected", r.rejected}};
}

Vault::Vault(std::string id) { doc_.profile.id = std::move(id); }

Vault Vault::fromJson(const json& document) {
  Vault v;
  v.doc_ = vaultDocumentFromJson(document);
  canonicalize(v.doc_);
  return v;
}

Vault Vault::fromText(std::string_view text) {
  Vault v;
  v.doc_ = vaultDocumentFromText(text);
  canonicalize(v.doc_);
  return v;
}

json Vault::toJson() const { return vaultDocumentToJson(doc_); }

void Vault::journal(Timestamp now, std::string op, std::string target, std::string detail) {
  JournalEntry entry = detail::journalEntry(now, std::move(op), std::move(target), std::move(detail));
  auto& j = doc_.journal;
  j.insert(std::upper_bound(j.begin(), j.end(), entry, detail::journalBefore), std::move(entry));
}

bool Vault::addIdentity(const json& identity, Timestamp now) {
  requireNow(now);
  detail::requireObject(identity, "");
  json withTime = identity;
  if (!withTime.contains("addedAt")) withTime["addedAt"] = formatIsoTime(now);
  Identity id = identityFromJson(withTime, "");
  auto& ids = doc_.profile.identities;
  const std::string key = detail::identityKey(id);
  doc_.journal.reserve(doc_.journal.size() + 1);
  for (auto& existing : ids) {
    if (detail::identityKey(existing) != key) continue;
    Identity merged = existing;
    merged.verified = merged.verified || id.verified;
    merged.primary = merged.primary || id.primary;
    merged.addedAt = std::min(merged.addedAt, id.addedAt);
    std::string label = detail::identityLabel(merged);
    journal(now, "identity.merge", label, "\"" + id.value + "\" is the same identifier as \"" + existing.value + "\"");
    existing = std::move(merged);
    return true;
  }
  std::string label = detail::identityLabel(id);
  const auto at = std::upper_bound(ids.begin(), ids.end(), id, identityBefore);
  ids.insert(at, id);
  journal(now, "identity.add", label, "added \"" + id.value + "\"");
  return false;
}

void Vault::updateIdentity(const json& patch, Timestamp now) {
  requireNow(now);
  const Identity probe = readIdentityKey(patch, {"verified", "primary"});
  for (const char* flag : {"verified", "primary"}) {
    if (patch.contains(flag) && !patch[flag].is_boolean()) {
      throw Error(ErrorCode::Schema, pointerAppend("", flag), "expected true or false");
    }
  }
  auto& ids = doc_.profile.identities;
  Identity& target = ids[findIdentity(ids, probe)];
  Identity updated = target;
  updated.verified = patch.value("verified", target.verified);
  updated.primary = patch.value("primary", target.primary);
  std::string detail = std::string("verified ") + (updated.verified ? "yes" : "no") + ", primary " +
                       (updated.primary ? "yes" : "no");
  doc_.journal.reserve(doc_.journal.size() + 1);
  std::string label = detail::identityLabel(updated);
  target = std::move(updated);
  journal(now, "identity.update", std::move(label), std::move(detail));
}

void Vault::removeIdentity(const json& key, Timestamp now) {
  requireNow(now);
  const Identity probe = readIdentityKey(key, {});
  auto& ids = doc_.profile.identities;
  const std::size_t i = findIdentity(ids, probe);
  doc_.journal.reserve(doc_.journal.size() + 1);
  std::string label = detail::identityLabel(ids[i]);
  std::string detail = "removed \"" + ids[i].value + "\"";
  ids.erase(ids.begin() + static_cast<std::ptrdiff_t>(i));
  journal(now, "identity.remove", std::move(label), std::move(detail));
}

void Vault::setAttribute(const std::string& category, const std::string& name, const json& value, Timestamp now) {
  requireNow(now);
  AttributeMap& map = attributeMap(doc_.profile.attributes, attributeCategoryFromName(category, "/category"));
  if (name.empty()) throw Error(ErrorCode::Range, "/name", "an attribute needs a name");
  AttributeValue parsed = attributeValueFromJson(value, "/value");
  std::string detail = "set to " + attributeValueToJson(parsed).dump();
  doc_.journal.reserve(doc_.journal.size() + 1);
  auto [it, inserted] = map.try_emplace(name, parsed);
  if (!inserted) it->second = std::move(parsed);
  journal(now, "attribute.set", category + "/" + name, std::move(detail));
}

void Vault::removeAttribute(const std::string& category, const std::string& name, Timestamp now) {
  requireNow(now);
  AttributeMap& map = attributeMap(doc_.profile.attributes, attributeCategoryFromName(category, "/category"));
  const auto it = map.find(name);
  if (it == map.end()) throw Error(ErrorCode::NotFound, "/name", "no " + category + " attribute \"" + name + "\"");
  doc_.journal.reserve(doc_.journal.size() + 1);
  std::string target = category + "/" + name;
  map.erase(it);
  journal(now, "attribute.remove", std::move(target), "removed");
}

bool Vault::addRecord(const std::string& type, const json& record, Timestamp now) {
  requireNow(now);
  bool known = false;
  bool added = false;
  detail::forEachRecordType([&](auto* tag) {
    using R = std::remove_pointer_t<decltype(tag)>;
    using T = detail::RecordTraits<R>;
    if (known || type != T::name) return;
    known = true;
    R parsed = T::read(record, "");
    auto& list = T::list(doc_.profile.history);
    const std::string key = detail::recordKey(parsed);
    for (const auto& existing : list) {
      if (detail::recordKey(existing) != key) continue;
      if (detail::sameRecord(existing, parsed)) return;
      throw Error(ErrorCode::Conflict, std::is_same_v<R, SocialReach> ? "/at" : "/id",
                  std::string("another ") + T::name + " has this " + (std::is_same_v<R, SocialReach> ? "network and time" : "id"));
    }
    doc_.journal.reserve(doc_.journal.size() + 1);
    list.insert(std::upper_bound(list.begin(), list.end(), parsed, detail::recordBefore<R>), parsed);
    journal(now, std::string(T::name) + ".add", key, "added at " + formatIsoTime(parsed.at));
    added = true;
  });
  if (!known) throw Error(ErrorCode::Range, "/type", "unknown record type (transaction, interaction, survey, referral, reach)");
  return added;
}

namespace {

// Grants in the order of their JSON text, the ledger (a hash chain: its order is its sequence
// numbers, never its content) by sequence number first. Each key is written once per document.
struct DocumentKey {
  bool unnumbered;
  double seq;
  std::string text;
  bool operator<(const DocumentKey& o) const { return std::tie(unnumbered, seq, text) < std::tie(o.unnumbered, o.seq, o.text); }
};

void sortDocuments(json& list, bool bySeq) {
  auto& items = list.get_ref<json::array_t&>();
  std::vector<DocumentKey> keys;
  keys.reserve(items.size());
  for (const json& d : items) {
    const auto seq = d.find("seq");
    const bool numbered = bySeq && seq != d.end() && seq->is_number();
    keys.push_back({!numbered, numbered ? seq->get<double>() : 0.0, d.dump()});
  }
  const detail::IndexLess byKey = [](const void* c, std::size_t a, std::size_t b) {
    const auto& k = *static_cast<const std::vector<DocumentKey>*>(c);
    return k[a] < k[b];
  };
  detail::applyOrder(items, detail::stableOrder(keys.size(), byKey, &keys));
}

}  // namespace

void canonicalize(VaultDocument& doc) {
  detail::stableSort(doc.profile.identities, identityBefore);
  detail::forEachRecordType([&](auto* tag) {
    using R = std::remove_pointer_t<decltype(tag)>;
    detail::stableSort(detail::RecordTraits<R>::list(doc.profile.history), detail::recordBefore<R>);
  });
  detail::stableSort(doc.journal, detail::journalBefore);
  detail::stableSort(doc.provenance, detail::provenanceBefore);
  detail::stableSort(doc.identityDecisions, detail::decisionBefore);
  sortDocuments(doc.grants, false);
  sortDocuments(doc.ledger, true);
}

}  // namespace selfcrm
