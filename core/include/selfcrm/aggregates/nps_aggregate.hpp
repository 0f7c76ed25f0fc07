#pragma once
/// @file
/// `selfcrm nps` as a mergeable aggregate: the three category counts are the whole state, so a
/// merged score is the single run's score exactly (the same counts give the same doubles).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "selfcrm/aggregates/partial_header.hpp"
#include "selfcrm/ndjson.hpp"
#include "selfcrm/nps.hpp"

namespace selfcrm::aggregates {

inline constexpr const char* kNpsPartialFormat = "selfcrm.nps.partial";
inline constexpr int kNpsPartialVersion = 1;

class NpsAggregate {
 public:
  /// Format and version are set here; nps has no rules and no as-of, so those stay "".
  explicit NpsAggregate(std::string engine);

  /// Counts every {"id","score"} line (tallyNpsNdjson's rules); returns the bad lines.
  std::vector<LineReject> addNdjson(std::string_view text, std::size_t firstLine);
  /// Counts lines read (including bad and blank ones) and rejected ones, for the totals.
  void countLines(std::uint64_t lines, std::uint64_t rejected) noexcept {
    lines_ += lines;
    rejected_ += rejected;
  }
  /// Merges one partialText(); nothing changes when it throws (E_PARSE/E_SCHEMA/E_VERSION/E_CONFLICT).
  void mergePartial(const std::string& text);

  const NpsTally& tally() const noexcept { return tally_; }
  std::uint64_t lines() const noexcept { return lines_; }
  std::uint64_t rejected() const noexcept { return rejected_; }
  /// {"lines", "rejected", "answers"}: what a merge or a run has counted so far.
  nlohmann::json totals() const;
  std::string partialText() const;
  /// {"nps",…,"ci95","rejected"}: the summary nps writes; E_EMPTY when nothing was counted.
  std::string summaryText() const;

 private:
  PartGate gate_;
  NpsTally tally_;
  std::uint64_t lines_ = 0, rejected_ = 0;
};

}  // namespace selfcrm::aggregates
