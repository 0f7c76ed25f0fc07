#include <cstdint>
#include <vector>

#include "golden.hpp"
#include "selfcrm/envelope.hpp"
#include "selfcrm/nps.hpp"
#include "selfcrm/nps_ndjson.hpp"

using namespace selfcrm;

namespace {
// A deterministic spread of answers (a linear congruential sequence) large enough to exercise
// sqrt and division at full precision.
std::vector<double> answers(std::size_t n, std::uint32_t seed) {
  std::vector<double> out(n);
  for (auto& a : out) {
    seed = seed * 1664525u + 1013904223u;
    a = static_cast<double>((seed >> 16) % 11);
  }
  return out;
}
}  // namespace

SELFCRM_GOLDEN("nps/summary-1000") {
  auto a = answers(1000, 7);
  return guarded([&] { return summarizeNps(a.data(), a.size()); });
}
SELFCRM_GOLDEN("nps/summary-37") {
  auto a = answers(37, 99);
  return guarded([&] { return summarizeNps(a.data(), a.size()); });
}
SELFCRM_GOLDEN("nps/empty") {
  return guarded([] { return summarizeNps(nullptr, 0); });
}
SELFCRM_GOLDEN("nps/ndjson-rejects") {
  NpsTally tally;
  return guarded([&] { return tallyNpsNdjson(tally, "{\"score\":9}\nnope\n{\"score\":12}\n", 1); });
}
