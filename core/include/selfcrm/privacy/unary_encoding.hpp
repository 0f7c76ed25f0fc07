#pragma once
/// @file
/// Optimized unary encoding (Wang et al., USENIX Security 2017), the RAPPOR-style alternative to
/// k-ary randomized response: the report is one bit per category; the true category's bit is set
/// with probability p = 1/2 and every other bit independently with q = 1/(e^ε + 1). Its variance
/// does not grow with k, so it beats direct randomized response when k > 3e^ε + 2 (e.g. personas).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "selfcrm/privacy/randomized_response.hpp"

namespace selfcrm::privacy {

/// The unary mechanism for `k` categories at privacy level ε (encoding = Unary, pTruth = 1/2,
/// pOther = 1/(e^ε + 1)). Throws E_RANGE like mechanism().
RandomizedResponse unaryMechanism(std::size_t k, double epsilon);

/// Randomizes a batch: customer i's true category `truths[i]` with the k draws
/// `uniforms[i·k … i·k + k − 1]`; bit j is set when its draw is below p (true category) or q.
/// Returns n·k bits (0/1), row by row. Validates everything first: E_RANGE at "/truths/i" or
/// "/uniforms/m".
std::vector<std::uint8_t> unaryRandomizeBatch(const RandomizedResponse& m, const double* truths,
                                              const double* uniforms, std::size_t n);

/// Category shares from n reports of k bits each (row by row). Throws E_RANGE at "/reports/i/j"
/// for a byte other than 0 or 1, E_EMPTY for no report.
FrequencyEstimates estimateUnary(const std::uint8_t* bits, std::size_t n, std::size_t k, double epsilon);

/// NPS from n unary reports over (detractor, passive, promoter).
RandomizedNps estimateUnaryNps(const std::uint8_t* bits, std::size_t n, double epsilon);

}  // namespace selfcrm::privacy
