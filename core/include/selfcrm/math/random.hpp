#pragma once
/// @file
/// A seeded random generator whose every draw is the same natively and in wasm: xoshiro256** on
/// integers, and distributions built on the portable functions of math/portable.hpp.

#include <cstdint>

namespace selfcrm::math {

class Random {
 public:
  /// Seeds the state from one number via splitmix64.
  explicit Random(std::uint64_t seed) noexcept;

  std::uint64_t next() noexcept;
  /// Uniform in (0, 1): never exactly 0 or 1.
  double uniform() noexcept;
  /// Exponential with the given rate (> 0).
  double exponential(double rate) noexcept;
  /// Gamma with shape > 0 and rate > 0 (mean shape/rate), Marsaglia–Tsang.
  double gamma(double shape, double rate) noexcept;
  /// Beta(a, b) from two gamma draws.
  double beta(double a, double b) noexcept;
  /// Standard normal (Marsaglia polar method).
  double normal() noexcept;

 private:
  std::uint64_t s_[4];
};

}  // namespace selfcrm::math
