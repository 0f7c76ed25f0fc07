#pragma once
/// @file
/// The repeat-purchase models a scoring model can carry (BG/NBD, modified BG/NBD, Pareto/NBD),
/// behind one interface: fit with standard errors and diagnostics, P(alive), expected purchases.
/// Parameters travel as a vector in each model's documented order.

#include <cstddef>
#include <string>
#include <vector>

#include "selfcrm/scores/customer_summary.hpp"
#include "selfcrm/scores/ml_fit.hpp"

namespace selfcrm::scores {

enum class RepeatModel { BgNbd, ModifiedBgNbd, ParetoNbd };

/// "bgnbd", "modified-bgnbd", "pareto-nbd".
const char* repeatModelName(RepeatModel model);
/// The model document key of its parameters: "bgnbd", "modifiedBgnbd", "paretoNbd".
const char* repeatModelKey(RepeatModel model);
/// Throws E_SCHEMA at `path` naming the accepted values.
RepeatModel parseRepeatModel(const std::string& name, const std::string& path);
constexpr RepeatModel kRepeatModels[] = {RepeatModel::BgNbd, RepeatModel::ModifiedBgNbd, RepeatModel::ParetoNbd};

/// Fits the model with standard errors and diagnostics ("few-repeat-buyers", "no-heterogeneity",
/// "at-bound", "flat-likelihood"). Throws E_EMPTY when nobody made a repeat purchase.
MlFit fitRepeatModel(RepeatModel model, const std::vector<CustomerSummary>& customers);

/// P(alive | x, t_x, T) under the model with parameters `params`.
double repeatProbabilityAlive(RepeatModel model, const std::vector<double>& params, const CustomerSummary& customer);
/// E[Y(t) | x, t_x, T]: expected purchases in the next t periods.
double repeatExpectedPurchases(RepeatModel model, const std::vector<double>& params, const CustomerSummary& customer,
                               double t);
/// E[Y(1)], …, E[Y(periods)].
std::vector<double> repeatExpectedCurve(RepeatModel model, const std::vector<double>& params,
                                        const CustomerSummary& customer, std::size_t periods);

/// Gamma-Gamma fit with standard errors and diagnostics (customers with x > 0 and spend > 0).
/// Throws E_EMPTY when there are none.
MlFit fitGammaGammaModel(const std::vector<CustomerSummary>& customers);

}  // namespace selfcrm::scores
