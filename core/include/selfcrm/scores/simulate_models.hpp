#pragma once
/// @file
/// Draws customers from the Pareto/NBD, modified BG/NBD, BG/BB and sBG generative processes with
/// the seeded portable generator: ground truth for recovery tests and benchmarks.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "selfcrm/scores/bgbb.hpp"
#include "selfcrm/scores/bgnbd.hpp"
#include "selfcrm/scores/pareto_nbd.hpp"
#include "selfcrm/scores/sbg.hpp"

namespace selfcrm::scores {

/// First purchase at 0, age T uniform in [minAge, maxAge]; λ ~ Gamma(r, α), lifetime ~
/// Exponential(μ), μ ~ Gamma(s, β); purchases a Poisson(λ) process while alive.
std::vector<CustomerSummary> simulateParetoNbd(const ParetoNbdParams& params, std::size_t count, double minAge,
                                               double maxAge, std::uint64_t seed);

/// As simulateCustomers (BG/NBD) but the customer may also drop out right after the first
/// purchase, with probability p.
std::vector<CustomerSummary> simulateModifiedBgNbd(const BgNbdParams& params, std::size_t count, double minAge,
                                                   double maxAge, std::uint64_t seed);

/// `count` customers over n opportunities: before each, die with probability θ ~ Beta(γ, δ);
/// while alive, transact with probability p ~ Beta(α, β).
std::vector<BgBbSummary> simulateBgBb(const BgBbParams& params, std::size_t count, double opportunities,
                                      std::uint64_t seed);

/// A cohort of `count` subscribers observed for `periods` periods: each churns at every renewal
/// with probability θ ~ Beta(α, β). Returns the survivor counts S_0 = count, S_1, …, S_periods.
std::vector<double> simulateSbgSurvivors(const SbgParams& params, std::size_t count, std::size_t periods,
                                         std::uint64_t seed);

}  // namespace selfcrm::scores
