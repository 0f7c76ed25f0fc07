#include "selfcrm/privacy/unary_encoding.hpp"

#include <cmath>
#include <string>

#include "selfcrm/error.hpp"

namespace selfcrm::privacy {

namespace {
void checkBits(const std::uint8_t* bits, std::size_t n, std::size_t k) {
  for (std::size_t i = 0; i < n * k; ++i) {
    if (bits[i] > 1) {
      throw Error(ErrorCode::Range, pointerAppend(pointerAppend("/reports", i / k), i % k), "a report bit must be 0 or 1");
    }
  }
}
}  // namespace

RandomizedResponse unaryMechanism(std::size_t k, double epsilon) {
  RandomizedResponse m = mechanism(k, epsilon);  // validates k and ε, computes e^ε portably
  m.encoding = Encoding::Unary;
  m.pTruth = 0.5;
  m.pOther = 1.0 / (m.ratio + 1.0);
  return m;
}

std::vector<std::uint8_t> unaryRandomizeBatch(const RandomizedResponse& m, const double* truths,
                                              const double* uniforms, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const double t = truths[i];
    if (!(t >= 0 && t < static_cast<double>(m.k) && std::floor(t) == t)) {
      throw Error(ErrorCode::Range, pointerAppend("/truths", i), "the true category is out of range");
    }
  }
  for (std::size_t i = 0; i < n * m.k; ++i) {
    if (!(uniforms[i] >= 0 && uniforms[i] < 1)) {
      throw Error(ErrorCode::Range, pointerAppend("/uniforms", i), "a uniform draw must be in [0, 1)");
    }
  }
  std::vector<std::uint8_t> bits(n * m.k);
  for (std::size_t i = 0; i < n; ++i) {
    const auto truth = static_cast<std::size_t>(truths[i]);
    for (std::size_t j = 0; j < m.k; ++j) {
      bits[i * m.k + j] = uniforms[i * m.k + j] < (j == truth ? m.pTruth : m.pOther) ? 1 : 0;
    }
  }
  return bits;
}

FrequencyEstimates estimateUnary(const std::uint8_t* bits, std::size_t n, std::size_t k, double epsilon) {
  const auto m = unaryMechanism(k, epsilon);
  checkBits(bits, n, k);
  std::vector<std::size_t> counts(k, 0);
  for (std::size_t i = 0; i < n * k; ++i) counts[i % k] += bits[i];
  return estimateShares(m, counts, n);
}

RandomizedNps estimateUnaryNps(const std::uint8_t* bits, std::size_t n, double epsilon) {
  auto shares = estimateUnary(bits, n, 3, epsilon);
  // A report counts +1 when only the promoter bit of the two is set, −1 when only the detractor's.
  std::size_t up = 0, down = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const bool detractor = bits[i * 3] != 0, promoter = bits[i * 3 + 2] != 0;
    if (promoter && !detractor) ++up;
    if (detractor && !promoter) ++down;
  }
  return npsFromShares(std::move(shares), up, down);
}

}  // namespace selfcrm::privacy
