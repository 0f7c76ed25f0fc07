// Bulk history import: one NDJSON buffer, every bad line reported, the good ones added together.
#include <algorithm>
#include <unordered_map>

#include "selfcrm/vault/vault.hpp"
#include "stable_order.hpp"
#include "tape_records.hpp"
#include "vault/json_reader.hpp"
#include "vault/readers.hpp"
#include "vault/keys.hpp"
#include "vault/record_traits.hpp"

namespace selfcrm {
using nlohmann::json;

namespace {

// One record type's share of the import: the existing records by key plus the new ones.
template <class R>
struct Batch {
  std::unordered_map<std::string, std::size_t> known;  // key → index into `existing` or into `added` (+ offset)
  const std::vector<R>* existing = nullptr;
  std::vector<R> added;

  explicit Batch(const std::vector<R>& current) : existing(&current) {
    known.reserve(current.size());
    for (std::size_t i = 0; i < current.size(); ++i) known.emplace(detail::recordKey(current[i]), i);
  }

  const R& at(std::size_t i) const { return i < existing->size() ? (*existing)[i] : added[i - existing->size()]; }

  /// True when added, false for an identical duplicate; E_CONFLICT when the key holds other content.
  bool offer(R record) {
    const std::string key = detail::recordKey(record);
    const auto it = known.find(key);
    if (it != known.end()) {
      if (detail::sameRecord(at(it->second), record)) return false;
      throw Error(ErrorCode::Conflict, std::is_same_v<R, SocialReach> ? "/at" : "/id",
                  "another record of this type has this " +
                      std::string(std::is_same_v<R, SocialReach> ? "network and time" : "id"));
    }
    known.emplace(key, existing->size() + added.size());
    added.push_back(std::move(record));
    return true;
  }

  std::vector<R> combined() const {
    std::vector<R> out;
    out.reserve(existing->size() + added.size());
    out.insert(out.end(), existing->begin(), existing->end());
    out.insert(out.end(), added.begin(), added.end());
    detail::stableSort(out, detail::recordBefore<R>);
    return out;
  }
};

}  // namespace

ImportReport Vault::importHistory(std::string_view ndjson, std::size_t firstLine, Timestamp now) {
  if (now < fromCivil(1000, 1, 1) || now >= fromCivil(10000, 1, 1)) {
    throw Error(ErrorCode::Range, "", "the current time is outside the years 1000–9999");
  }
  const History& h = doc_.profile.history;
  Batch<Transaction> transactions(h.transactions);
  Batch<Interaction> interactions(h.interactions);
  Batch<SurveyAnswer> surveys(h.surveys);
  Batch<Referral> referrals(h.referrals);
  Batch<SocialReach> reach(h.reach);
  ImportReport report;

  report.rejected = forEachTapeRecord(ndjson, firstLine, [&](std::size_t, JsonView line) {
    const detail::Path root;
    detail::requireObject(line, root);
    JsonView type = line;
    if (!line.find("type", type)) throw Error(ErrorCode::Schema, "/type", "missing field \"type\"");
    if (!type.isString()) throw Error(ErrorCode::Schema, "/type", "expected a string");
    const std::string_view name = type.string();
    const JsonView record = line.without("type");
    bool added = false;
    if (name == "transaction") added = transactions.offer(detail::readTransaction(record, root));
    else if (name == "interaction") added = interactions.offer(detail::readInteraction(record, root));
    else if (name == "survey") added = surveys.offer(detail::readSurveyAnswer(record, root));
    else if (name == "referral") added = referrals.offer(detail::readReferral(record, root));
    else if (name == "reach") added = reach.offer(detail::readSocialReach(record, root));
    else throw Error(ErrorCode::Range, "/type", "unknown record type (transaction, interaction, survey, referral, reach)");
    (added ? report.added : report.duplicates) += 1;
  });
  if (report.added == 0) return report;

  // Build the new state completely, then swap it in: a failure above or here changes nothing.
  VaultDocument next;
  next.profile.id = doc_.profile.id;
  next.profile.identities = doc_.profile.identities;
  next.profile.attributes = doc_.profile.attributes;
  next.profile.history.transactions = transactions.combined();
  next.profile.history.interactions = interactions.combined();
  next.profile.history.surveys = surveys.combined();
  next.profile.history.referrals = referrals.combined();
  next.profile.history.reach = reach.combined();
  next.journal = doc_.journal;
  next.grants = doc_.grants;
  next.ledger = doc_.ledger;
  next.provenance = doc_.provenance;
  next.identityDecisions = doc_.identityDecisions;
  JournalEntry entry = detail::journalEntry(
      now, "history.import", "",
      "imported " + std::to_string(report.added) + " records (" + std::to_string(report.duplicates) +
          " already present, " + std::to_string(report.rejected.size()) + " lines rejected)");
  next.journal.insert(std::upper_bound(next.journal.begin(), next.journal.end(), entry, detail::journalBefore),
                      std::move(entry));
  doc_ = std::move(next);
  return report;
}

}  // namespace selfcrm
