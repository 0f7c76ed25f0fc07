#include "selfcrm/math/series.hpp"

namespace selfcrm::math {

double hyp2f1One(double c, double a, double z) noexcept {
  double term = 1, sum = 1;
  for (int k = 0; k < 20000; ++k) {
    term *= (c + k) / (a + 1 + k) * z;
    const double next = sum + term;
    if (next == sum) return sum;
    sum = next;
  }
  return sum + term * z / (1 - z);
}

}  // namespace selfcrm::math
