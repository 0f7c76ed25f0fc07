#pragma once
/// @file
/// What customers shared with the company, counted over customer rows {"subject", "claims": {…}}
/// (`selfcrm report --store`): customers and claims in force, segment sizes (customers whose
/// segment:NAME is true), persona sizes (the `persona` label), and NPS from the nps:category
/// claims — a category stands for its answers, so the score and its interval are those of the
/// answers themselves.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/ndjson.hpp"

namespace selfcrm::company {

/// Sizes by name, largest first, ties by name in UTF-16 code unit order (JavaScript's string
/// order, so a report reads the same whichever side sorts).
using RankedCounts = std::vector<std::pair<std::string, std::uint64_t>>;

class SharedClaims {
 public:
  /// Counts the rows of one chunk (lines numbered from `firstLine`); returns the bad lines, which
  /// count nothing.
  std::vector<LineReject> addNdjson(std::string_view text, std::size_t firstLine);

  std::uint64_t customers() const noexcept { return customers_; }
  std::uint64_t claims() const noexcept { return claims_; }
  RankedCounts segments() const;
  RankedCounts personas() const;
  /// promoter, passive, detractor: those shared at least once.
  RankedCounts npsCategories() const;

  /// {"customers", "claims", "nps": NpsSummary or null when no category was shared,
  ///  "npsCategories", "segments", "personas": [[name, count], …] ranked}.
  nlohmann::json summary() const;

 private:
  std::uint64_t customers_ = 0, claims_ = 0;
  std::map<std::string, std::uint64_t> segments_, personas_;
  std::uint64_t nps_[3] = {0, 0, 0};  // detractors, passives, promoters
};

/// Each count's share of their sum, in order (every share 0 when the sum is 0).
std::vector<double> sharesOf(const std::vector<std::uint64_t>& counts);

/// `a` before `b` in UTF-16 code unit order (both valid UTF-8).
bool utf16Less(std::string_view a, std::string_view b) noexcept;

}  // namespace selfcrm::company
