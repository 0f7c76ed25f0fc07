#pragma once
/// @file
/// Choosing a repeat-purchase model: every model fitted on the same summaries and compared by
/// log-likelihood and AIC, and, given a holdout date, by how well each predicts the purchases
/// made after it (fitted on the calibration period before it).

#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/scores/customer_summary.hpp"
#include "selfcrm/scores/repeat_model.hpp"
#include "selfcrm/time.hpp"

namespace selfcrm::scores {

/// Calibration summaries as of `from` and each calibration customer's repeat purchase days in
/// (from, asOf] (same-day purchases count once, as in the summaries).
struct HoldoutSplit {
  Timestamp from = 0, asOf = 0;
  double periods = 0;                        ///< holdout length in model periods
  std::vector<CustomerSummary> calibration;  ///< customers whose first purchase is at or before `from`
  std::vector<double> actual;                ///< purchase days in the holdout, per calibration customer
};

/// Reads the NDJSON transactions again (lines that do not parse are skipped: the fit reports them).
/// Throws E_RANGE at "/holdoutFrom" unless from < asOf and some customer bought before `from`.
HoldoutSplit splitHoldout(std::string_view ndjson, Timestamp from, Timestamp asOf, double periodDays);

/// One model's row of the comparison.
struct ModelComparisonRow {
  RepeatModel model = RepeatModel::BgNbd;
  std::optional<MlFit> fit;        ///< absent when the fit failed (`error` says why)
  std::string error;
  /// With a holdout: Σ predicted and Σ actual purchases, their relative error, and the mean
  /// absolute error per customer (from the fit on the calibration period).
  std::optional<double> predicted, actual, relativeError, meanAbsoluteError;
};

/// Fits every repeat model on `customers` (and, with `holdout`, on its calibration summaries).
std::vector<ModelComparisonRow> compareRepeatModels(const std::vector<CustomerSummary>& customers,
                                                    const HoldoutSplit* holdout);

/// {"model","logLikelihood","aic","parameters","diagnostics":[codes],"holdout":{…}|null} or
/// {"model","error"}.
void to_json(nlohmann::json& out, const ModelComparisonRow& row);

}  // namespace selfcrm::scores
