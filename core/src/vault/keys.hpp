#pragma once
// What makes two identities or two records "the same one" (dedupe and merge keys), and the
// deterministic id given to a record that arrives without one.
#include <cstdint>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

#include "selfcrm/profile.hpp"
#include "selfcrm/vault/normalize.hpp"
#include "selfcrm/vault/vault_document.hpp"

namespace selfcrm::detail {

inline std::string identityKey(const Identity& id) {
  return std::string(identityKindName(id.kind)) + '\n' + normalizeNetwork(id.network) + '\n' + id.normalized;
}

/// How the journal and provenance name an identity: "email:ann@example.com", "forum/reddit:ann".
inline std::string identityLabel(const Identity& id) {
  std::string label = identityKindName(id.kind);
  if (!id.network.empty()) label += "/" + normalizeNetwork(id.network);
  return label + ":" + id.normalized;
}

template <class Record>
std::string recordKey(const Record& r) { return r.id; }

/// Reach has no id: one observation per network and instant.
inline std::string recordKey(const SocialReach& r) { return normalizeNetwork(r.network) + '\n' + std::to_string(r.at); }

inline JournalEntry journalEntry(Timestamp at, std::string op, std::string target, std::string detail) {
  JournalEntry e;
  e.at = at;
  e.op = std::move(op);
  e.target = std::move(target);
  e.detail = std::move(detail);
  return e;
}

/// Journal order: by time, then op, target and detail, so a merged journal has one order.
inline bool journalBefore(const JournalEntry& a, const JournalEntry& b) {
  if (a.at != b.at) return a.at < b.at;
  if (a.op != b.op) return a.op < b.op;
  if (a.target != b.target) return a.target < b.target;
  return a.detail < b.detail;
}

/// A provenance entry's key: the item and the place in one file (time and file name aside), so the
/// same file imported again, or by another copy of the vault, names the same entry.
inline std::string provenanceKey(const ProvenanceEntry& p) { return p.item + '\n' + p.sha256 + '\n' + p.path; }

/// Provenance order: by key; one key per document, so this is total.
inline bool provenanceBefore(const ProvenanceEntry& a, const ProvenanceEntry& b) {
  return std::tie(a.item, a.sha256, a.path) < std::tie(b.item, b.sha256, b.path);
}

/// A decision's key: its two labels (one decision per pair).
inline std::string decisionKey(const IdentityDecisionEntry& d) { return d.a + '\n' + d.b; }
inline bool decisionBefore(const IdentityDecisionEntry& x, const IdentityDecisionEntry& y) {
  return std::tie(x.a, x.b) < std::tie(y.a, y.b);
}

/// "h" + 16 hex digits of the 64-bit FNV-1a hash of the record's compact JSON (without "id"):
/// the same content always gets the same id, on every platform.
inline std::string contentId(const nlohmann::json& recordWithoutId) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : recordWithoutId.dump()) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  static const char* hex = "0123456789abcdef";
  std::string out = "h";
  for (int shift = 60; shift >= 0; shift -= 4) out += hex[(h >> shift) & 0xF];
  return out;
}

}  // namespace selfcrm::detail
