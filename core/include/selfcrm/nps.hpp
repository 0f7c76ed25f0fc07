#pragma once
/// @file
/// Net Promoter Score: classification of one 0–10 answer and the population score with its
/// sampling uncertainty.

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace selfcrm {

/** @name Classification */
enum class NpsCategory { Detractor, Passive, Promoter };

/// "detractor", "passive" or "promoter".
const char* categoryName(NpsCategory category) noexcept;

/// True for an integer in [0, 10].
bool isNpsAnswer(double score) noexcept;

/// Classifies one answer: 9–10 promoter, 7–8 passive, 0–6 detractor.
/// Throws Error(E_RANGE, path) unless `score` is an integer in [0, 10].
NpsCategory classifyNps(double score, std::string_view path = "");

/** @name Population score */
/// NPS on the conventional −100…100 scale with its Wald standard error.
///
/// Each answer is a draw of X ∈ {+1 promoter, 0 passive, −1 detractor}; NPS = 100·E[X] and
/// SE = 100·sqrt((p₊ + p₋ − (p₊ − p₋)²) / n), the standard error of the difference of two
/// proportions from one multinomial sample. `ci95` is NPS ± 1.959964·SE clipped to [−100, 100];
/// it is degenerate (zero width) when every answer falls in one category.
struct NpsSummary {
  double nps = 0;
  std::size_t promoters = 0;
  std::size_t passives = 0;
  std::size_t detractors = 0;
  std::size_t n = 0;
  double standardError = 0;
  double ci95Low = 0;
  double ci95High = 0;
};

/// Counts answers one at a time (streaming); `summary()` computes the score.
class NpsTally {
 public:
  /// Classifies and counts one answer; throws like classifyNps, counting nothing on failure.
  void add(double score, std::string_view path = "");
  /// Adds another tally's counts (e.g. from another worker).
  void merge(const NpsTally& other) noexcept;
  std::size_t count() const noexcept { return promoters_ + passives_ + detractors_; }
  std::size_t promoters() const noexcept { return promoters_; }
  std::size_t passives() const noexcept { return passives_; }
  std::size_t detractors() const noexcept { return detractors_; }
  /// A tally of known counts (a partial summary read back).
  static NpsTally fromCounts(std::size_t promoters, std::size_t passives, std::size_t detractors) noexcept {
    NpsTally t;
    t.promoters_ = promoters;
    t.passives_ = passives;
    t.detractors_ = detractors;
    return t;
  }
  /// Throws Error(E_EMPTY) when no answer was counted.
  NpsSummary summary() const;

 private:
  std::size_t promoters_ = 0, passives_ = 0, detractors_ = 0;
};

/// Population NPS of `n` answers. All answers are validated before any is counted; the first bad
/// one throws E_RANGE with path "/<index>". An empty input throws E_EMPTY.
NpsSummary summarizeNps(const double* scores, std::size_t n);

void to_json(nlohmann::json& out, const NpsSummary& summary);

}  // namespace selfcrm
