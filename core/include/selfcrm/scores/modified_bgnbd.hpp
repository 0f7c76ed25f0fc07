#pragma once
/// @file
/// Modified BG/NBD (Batislam, Denizel & Filiztekin 2007): BG/NBD in which a customer may also drop
/// out right after the first purchase, so customers with no repeat purchase are not all "alive".
/// Same parameters as BG/NBD: λ ~ Gamma(r, α), p ~ Beta(a, b).

#include <vector>

#include "selfcrm/scores/bgnbd.hpp"
#include "selfcrm/scores/ml_fit.hpp"

namespace selfcrm::scores {

/// ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b)
///        + ln[(α+T)^−(r+x) + a/(b+x)·(α+t_x)^−(r+x)].
double modifiedBgNbdLogLikelihood(const BgNbdParams& params, const CustomerSummary& customer);
double modifiedBgNbdLogLikelihood(const BgNbdParams& params, const std::vector<CustomerSummary>& customers);

/// Maximum-likelihood fit, standard errors and diagnostics. Throws E_EMPTY when nobody made a
/// repeat purchase.
MlFit fitModifiedBgNbd(const std::vector<CustomerSummary>& customers);
BgNbdParams bgNbdParams(const MlFit& fit);

/// P(alive | x, t_x, T) = 1 / (1 + a/(b+x)·((α+T)/(α+t_x))^(r+x)), also below 1 for x = 0.
double modifiedBgNbdProbabilityAlive(const BgNbdParams& params, const CustomerSummary& customer);

/// E[Y(t) | x, t_x, T] = (a+b+x)/(a−1)·[1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))]
/// · P(alive). Throws E_RANGE at "/modifiedBgnbd/a" when a = 1.
double modifiedBgNbdExpectedPurchases(const BgNbdParams& params, const CustomerSummary& customer, double t);

}  // namespace selfcrm::scores
