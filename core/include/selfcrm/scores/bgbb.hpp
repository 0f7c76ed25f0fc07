#pragma once
/// @file
/// BG/BB (Fader, Hardie & Shang 2010, "Customer-base analysis in a discrete-time noncontractual
/// setting"): for discrete transaction opportunities (newsletters, events, annual campaigns).
/// While alive a customer transacts at each opportunity with probability p ~ Beta(α, β), and dies
/// before each opportunity with probability θ ~ Beta(γ, δ).

#include <vector>

#include "selfcrm/scores/ml_fit.hpp"

namespace selfcrm::scores {

struct BgBbParams {
  double alpha = 0, beta = 0, gamma = 0, delta = 0;
};

/// One customer: x transactions in n opportunities, the last at opportunity t_x (0 when x = 0).
struct BgBbSummary {
  double frequency = 0;      ///< x
  double recency = 0;        ///< t_x
  double opportunities = 0;  ///< n
};

/// Throws E_RANGE at path + "/frequency" … unless x, t_x, n are integers with 0 ≤ x ≤ t_x ≤ n,
/// t_x = 0 when x = 0 and t_x ≥ x otherwise, and n ≤ 10⁶.
void validate(const BgBbSummary& customer, const std::string& path);
void validate(const BgBbParams& params, const std::string& path);

/// ln L = ln[B(α+x, β+n−x)/B(α,β)·B(γ, δ+n)/B(γ,δ)
///        + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β)·B(γ+1, δ+t_x+i)/B(γ,δ)]; the sum by the
/// ratio of consecutive terms (each below 1), so n up to 10⁴ costs no Γ calls beyond the first.
double bgbbLogLikelihood(const BgBbParams& params, const BgBbSummary& customer);
double bgbbLogLikelihood(const BgBbParams& params, const std::vector<BgBbSummary>& customers);

/// Fit on customers grouped by (x, t_x, n). Throws E_EMPTY without customers, E_RANGE (path
/// "/i/…") for an invalid summary.
MlFit fitBgBb(const std::vector<BgBbSummary>& customers);
BgBbParams bgbbParams(const MlFit& fit);

/// P(alive at opportunity n+1 | x, t_x, n).
double bgbbProbabilityAlive(const BgBbParams& params, const BgBbSummary& customer);

/// E[transactions in the next `future` opportunities | x, t_x, n] (equation 13 of the paper).
/// Throws E_RANGE at "/gamma" when γ = 1 (removable singularity of the closed form).
double bgbbExpectedPurchases(const BgBbParams& params, const BgBbSummary& customer, double future);

void to_json(nlohmann::json& out, const BgBbParams& params);

}  // namespace selfcrm::scores
