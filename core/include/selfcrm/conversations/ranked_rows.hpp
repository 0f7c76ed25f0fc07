#pragma once
/// @file
/// Customer rows fed in NDJSON chunks and kept ranked: the best `budget` by a score (higher
/// first, ties by subject, so the order never depends on the input's), each with its input line.
/// Shared by the conversation plan and the support queue. A subject seen twice is a reject
/// (E_CONFLICT): one customer, one entry.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "selfcrm/conversations/customer_claims.hpp"
#include "selfcrm/ndjson.hpp"

namespace selfcrm::conversations {

/// One row's entry: what ranks it and what is written for it.
struct RankedEntry {
  double score = 0;
  std::string subject;
  std::size_t line = 0;
  nlohmann::json body;  ///< the output record, without its position and line
};

class RankedRows {
 public:
  /// `entryOf(claims, entry, withBody)` gives the row's score (and its body when `withBody`: only
  /// rows that are kept pay for writing one), or false for a row that takes no place (it still
  /// counts as read). `budget`: how many entries to keep (0: all).
  using EntryOf = std::function<bool(const CustomerClaims&, RankedEntry&, bool withBody)>;
  RankedRows(EntryOf entryOf, std::size_t budget, ClaimBands bands = {});

  /// Reads one chunk of whole lines (numbered from `firstLine`); returns its bad lines.
  std::vector<LineReject> addNdjson(std::string_view text, std::size_t firstLine);

  std::size_t rows() const { return rows_; }        ///< rows read (not rejected)
  std::size_t entries() const { return entries_; }  ///< rows that took a place, kept or not
  double totalScore() const { return total_; }      ///< sum of every entry's score, kept or not
  std::size_t kept() const { return kept_.size(); }
  double keptScore() const;                         ///< sum of the kept entries' scores

  /// The kept entries, best first, as NDJSON: {<positionKey>: k, "line": n, …body}.
  std::string ndjson(const char* positionKey) const;

 private:
  EntryOf entryOf_;
  std::size_t budget_;
  ClaimBands bands_;
  std::vector<RankedEntry> kept_;  // a heap, worst on top, while a budget is set
  std::unordered_map<std::string, std::size_t> seen_;  // subject → line
  std::size_t rows_ = 0, entries_ = 0;
  double total_ = 0;
};

/// What a ranking gives at the end: the entries as NDJSON and a summary of the population.
struct RankedOutput {
  std::string ndjson;
  nlohmann::json summary;
};
/// {"ndjson", "summary"}
void to_json(nlohmann::json& out, const RankedOutput& r);

/// Better-first order: higher score, then smaller subject.
bool rankedBefore(const RankedEntry& a, const RankedEntry& b);

}  // namespace selfcrm::conversations
