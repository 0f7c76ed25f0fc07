#include <cmath>
#include <cstdint>
#include <vector>

#include "golden.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/nps.hpp"
#include "selfcrm/nps_ndjson.hpp"
#include "selfcrm/scores/nps_extended.hpp"

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
SELFCRM_GOLDEN("nps/advocacy-columns") {
  auto a = answers(300, 5);
  std::vector<double> rows;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double referrals = static_cast<double>((i * 7) % 4);
    rows.insert(rows.end(), {i % 9 == 0 ? NAN : a[i], referrals, referrals > 0 ? static_cast<double>(i % 2) : 0});
  }
  return guarded([&] { return scores::populationAdvocacy(rows.data(), a.size()); });
}
SELFCRM_GOLDEN("nps/advocacy-columns-nobody-answered") {
  const double rows[] = {NAN, 2, 1, NAN, 0, 0};
  return guarded([&] { return scores::populationAdvocacy(rows, 2); });
}
SELFCRM_GOLDEN("nps/advocacy-columns-bad") {
  const double rows[] = {9, 1, 0, 11, 0, 0};
  return guarded([&] { return scores::populationAdvocacy(rows, 2); });
}
