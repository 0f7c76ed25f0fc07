// exp2 of a non-positive argument without libm: split off the integer part (an exact scaling) and
// sum the Taylor series of e^(−f·ln 2) for the fraction f ∈ [0, 1), whose terms shrink fast.
#include "selfcrm/segments/decay.hpp"

#include <cmath>

namespace selfcrm::segments {

double halfLifeFactor(double ageDays, double halfLifeDays) noexcept {
  if (!(halfLifeDays > 0) || !(ageDays > 0)) return 1.0;
  const double x = ageDays / halfLifeDays;
  if (x > 1100) return 0.0;  // below the smallest subnormal
  const double whole = std::floor(x);  // floor is exact on every IEEE platform
  const double y = -(x - whole) * 0.6931471805599453094;  // −f·ln 2 ∈ (−0.694, 0]
  double term = 1.0;
  double sum = 1.0;
  for (int k = 1; k <= 24; ++k) {
    term = term * y / k;
    sum += term;
  }
  return std::ldexp(sum, -static_cast<int>(whole));
}

}  // namespace selfcrm::segments
