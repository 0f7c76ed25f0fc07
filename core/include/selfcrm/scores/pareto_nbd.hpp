#pragma once
/// @file
/// Pareto/NBD (Schmittlein, Morrison & Colombo 1987; likelihood as in Fader, Hardie & Lee 2005,
/// "A note on deriving the Pareto/NBD model"): purchases Poisson(λ) while alive, lifetimes
/// Exponential(μ), λ ~ Gamma(r, α), μ ~ Gamma(s, β). Drop-out can happen at any time, not only
/// after a purchase as in BG/NBD. Everything is computed in log space: finite for any frequency
/// and age up to 10⁴ periods and beyond (lifetimes overflows above ~300 purchases).

#include <vector>

#include "selfcrm/scores/customer_summary.hpp"
#include "selfcrm/scores/ml_fit.hpp"

namespace selfcrm::scores {

struct ParetoNbdParams {
  double r = 0, alpha = 0, s = 0, beta = 0;
};

/// Throws E_RANGE at path + "/r" … unless every parameter is finite and > 0.
void validate(const ParetoNbdParams& params, const std::string& path);

/// ln L(r, α, s, β | x, t_x, T) = ln[Γ(r+x) α^r β^s / Γ(r)] + ln[(α+T)^−(r+x) (β+T)^−s
///   + s ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ], the integral by its ₂F₁ closed form after an
/// Euler transformation that keeps every series term below 1.
double paretoNbdLogLikelihood(const ParetoNbdParams& params, const CustomerSummary& customer);

/// Σ ln L over customers, one term per distinct (x, t_x, T).
double paretoNbdLogLikelihood(const ParetoNbdParams& params, const std::vector<CustomerSummary>& customers);

/// Maximum-likelihood fit with standard errors and diagnostics (see ml_fit.hpp). Throws E_EMPTY
/// when nobody made a repeat purchase, E_RANGE for an invalid summary.
MlFit fitParetoNbd(const std::vector<CustomerSummary>& customers);
ParetoNbdParams paretoNbdParams(const MlFit& fit);

/// P(alive at T | x, t_x, T).
double paretoNbdProbabilityAlive(const ParetoNbdParams& params, const CustomerSummary& customer);

/// E[Y(t) | x, t_x, T] = P(alive)·(r+x)(β+T)/((α+T)(s−1))·[1 − ((β+T)/(β+T+t))^(s−1)]
/// (the limit (r+x)(β+T)/(α+T)·ln(1 + t/(β+T)) at s = 1).
double paretoNbdExpectedPurchases(const ParetoNbdParams& params, const CustomerSummary& customer, double t);

void to_json(nlohmann::json& out, const ParetoNbdParams& params);

}  // namespace selfcrm::scores
