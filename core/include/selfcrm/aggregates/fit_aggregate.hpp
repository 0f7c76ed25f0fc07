#pragma once
/// @file
/// `selfcrm fit` as a mergeable aggregate. The fit reads, per customer, the summary (x, t_x, T)
/// with the mean repeat spend, the RFM figures, and the sums of amount and margin (FitInputs):
/// all exact and free of input order, so the model fitted from merged parts is byte-identical to
/// the model fitted from one run over the same lines. Two conditions: the as-of time is given (T
/// depends on it), and every customer's lines are in one part (partition by customerId); a
/// customer found in two parts is refused, found by a 64-bit hash of the id each part keeps.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "selfcrm/aggregates/exact_sum.hpp"
#include "selfcrm/aggregates/partial_header.hpp"
#include "selfcrm/aggregates/value_multiset.hpp"
#include "selfcrm/ndjson.hpp"
#include "selfcrm/scores/transaction_batch.hpp"

namespace selfcrm::aggregates {

inline constexpr const char* kFitPartialFormat = "selfcrm.fit.partial";
inline constexpr int kFitPartialVersion = 1;

class FitAggregate {
 public:
  /// `header.asOf` is the end of observation (ISO-8601), required unless merging (then the first
  /// part's); `base` gives the period and the RFM monetary kind.
  FitAggregate(PartialHeader header, scores::Model base);

  /// Summarises transaction lines (transaction_line.hpp); returns the bad lines. A customer
  /// already counted (from an earlier call or part) throws E_CONFLICT and changes nothing.
  std::vector<LineReject> addTransactions(std::string_view ndjson);
  /// Counts lines read, and lines refused before the fit saw them (too long): both only for the
  /// totals, not in the fit report (a single run's fit never sees them either).
  void countLines(std::uint64_t lines, std::uint64_t unread) noexcept {
    lines_ += lines;
    unread_ += unread;
  }
  /// Merges one partialText(); nothing changes when it throws (E_PARSE, E_SCHEMA, E_RANGE,
  /// E_VERSION, E_CONFLICT for another engine/rules/as-of or a customer already counted).
  void mergePartial(const std::string& text);

  std::uint64_t lines() const noexcept { return lines_; }
  std::uint64_t linesUsed() const noexcept { return linesUsed_; }
  /// Rejected lines: those the fit refused and those it never saw.
  std::uint64_t rejected() const noexcept { return rejected_ + unread_; }
  std::size_t customers() const noexcept { return customerHashes_.size(); }
  /// {"lines", "linesUsed", "rejected", "customers"}: what a merge or a run has counted so far.
  nlohmann::json totals() const;
  std::string partialText() const;
  /// The fitted model (fitFromInputs with `options`; its asOf and base are this aggregate's).
  /// Throws E_EMPTY when no customer was counted.
  scores::FitResult fit(scores::FitOptions options) const;

 private:
  using Key = std::tuple<double, double, double, double>;  // x, t_x, T, monetary
  struct State {
    std::uint64_t linesUsed = 0, rejected = 0;
    std::vector<std::uint64_t> customerHashes;  // sorted
    std::map<Key, std::uint64_t> summaries;
    ValueMultiset recencyDays, transactions, monetary;
    ExactSum amount, margin;
  };
  void absorb(State&& part);

  PartGate gate_;
  scores::Model base_;
  std::uint64_t lines_ = 0, unread_ = 0, linesUsed_ = 0, rejected_ = 0;
  std::vector<std::uint64_t> customerHashes_;
  std::map<Key, std::uint64_t> summaries_;
  ValueMultiset recencyDays_, transactions_, monetary_;
  ExactSum amount_, margin_;
};

/// FNV-1a, 64 bits: the customer id's fingerprint in a partial summary.
std::uint64_t customerHash(std::string_view id) noexcept;

}  // namespace selfcrm::aggregates
