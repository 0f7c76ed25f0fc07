// Merging two copies of a vault: a deterministic union, the same whichever side merges the other.
#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <optional>

#include "selfcrm/vault/normalize.hpp"
#include "selfcrm/vault/profile_json.hpp"
#include "selfcrm/vault/vault.hpp"
#include "stable_order.hpp"
#include "vault/keys.hpp"
#include "vault/record_traits.hpp"

namespace selfcrm {
using nlohmann::json;

namespace {

Identity combineIdentities(const Identity& a, const Identity& b) {
  // The value as entered comes from the earlier one (ties: the smaller text), whichever side it is on.
  const bool aFirst = std::tie(a.addedAt, a.value, a.network) <= std::tie(b.addedAt, b.value, b.network);
  Identity out = aFirst ? a : b;
  out.verified = a.verified || b.verified;
  out.primary = a.primary || b.primary;
  return out;
}

std::vector<Identity> mergeIdentities(const std::vector<Identity>& a, const std::vector<Identity>& b) {
  std::map<std::string, Identity> byKey;
  for (const auto& id : a) byKey.emplace(detail::identityKey(id), id);
  for (const auto& id : b) {
    auto [it, inserted] = byKey.emplace(detail::identityKey(id), id);
    if (!inserted) it->second = combineIdentities(it->second, id);
  }
  std::vector<Identity> out;
  for (auto& item : byKey) out.push_back(std::move(item.second));
  return out;
}

template <class R>
std::vector<R> mergeRecords(const std::vector<R>& a, const std::vector<R>& b) {
  std::map<std::string, R> byKey;
  for (const auto& r : a) byKey.emplace(detail::recordKey(r), r);
  for (const auto& r : b) {
    auto [it, inserted] = byKey.emplace(detail::recordKey(r), r);
    if (!inserted && detail::RecordTraits<R>::write(r).dump() > detail::RecordTraits<R>::write(it->second).dump()) {
      it->second = r;
    }
  }
  std::vector<R> out;
  for (auto& item : byKey) out.push_back(std::move(item.second));
  detail::stableSort(out, detail::recordBefore<R>);
  return out;
}

// When `target` ("personal/name") was last set or removed in this journal, or -inf if never.
Timestamp lastChange(const std::vector<JournalEntry>& journal, const std::string& target) {
  for (auto it = journal.rbegin(); it != journal.rend(); ++it) {
    if ((it->op == "attribute.set" || it->op == "attribute.remove") && it->target == target) return it->at;
  }
  return std::numeric_limits<Timestamp>::min();
}

Attributes mergeAttributes(const VaultDocument& a, const VaultDocument& b) {
  Attributes out;
  for (int c = 0; c < 4; ++c) {
    const auto category = static_cast<AttributeCategory>(c);
    const AttributeMap& ma = attributeMap(a.profile.attributes, category);
    const AttributeMap& mb = attributeMap(b.profile.attributes, category);
    AttributeMap& target = attributeMap(out, category);
    std::map<std::string, int> names;
    for (const auto& item : ma) names[item.first] = 0;
    for (const auto& item : mb) names[item.first] = 0;
    for (const auto& name : names) {
      const std::string path = std::string(attributeCategoryName(category)) + "/" + name.first;
      const auto ia = ma.find(name.first);
      const auto ib = mb.find(name.first);
      const Timestamp ta = lastChange(a.journal, path);
      const Timestamp tb = lastChange(b.journal, path);
      const AttributeValue* va = ia == ma.end() ? nullptr : &ia->second;
      const AttributeValue* vb = ib == mb.end() ? nullptr : &ib->second;
      const AttributeValue* winner = nullptr;
      if (ta != tb) {
        winner = ta > tb ? va : vb;
      } else if (!va || !vb) {
        winner = va ? va : vb;
      } else {
        winner = attributeValueToJson(*va).dump() >= attributeValueToJson(*vb).dump() ? va : vb;
      }
      if (winner) target.emplace(name.first, *winner);
    }
  }
  return out;
}

// One entry per key; of two, the earlier import (ties: the smaller JSON), whichever side holds it.
std::vector<ProvenanceEntry> mergeProvenance(const std::vector<ProvenanceEntry>& a, const std::vector<ProvenanceEntry>& b) {
  std::map<std::string, ProvenanceEntry> byKey;
  for (const auto& p : a) byKey.emplace(detail::provenanceKey(p), p);
  for (const auto& p : b) {
    auto [it, inserted] = byKey.emplace(detail::provenanceKey(p), p);
    if (inserted) continue;
    const ProvenanceEntry& kept = it->second;
    if (p.importedAt < kept.importedAt ||
        (p.importedAt == kept.importedAt && provenanceEntryToJson(p).dump() < provenanceEntryToJson(kept).dump())) {
      it->second = p;
    }
  }
  std::vector<ProvenanceEntry> out;
  for (auto& item : byKey) out.push_back(std::move(item.second));
  detail::stableSort(out, detail::provenanceBefore);
  return out;
}

json unionSorted(const json& a, const json& b) {
  std::vector<json> out;
  const auto byDump = [](const json& x, const json& y) { return x.dump() < y.dump(); };
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out), byDump);
  return json(out);
}

