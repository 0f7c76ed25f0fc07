#pragma once
/// @file
/// BG/NBD repeat-purchase model (Fader, Hardie & Lee 2005, "Counting your customers the easy
/// way"): per-customer log-likelihood, maximum-likelihood fit, and predictions. Time is measured in
/// model periods (see Model::periodDays); every function takes per-customer summaries.

#include <cstddef>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/math/minimize.hpp"
#include "selfcrm/scores/customer_summary.hpp"

namespace selfcrm::scores {

/// λ ~ Gamma(r, α) purchase rates; p ~ Beta(a, b) drop-out probabilities after each purchase.
struct BgNbdParams {
  double r = 0, alpha = 0, a = 0, b = 0;
};

/// Throws Error(E_RANGE, path + "/r" …) unless every parameter is finite and > 0.
void validate(const BgNbdParams& params, const std::string& path);

/// ln L for one customer (x repeat purchases, last at t_x, observed for T), computed directly:
/// ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) − (r+x) ln(α+T), plus, for x > 0,
/// the second term of the likelihood via log-sum-exp. Throws E_RANGE for an invalid summary.
double bgnbdLogLikelihood(const BgNbdParams& params, const CustomerSummary& customer);

/// Σ ln L over customers; equal (to rounding) to summing bgnbdLogLikelihood, but the Γ terms are
/// computed once per distinct frequency, which makes fitting fast.
double bgnbdLogLikelihood(const BgNbdParams& params, const std::vector<CustomerSummary>& customers);

struct SummaryGroup;
/// Σ count·ln L over distinct summaries (see summary_groups.hpp), without validation: the
/// objective of the fit with standard errors (customer_base.hpp).
double bgnbdLogLikelihood(const BgNbdParams& params, const std::vector<SummaryGroup>& groups);

class GroupLogTimes;
/// The same sum, bit for bit, reading ln(α + T) and ln(α + t_x) from `times` (built from `groups`):
/// the fit's objective, run a few thousand times on the same groups.
double bgnbdLogLikelihood(const BgNbdParams& params, const std::vector<SummaryGroup>& groups, GroupLogTimes& times);

/// A fit: the parameters, the maximised log-likelihood, and how the optimiser ended.
struct BgNbdFit {
  BgNbdParams params;
  double logLikelihood = 0;
  std::size_t customers = 0;
  std::size_t starts = 0;           ///< optimiser starts tried
  std::size_t startsAgreeing = 0;   ///< starts that reached the best log-likelihood (±1e-6)
  math::MinimizeReport report;      ///< the best start's report
};

/// Maximum-likelihood fit in log-parameters from several starts. Throws E_EMPTY when no customer
/// has a repeat purchase, E_RANGE (path "/i/…") for an invalid summary, and E_CONVERGENCE when no
/// start converged.
BgNbdFit fitBgNbd(const std::vector<CustomerSummary>& customers);

/// P(alive | x, t_x, T) = 1 / (1 + [x>0]·a/(b+x−1)·((α+T)/(α+t_x))^(r+x)).
double probabilityAlive(const BgNbdParams& params, const CustomerSummary& customer);

/// E[Y(t) | x, t_x, T]: expected purchases in the next t periods (equation 10 of the paper, with
/// ₂F₁ by its series). Throws E_RANGE at "/t" for t < 0 and at "/bgnbd/a" when a = 1 (the closed
/// form's removable singularity).
double expectedPurchases(const BgNbdParams& params, const CustomerSummary& customer, double t);

/// E[Y(1)], E[Y(2)], …, E[Y(periods)]: equal to calling expectedPurchases for each, computing
/// the terms that do not depend on t once.
std::vector<double> expectedPurchasesCurve(const BgNbdParams& params, const CustomerSummary& customer,
                                           std::size_t periods);

/// E[X(t)] for a new customer: (a+b−1)/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
double expectedPurchasesNewCustomer(const BgNbdParams& params, double t);

void to_json(nlohmann::json& out, const BgNbdParams& params);
void to_json(nlohmann::json& out, const BgNbdFit& fit);

}  // namespace selfcrm::scores
