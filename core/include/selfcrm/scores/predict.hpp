#pragma once
/// @file
/// Repeat-purchase model (BG/NBD, modified BG/NBD or Pareto/NBD) and Gamma-Gamma predictions over columns of customer summaries: the batch form of
/// expectedPurchases and probabilisticClv, for callers that hold summaries as plain arrays.
#include <cstddef>

#include "selfcrm/scores/model.hpp"

namespace selfcrm::scores {

/// Doubles per summary row in: frequency, recency, age, monetary.
constexpr std::size_t kSummaryColumns = 4;
/// Doubles per prediction row out: expected purchases in `periods`, P(alive), expected spend, CLV.
constexpr std::size_t kPredictionColumns = 4;

/// Predicts `rows` customers from `summaries` (rows × kSummaryColumns) into `out`
/// (rows × kPredictionColumns). Throws E_NOT_FOUND when the model lacks its repeat model's or Gamma-Gamma
/// parameters, and the first invalid summary's error (path "/<row>"); on error nothing is written.
void predictColumns(const Model& model, const double* summaries, std::size_t rows, double periods, double* out);

}  // namespace selfcrm::scores
