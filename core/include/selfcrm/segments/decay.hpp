#pragma once
/// @file
/// Half-life decay computed from + − × ÷ only, so native (glibc) and wasm (musl) agree to the bit.

namespace selfcrm::segments {

/// 2^(−ageDays / halfLifeDays): 1 at age 0, ½ after one half-life. Ages ≤ 0 give 1; a
/// non-positive half-life means "no decay" and gives 1. Accurate to a few ulps of std::exp2.
double halfLifeFactor(double ageDays, double halfLifeDays) noexcept;

}  // namespace selfcrm::segments
