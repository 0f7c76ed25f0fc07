#pragma once
/// @file
/// Customer lifetime value, two ways, over the model's horizon H (periods) with per-period
/// discount rate d:
/// - simple: average margin per transaction × purchases per period × Σ_{i=1..H} (ρ/(1+d))^i, with
///   ρ the model's retention per period and the purchase rate = transactions / max(T, 1 period);
/// - probabilistic (the model's repeat model — BG/NBD, modified BG/NBD or Pareto/NBD — with
///   Gamma-Gamma): Σ_{i=1..H} (E[Y(i)] − E[Y(i−1)]) × E[M] × marginRate / (1+d)^i.
/// When the model carries its fit report, the explanation names the fit's diagnostics and gives
/// 95 % delta-method intervals for P(alive), expected purchases and CLV from the repeat model's
/// parameter covariance (Gamma-Gamma held at its estimate).

#include <optional>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/scores/customer_summary.hpp"
#include "selfcrm/scores/ml_fit.hpp"
#include "selfcrm/scores/model.hpp"
#include "selfcrm/detail/json_text.hpp"

namespace selfcrm::scores {

struct SimpleClv {
  double value = 0;
  double marginPerTransaction = 0;
  double purchasesPerPeriod = 0;
  double discountedPeriods = 0;  ///< Σ (ρ/(1+d))^i
};

struct ProbabilisticClv {
  double value = 0;
  double expectedPurchases = 0;   ///< over the horizon
  double probabilityAlive = 0;
  double expectedSpend = 0;       ///< per transaction (Gamma-Gamma)
  CustomerSummary summary;
  RepeatModel model = RepeatModel::BgNbd;
};

struct ClvScore {
  std::optional<SimpleClv> simple;            ///< absent without purchases
  std::optional<ProbabilisticClv> bgnbd;      ///< absent without purchases or fitted parameters
  JsonText explain;
};

SimpleClv simpleClv(const PurchaseHistory& history, Timestamp asOf, const Model& model);
ProbabilisticClv probabilisticClv(const CustomerSummary& summary, const BgNbdParams& bgnbd,
                                  const GammaGammaParams& spend, const Model& model);
/// The same with the model's repeat model and parameters `params` (see repeat_model.hpp).
ProbabilisticClv probabilisticClv(const CustomerSummary& summary, RepeatModel repeat, const std::vector<double>& params,
                                  const GammaGammaParams& spend, const Model& model);

/// The model's stored fit of its repeat model (params and log-parameter covariance from
/// model.fit), when `params` are exactly the fitted ones; nullopt otherwise.
std::optional<MlFit> storedRepeatFit(const Model& model, const std::vector<double>& params);

/// 95 % delta-method intervals per customer for E[Y(t)], P(alive) and CLV under the model:
/// {"expectedPurchases": [[lo, hi]…], "probabilityAlive": […], "clv": […], "method"}. Throws
/// E_NOT_FOUND when the model has no fitted repeat or Gamma-Gamma parameters, or no stored
/// covariance (a model not produced by fitModel, or edited since).
nlohmann::json predictionIntervals(const Model& model, const std::vector<CustomerSummary>& customers, double t);

/// Both CLVs of one purchase history (nullopt: no purchases, value 0).
ClvScore clvScore(const std::optional<PurchaseHistory>& history, Timestamp asOf, const Model& model);

void to_json(nlohmann::json& out, const ClvScore& score);

}  // namespace selfcrm::scores
