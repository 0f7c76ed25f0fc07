#include <cstdint>
#include <vector>

#include "golden.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/privacy/randomized_response.hpp"
#include "selfcrm/privacy/unary_encoding.hpp"

using namespace selfcrm;
using namespace selfcrm::privacy;

namespace {
// Deterministic draws in [0, 1) from a linear congruential sequence.
std::vector<double> draws(std::size_t n, std::uint32_t seed) {
  std::vector<double> out(n);
  for (auto& u : out) {
    seed = seed * 1664525u + 1013904223u;
    u = static_cast<double>(seed) / 4294967296.0;
  }
  return out;
}
}  // namespace

SELFCRM_GOLDEN("privacy/mechanism-eps1-k3") {
  return guarded([] { return mechanism(3, 1.0); });
}
SELFCRM_GOLDEN("privacy/mechanism-eps0.1-k12") {
  return guarded([] { return mechanism(12, 0.1); });
}
SELFCRM_GOLDEN("privacy/exp-grid") {
  return guarded([] {
    std::vector<double> out;
    for (double x = -30; x <= 30; x += 0.37) out.push_back(portableExp(x));
    return out;
  });
}
SELFCRM_GOLDEN("privacy/randomize-500") {
  return guarded([] {
    const auto m = mechanism(5, 1.3);
    auto u = draws(500, 3);
    auto t = draws(500, 11);
    for (auto& v : t) v = static_cast<double>(static_cast<int>(v * 5));
    return randomizeBatch(m, t.data(), u.data(), u.size());
  });
}
SELFCRM_GOLDEN("privacy/estimate-frequencies") {
  return guarded([] { return estimateFrequencies({1234, 5678, 910, 4321}, 0.7); });
}
SELFCRM_GOLDEN("privacy/estimate-nps") {
  return guarded([] { return estimateNps(2613, 3120, 4267, 1.0); });
}
SELFCRM_GOLDEN("privacy/estimate-empty") {
  return guarded([] { return estimateNps(0, 0, 0, 1.0); });
}

SELFCRM_GOLDEN("privacy/unary-mechanism-eps1-k8") {
  return guarded([] { return unaryMechanism(8, 1.0); });
}
SELFCRM_GOLDEN("privacy/unary-randomize-and-estimate") {
  return guarded([] {
    const auto m = unaryMechanism(3, 0.9);
    auto u = draws(3 * 400, 5);
    auto t = draws(400, 17);
    for (auto& v : t) v = static_cast<double>(static_cast<int>(v * 3));
    const auto bits = unaryRandomizeBatch(m, t.data(), u.data(), t.size());
    return nlohmann::json{{"bits", bits}, {"nps", estimateUnaryNps(bits.data(), t.size(), 0.9)}};
  });
}
