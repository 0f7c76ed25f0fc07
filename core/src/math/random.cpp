#include "selfcrm/math/random.hpp"

#include <cmath>

#include "selfcrm/math/portable.hpp"

namespace selfcrm::math {
namespace {
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

Random::Random(std::uint64_t seed) noexcept {
  for (auto& s : s_) {
    seed += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = seed;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    s = z ^ (z >> 31);
  }
}

std::uint64_t Random::next() noexcept {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Random::uniform() noexcept {
  // 53 random bits, offset by half a step so that 0 cannot occur.
  return (static_cast<double>(next() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

double Random::exponential(double rate) noexcept { return -log(uniform()) / rate; }

double Random::normal() noexcept {
  for (;;) {
    double u = 2.0 * uniform() - 1.0;
    double v = 2.0 * uniform() - 1.0;
    double s = u * u + v * v;
    if (s > 0 && s < 1) return u * std::sqrt(-2.0 * log(s) / s);
  }
}

double Random::gamma(double shape, double rate) noexcept {
  if (shape < 1.0) {
    // Γ(k) = Γ(k+1)·U^(1/k) (Marsaglia–Tsang's boost for small shapes).
    double g = gamma(shape + 1.0, rate);
    return g * exp(log(uniform()) / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = normal();
    double v = 1.0 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    double u = uniform();
    if (log(u) < 0.5 * x * x + d - d * v + d * log(v)) return d * v / rate;
  }
}

double Random::beta(double a, double b) noexcept {
  double x = gamma(a, 1.0);
  double y = gamma(b, 1.0);
  return x / (x + y);
}

}  // namespace selfcrm::math
