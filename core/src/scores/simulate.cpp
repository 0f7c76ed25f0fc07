#include "selfcrm/scores/simulate.hpp"

#include <algorithm>
#include <cmath>

#include "selfcrm/math/random.hpp"

namespace selfcrm::scores {

std::vector<CustomerSummary> simulateCustomers(const BgNbdParams& bg, const GammaGammaParams& gg,
                                               std::size_t count, double minAge, double maxAge,
                                               std::uint64_t seed) {
  math::Random rng(seed);
  std::vector<CustomerSummary> out(count);
  for (auto& c : out) {
    c.age = minAge + (maxAge - minAge) * rng.uniform();
    const double lambda = rng.gamma(bg.r, bg.alpha);
    const double dropout = rng.beta(bg.a, bg.b);
    const double nu = rng.gamma(gg.q, gg.gamma);
    double t = 0, spend = 0;
    for (;;) {
      t += rng.exponential(lambda);
      if (t > c.age) break;
      c.frequency += 1;
      c.recency = t;
      spend += rng.gamma(gg.p, nu);
      if (rng.uniform() < dropout) break;
    }
    c.monetary = c.frequency > 0 ? spend / c.frequency : 0.0;
  }
  return out;
}

std::vector<CustomerSummary> roundedToDays(std::vector<CustomerSummary> customers) {
  for (auto& c : customers) {
    c.age = std::round(c.age * 7) / 7;
    c.recency = std::min(c.age, std::round(c.recency * 7) / 7);
  }
  return customers;
}

}  // namespace selfcrm::scores
