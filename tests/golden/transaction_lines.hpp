#pragma once
// Simulated transaction lines for the golden cases: one generator, so every case that fits or
// summarises "a few hundred customers" reads the same kind of export.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "selfcrm/math/random.hpp"
#include "selfcrm/time.hpp"

namespace selfcrm::golden {

/// Transaction lines for `customers` simulated customers, a purchase every few days.
inline std::string transactionLines(std::size_t customers, std::uint64_t seed) {
  math::Random rng(seed);
  std::string out;
  const Timestamp start = fromCivil(2023, 1, 1);
  for (std::size_t c = 0; c < customers; ++c) {
    const double rate = rng.gamma(0.8, 20);  // purchases per day
    double t = 365 * rng.uniform();
    for (int k = 0; k < 40 && t < 730; ++k) {
      const Timestamp at = start + static_cast<Timestamp>(t * 86400);
      const double amount = 5 + 100 * rng.uniform();
      out += nlohmann::json({{"customerId", "c" + std::to_string(c)}, {"at", formatIsoTime(at)}, {"amount", amount},
                             {"margin", 0.3 * amount}}).dump() + "\n";
      if (rng.uniform() < 0.15) break;
      t += rng.exponential(rate);
    }
  }
  return out;
}

}  // namespace selfcrm::golden
