#pragma once
/// @file
/// Customer lifetime value, two ways, over the model's horizon H (periods) with per-period
/// discount rate d:
/// - simple: average margin per transaction × purchases per period × Σ_{i=1..H} (ρ/(1+d))^i, with
///   ρ the model's retention per period and the purchase rate = transactions / max(T, 1 period);
/// - BG/NBD + Gamma-Gamma: Σ_{i=1..H} (E[Y(i)] − E[Y(i−1)]) × E[M] × marginRate / (1+d)^i.

#include <optional>

#include <nlohmann/json.hpp>

#include "selfcrm/scores/customer_summary.hpp"
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
};

struct ClvScore {
  std::optional<SimpleClv> simple;            ///< absent without purchases
  std::optional<ProbabilisticClv> bgnbd;      ///< absent without purchases or fitted parameters
  JsonText explain;
};

SimpleClv simpleClv(const PurchaseHistory& history, Timestamp asOf, const Model& model);
ProbabilisticClv probabilisticClv(const CustomerSummary& summary, const BgNbdParams& bgnbd,
                                  const GammaGammaParams& spend, const Model& model);

/// Both CLVs of one purchase history (nullopt: no purchases, value 0).
ClvScore clvScore(const std::optional<PurchaseHistory>& history, Timestamp asOf, const Model& model);

void to_json(nlohmann::json& out, const ClvScore& score);

}  // namespace selfcrm::scores
