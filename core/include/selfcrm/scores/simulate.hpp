#pragma once
/// @file
/// Draws customers from the BG/NBD and Gamma-Gamma generative processes with a seeded portable
/// generator: the ground truth for parameter-recovery tests and benchmarks.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "selfcrm/scores/bgnbd.hpp"
#include "selfcrm/scores/gamma_gamma.hpp"

namespace selfcrm::scores {

/// `count` customers whose first purchase is at time 0 and whose age T is uniform in
/// [minAge, maxAge] periods: λ ~ Gamma(r, α), p ~ Beta(a, b), purchases a Poisson(λ) process,
/// drop-out with probability p after each repeat purchase; each repeat purchase spends
/// Gamma(p_gg, ν) with ν ~ Gamma(q, γ) per customer.
std::vector<CustomerSummary> simulateCustomers(const BgNbdParams& bgnbd, const GammaGammaParams& spend,
                                               std::size_t count, double minAge, double maxAge,
                                               std::uint64_t seed);

/// The summaries as transaction data give them: ages and recencies in weeks rounded to whole days
/// (recency kept ≤ age). Simulated times are continuous; real ones are not, and the number of
/// distinct summaries (what a fit's cost grows with) depends on it.
std::vector<CustomerSummary> roundedToDays(std::vector<CustomerSummary> customers);

}  // namespace selfcrm::scores
