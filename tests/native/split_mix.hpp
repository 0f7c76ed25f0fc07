#pragma once
// SplitMix64 for the simulation tests: portable and seedable, so a seed gives the same draws in
// the native and the wasm build (std distributions differ between libstdc++ and libc++).
#include <cstdint>

namespace selfcrm::test {

struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1) from the top 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
};

}  // namespace selfcrm::test
