#pragma once
/// @file
/// RFM: recency, frequency and monetary value scored 1–5 against the model's quintile cut points,
/// and a named segment from the grid below (first matching row wins; R and F are the 1–5 scores):
///
/// | segment             | rule                 |
/// |---------------------|----------------------|
/// | champions           | R ≥ 4 and F ≥ 4      |
/// | loyal               | R ≥ 3 and F ≥ 3      |
/// | new                 | R = 5 and F = 1      |
/// | potential loyalist  | R ≥ 4 and F ≤ 2      |
/// | needs attention     | R = 3 and F ≤ 2      |
/// | cannot lose         | R ≤ 2 and F = 5      |
/// | at risk             | R ≤ 2 and F ≥ 3      |
/// | hibernating         | R = 2 and F ≤ 2      |
/// | lost                | R = 1 and F ≤ 2      |
///
/// A profile without purchases is a "prospect" with scores 0.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/scores/customer_summary.hpp"
#include "selfcrm/scores/model.hpp"
#include "selfcrm/detail/json_text.hpp"

namespace selfcrm::scores {

struct RfmScore {
  bool hasPurchases = false;
  double recencyDays = 0;  ///< whole days from the last purchase day to asOf's day
  double frequency = 0;    ///< number of transactions
  double monetary = 0;     ///< mean or total amount (RfmSettings::monetary)
  int r = 0, f = 0, m = 0; ///< 1–5 scores (0 for a prospect)
  std::string segment;
  JsonText explain;
};

/// Score 1–5 of `value` against ascending cut points: 1 + (cut points strictly below value).
int quintileScore(double value, const Quintiles& cuts) noexcept;

/// The segment of the grid in this header for scores r, f in 1–5.
const char* rfmSegment(int r, int f) noexcept;

/// Cut points at the 20/40/60/80 % nearest ranks of `values` (sorted copy). E_EMPTY when empty.
Quintiles quintileCutPoints(std::vector<double> values);

/// RFM of one purchase history (nullopt: no purchases) as of `asOf`.
RfmScore rfmScore(const std::optional<PurchaseHistory>& history, Timestamp asOf, const RfmSettings& settings);

void to_json(nlohmann::json& out, const RfmScore& score);

}  // namespace selfcrm::scores