// A ledger is one device's hash chain: copies merge only when one extends the other; interleaving
// two chains would break both, so diverged ledgers are refused.
json mergeLedgers(const json& a, const json& b) {
  const json& longer = a.size() >= b.size() ? a : b;
  const json& shorter = a.size() >= b.size() ? b : a;
  for (std::size_t i = 0; i < shorter.size(); ++i) {
    if (shorter[i] != longer[i]) {
      throw Error(ErrorCode::Conflict, "/ledger/" + std::to_string(i),
                  "the two copies' disclosure ledgers have diverged; merge cannot join two hash chains");
    }
  }
  return longer;
}

// One decision per pair: the later one wins (the customer changed their mind); at the same
// second "never" wins, so a merge never joins identities the customer kept apart on any copy.
std::vector<IdentityDecisionEntry> mergeDecisions(const std::vector<IdentityDecisionEntry>& a,
                                                  const std::vector<IdentityDecisionEntry>& b) {
  std::map<std::string, IdentityDecisionEntry> byPair;
  for (const auto& d : a) byPair.emplace(detail::decisionKey(d), d);
  for (const auto& d : b) {
    auto [it, inserted] = byPair.emplace(detail::decisionKey(d), d);
    const IdentityDecisionEntry& kept = it->second;
    if (!inserted && (d.at > kept.at || (d.at == kept.at && d.decision == "never"))) it->second = d;
  }
  std::vector<IdentityDecisionEntry> out;
  for (auto& item : byPair) out.push_back(std::move(item.second));
  return out;
}

std::string contentOf(const VaultDocument& d) {
  json provenance = json::array();
  for (const auto& p : d.provenance) provenance.push_back(provenanceEntryToJson(p));
  json decisions = json::array();
  for (const auto& x : d.identityDecisions) decisions.push_back(identityDecisionToJson(x));
  return profileToJson(d.profile).dump() + d.grants.dump() + d.ledger.dump() + provenance.dump() + decisions.dump();
}

}  // namespace

void Vault::merge(const Vault& other, Timestamp now) {
  if (now < fromCivil(1000, 1, 1) || now >= fromCivil(10000, 1, 1)) {
    throw Error(ErrorCode::Range, "", "the current time is outside the years 1000–9999");
  }
  const VaultDocument& a = doc_;
  const VaultDocument& b = other.doc_;
  // Merge joins two copies of one person's vault; two vaults would mix two people's data (their
  // purchases, surveys, identities) with no way back.
  const std::string& ida = a.profile.id;
  const std::string& idb = b.profile.id;
  if (!ida.empty() && !idb.empty() && ida != idb) {
    throw Error(ErrorCode::Conflict, "/id",
                "vault \"" + idb + "\" is not a copy of vault \"" + ida + "\": merge joins copies of one vault");
  }
  VaultDocument out;
  out.profile.id = ida.empty() ? idb : ida;
  out.profile.identities = mergeIdentities(a.profile.identities, b.profile.identities);
  out.profile.attributes = mergeAttributes(a, b);
  detail::forEachRecordType([&](auto* tag) {
    using T = detail::RecordTraits<std::remove_pointer_t<decltype(tag)>>;
    T::list(out.profile.history) = mergeRecords(T::list(a.profile.history), T::list(b.profile.history));
  });
  std::set_union(a.journal.begin(), a.journal.end(), b.journal.begin(), b.journal.end(),
                 std::back_inserter(out.journal), detail::journalBefore);
  out.grants = unionSorted(a.grants, b.grants);
  out.ledger = mergeLedgers(a.ledger, b.ledger);
  out.provenance = mergeProvenance(a.provenance, b.provenance);
  out.identityDecisions = mergeDecisions(a.identityDecisions, b.identityDecisions);

  const std::string merged = contentOf(out);
  if (merged != contentOf(a) && merged != contentOf(b)) {
    std::string fa = detail::contentId(vaultDocumentToJson(a));
    std::string fb = detail::contentId(vaultDocumentToJson(b));
    if (fb < fa) std::swap(fa, fb);
    JournalEntry entry = detail::journalEntry(
        now, "vault.merge", "",
        "merged copies " + fa + " and " + fb + ": " + std::to_string(out.profile.identities.size()) + " identities");
    out.journal.insert(std::upper_bound(out.journal.begin(), out.journal.end(), entry, detail::journalBefore),
                       std::move(entry));
  }
  doc_ = std::move(out);
}

}  // namespace selfcrm
