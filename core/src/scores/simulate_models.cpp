#include "selfcrm/scores/simulate_models.hpp"

#include "selfcrm/math/random.hpp"

namespace selfcrm::scores {

std::vector<CustomerSummary> simulateParetoNbd(const ParetoNbdParams& p, std::size_t count, double minAge,
                                               double maxAge, std::uint64_t seed) {
  math::Random rng(seed);
  std::vector<CustomerSummary> out(count);
  for (auto& c : out) {
    c.age = minAge + (maxAge - minAge) * rng.uniform();
    const double lambda = rng.gamma(p.r, p.alpha);
    const double lifetime = rng.exponential(rng.gamma(p.s, p.beta));
    const double end = lifetime < c.age ? lifetime : c.age;
    for (double t = rng.exponential(lambda); t <= end; t += rng.exponential(lambda)) {
      c.frequency += 1;
      c.recency = t;
    }
  }
  return out;
}

std::vector<CustomerSummary> simulateModifiedBgNbd(const BgNbdParams& p, std::size_t count, double minAge,
                                                   double maxAge, std::uint64_t seed) {
  math::Random rng(seed);
  std::vector<CustomerSummary> out(count);
  for (auto& c : out) {
    c.age = minAge + (maxAge - minAge) * rng.uniform();
    const double lambda = rng.gamma(p.r, p.alpha);
    const double dropout = rng.beta(p.a, p.b);
    if (rng.uniform() < dropout) continue;  // gone right after the first purchase
    for (double t = rng.exponential(lambda); t <= c.age; t += rng.exponential(lambda)) {
      c.frequency += 1;
      c.recency = t;
      if (rng.uniform() < dropout) break;
    }
  }
  return out;
}

std::vector<BgBbSummary> simulateBgBb(const BgBbParams& p, std::size_t count, double opportunities, std::uint64_t seed) {
  math::Random rng(seed);
  std::vector<BgBbSummary> out(count);
  for (auto& c : out) {
    c.opportunities = opportunities;
    const double buy = rng.beta(p.alpha, p.beta);
    const double die = rng.beta(p.gamma, p.delta);
    for (double i = 1; i <= opportunities; ++i) {
      if (rng.uniform() < die) break;
      if (rng.uniform() < buy) c.frequency += 1, c.recency = i;
    }
  }
  return out;
}

std::vector<double> simulateSbgSurvivors(const SbgParams& p, std::size_t count, std::size_t periods, std::uint64_t seed) {
  math::Random rng(seed);
  std::vector<double> survivors(periods + 1, 0.0);
  for (std::size_t i = 0; i < count; ++i) {
    const double churn = rng.beta(p.alpha, p.beta);
    survivors[0] += 1;
    for (std::size_t t = 1; t <= periods; ++t) {
      if (rng.uniform() < churn) break;
      survivors[t] += 1;
    }
  }
  return survivors;
}

}  // namespace selfcrm::scores
