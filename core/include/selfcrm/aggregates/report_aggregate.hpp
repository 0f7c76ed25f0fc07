#pragma once
/// @file
/// The population report (`selfcrm report`) as a mergeable aggregate: per-profile results go in,
/// out comes either the report or a partial summary that other parts merge into. Every member is
/// exact (counts, exact value multisets for the score distributions, exact sums for their means),
/// so the report of merged parts is byte-identical to the report of one run over the same lines,
/// whatever the split, order or grouping of the merges.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "selfcrm/aggregates/partial_header.hpp"
#include "selfcrm/aggregates/value_multiset.hpp"
#include "selfcrm/scores/nps_extended.hpp"

namespace selfcrm::aggregates {

inline constexpr const char* kReportPartialFormat = "selfcrm.report.partial";
inline constexpr int kReportPartialVersion = 1;

class ReportAggregate {
 public:
  /// `header.format`/`version` are set here. For merging, rulesHash and asOf may be left empty:
  /// the first part's are taken (and every other part must match them).
  explicit ReportAggregate(PartialHeader header);

  /// Adds the result lines of the insights step (one analysed profile per line; blank lines skip).
  /// A line that is not such a result throws E_SCHEMA with "line:N" (N counted from `firstLine`).
  void addInsightsNdjson(std::string_view ndjson, std::size_t firstLine = 1);
  /// Counts input lines read (profiles, rejects and blank lines) and those that gave no profile.
  void countLines(std::uint64_t lines, std::uint64_t rejected) noexcept {
    lines_ += lines;
    rejected_ += rejected;
  }
  /// Merges one partial summary (partialText() of another aggregate). Nothing is merged when it
  /// throws: E_PARSE, E_SCHEMA, E_VERSION, or E_CONFLICT for another engine, rules or as-of.
  void mergePartial(const std::string& text);

  std::uint64_t profiles() const noexcept { return profiles_; }
  std::uint64_t rejected() const noexcept { return rejected_; }
  std::uint64_t lines() const noexcept { return lines_; }
  /// {"lines", "rejected", "profiles"}: what a merge or a run has counted so far.
  nlohmann::json totals() const;
  /// The partial summary, one line of JSON (no newline).
  std::string partialText() const;
  /// The report, one line of JSON (members in the order of the report's documentation).
  /// Throws E_EMPTY when no profile was counted (a report of nobody would read as a real one).
  std::string reportText() const;

 private:
  PartGate gate_;
  std::uint64_t lines_ = 0, profiles_ = 0, rejected_ = 0;
  scores::AdvocacyTotals advocacy_;
  std::map<std::string, ValueMultiset> scores_;
  std::map<std::string, std::uint64_t> segments_, personas_, rfmSegments_;
};

/// The score names the report summarises, in its order.
inline constexpr const char* kReportScores[] = {"clv", "crv", "influence", "engagement"};

}  // namespace selfcrm::aggregates
