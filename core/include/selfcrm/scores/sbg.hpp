#pragma once
/// @file
/// Shifted-beta-geometric (sBG) model of contractual retention (Fader & Hardie 2007, "How to
/// project customer retention"; DERL from Fader & Hardie 2010, "Customer-base valuation in a
/// contractual setting"): at each renewal a customer churns with probability θ ~ Beta(α, β).
/// Churn is observed, not inferred: the data are tenures and churn flags.

#include <vector>

#include "selfcrm/scores/ml_fit.hpp"

namespace selfcrm::scores {

struct SbgParams {
  double alpha = 0, beta = 0;
};

/// One subscriber: `periods` ≥ 1 is the period in which they churned when `churned`, otherwise
/// the number of periods they have stayed so far (still active, censored); `periods` = 0 with
/// `churned` false is a subscriber who just joined.
struct Tenure {
  double periods = 0;
  bool churned = false;
  double count = 1;  ///< subscribers with this tenure
};

void validate(const SbgParams& params, const std::string& path);
/// Throws E_RANGE unless periods is a whole number in [0, 10⁶] (≥ 1 when churned) and count > 0.
void validate(const Tenure& tenure, const std::string& path);

/// Tenures from a cohort's survivor counts (survivors[0] = cohort size, survivors[t] still active
/// after t periods, non-increasing): survivors[t−1] − survivors[t] churned in period t, the last
/// count is still active. Throws E_RANGE at "/t" for an increasing or non-integer count.
std::vector<Tenure> tenuresFromSurvivors(const std::vector<double>& survivors);

/// ln L: churned in period t contributes ln P(T = t) = ln B(α+1, β+t−1) − ln B(α, β); still active
/// after t periods ln S(t) = ln B(α, β+t) − ln B(α, β).
double sbgLogLikelihood(const SbgParams& params, const std::vector<Tenure>& tenures);

/// Throws E_EMPTY without subscribers, E_RANGE (path "/i/…") for an invalid tenure.
MlFit fitSbg(const std::vector<Tenure>& tenures);
SbgParams sbgParams(const MlFit& fit);

/// S(t) = B(α, β+t)/B(α, β): the share of a new cohort still active after t periods.
double sbgSurvival(const SbgParams& params, double t);
/// r(t) = (β+t−1)/(α+β+t−1): the share of those active after t−1 periods who renew at t (t ≥ 1).
double sbgRetentionRate(const SbgParams& params, double t);
/// S(1), …, S(periods): a cohort retention curve.
std::vector<double> sbgSurvivalCurve(const SbgParams& params, std::size_t periods);

/// Discounted expected residual lifetime, in payments, of a subscriber who has made `renewals`
/// renewals (n−1 in the paper), at the moment of the next renewal decision, payments discounted
/// at `discountRate` per period: DERL = (β+n−1)/(α+β+n−1)·₂F₁(1, β+n; α+β+n; 1/(1+d)), the
/// next payment undiscounted. Throws E_RANGE at "/discountRate" unless d > 0.
double sbgDiscountedResidualLifetime(const SbgParams& params, double renewals, double discountRate);

void to_json(nlohmann::json& out, const SbgParams& params);

}  // namespace selfcrm::scores
