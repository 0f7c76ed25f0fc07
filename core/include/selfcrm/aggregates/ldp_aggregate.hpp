#pragma once
/// @file
/// Local-DP estimates (`selfcrm ldp`) as a mergeable aggregate: the state is the count of
/// randomized reports per category, so merged parts give the estimate of one run exactly.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "selfcrm/aggregates/partial_header.hpp"
#include "selfcrm/ndjson.hpp"

namespace selfcrm::aggregates {

inline constexpr const char* kLdpPartialFormat = "selfcrm.ldp.partial";
inline constexpr int kLdpPartialVersion = 1;

class LdpAggregate {
 public:
  /// `header.rulesHash` names the mechanism (categories, ε, encoding), set by the caller.
  LdpAggregate(PartialHeader header, std::vector<std::string> categories);

  /// Counts every {"report": CATEGORY} line (other members are ignored); returns the bad lines:
  /// not JSON (E_PARSE), no string report (E_SCHEMA at /report), an unknown category (E_RANGE).
  std::vector<LineReject> addNdjson(std::string_view text, std::size_t firstLine);
  /// Counts lines read and lines refused before the engine saw them (too long).
  void countLines(std::uint64_t lines, std::uint64_t unread) noexcept {
    lines_ += lines;
    rejected_ += unread;
  }
  /// Merges one partialText(); nothing changes when it throws (E_CONFLICT for other categories).
  void mergePartial(const std::string& text);

  std::string partialText() const;
  /// {"lines","rejected","reports","counts":{category: n}}: what the estimate is computed from.
  nlohmann::json totals() const;

 private:
  PartGate gate_;
  std::vector<std::string> categories_;
  std::vector<std::uint64_t> counts_;
  std::uint64_t lines_ = 0, rejected_ = 0;
};

}  // namespace selfcrm::aggregates
