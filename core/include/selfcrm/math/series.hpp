#pragma once
/// @file
/// Series the customer-base models share, summed with portable arithmetic only.

namespace selfcrm::math {

/// ₂F₁(1, c; a+1; z) = Σ_k Π_{j<k} (c+j)/(a+1+j) z^k for 0 < c < a+1 and 0 ≤ z < 1: every ratio
/// is below z, so terms fall geometrically and the sum lies in [1, 1/(1−z)]. Past 20 000 terms
/// (z within ~10⁻³ of 1) the tail is closed as a geometric series.
double hyp2f1One(double c, double a, double z) noexcept;

}  // namespace selfcrm::math
