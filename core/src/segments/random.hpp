#pragma once
// The segments' draws: math::Random's integer sequence (xoshiro256**, the same natively and in
// wasm), with uniforms in [0, 1) as k-means seeding has always drawn them.
#include <cstdint>

#include "selfcrm/math/random.hpp"

namespace selfcrm::segments {

class Random {
 public:
  explicit Random(std::uint64_t seed) : bits_(seed) {}
  std::uint64_t next() { return bits_.next(); }
  /// Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  /// Uniform integer in [0, n), n > 0 (n ≤ 2^53: exact for every row count we see).
  std::uint64_t below(std::uint64_t n) {
    auto i = static_cast<std::uint64_t>(uniform() * static_cast<double>(n));
    return i < n ? i : n - 1;  // the product can round up to n
  }

 private:
  math::Random bits_;
};

}  // namespace selfcrm::segments
