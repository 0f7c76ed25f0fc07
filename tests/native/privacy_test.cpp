#include <catch2/catch.hpp>

#include "require_error.hpp"
#include "split_mix.hpp"

#include <cstdint>
#include <vector>

#include "selfcrm/error.hpp"
#include "selfcrm/privacy/randomized_response.hpp"

using namespace selfcrm;
using namespace selfcrm::privacy;
using selfcrm::test::requireError;
using selfcrm::test::SplitMix;

namespace {

constexpr double kLn2 = 0.6931471805599453;
}  // namespace

TEST_CASE("portableExp matches known values", "[privacy]") {
  CHECK(portableExp(0) == 1.0);
  CHECK(portableExp(1) == Approx(2.718281828459045).epsilon(1e-15));
  CHECK(portableExp(-1) == Approx(0.36787944117144233).epsilon(1e-15));
  CHECK(portableExp(kLn2) == Approx(2.0).epsilon(1e-15));
  CHECK(portableExp(10) == Approx(22026.465794806718).epsilon(1e-14));
}

TEST_CASE("the mechanism's probabilities", "[privacy]") {
  // k = 3, e^ε = 2: p = 2/4, q = 1/4.
  const auto m = mechanism(3, kLn2);
  CHECK(m.pTruth == Approx(0.5).epsilon(1e-14));
  CHECK(m.pOther == Approx(0.25).epsilon(1e-14));
  CHECK(m.pTruth + 2 * m.pOther == Approx(1.0).epsilon(1e-15));
  requireError([] { mechanism(1, 1.0); }, ErrorCode::Range, "/k");
  requireError([] { mechanism(3, 0.0); }, ErrorCode::Range, "/epsilon");
  requireError([] { mechanism(3, 31.0); }, ErrorCode::Range, "/epsilon");
  requireError([] { mechanism(3, std::numeric_limits<double>::quiet_NaN()); }, ErrorCode::Range, "/epsilon");
}

TEST_CASE("randomize maps a draw to a report", "[privacy]") {
  const auto m = mechanism(3, kLn2);  // truth below 0.5, then 0.25 per other category
  CHECK(randomize(m, 1, 0.0) == 1);
  CHECK(randomize(m, 1, 0.49) == 1);
  CHECK(randomize(m, 1, 0.5) == 0);
  CHECK(randomize(m, 1, 0.74) == 0);
  CHECK(randomize(m, 1, 0.76) == 2);
  CHECK(randomize(m, 0, 0.6) == 1);
  CHECK(randomize(m, 2, 0.9999999999) == 1);
  requireError([&] { randomize(m, 3, 0.1); }, ErrorCode::Range, "/truth");
  requireError([&] { randomize(m, 0, 1.0); }, ErrorCode::Range, "/uniform");
}

TEST_CASE("randomizeBatch validates everything before answering", "[privacy]") {
  const auto m = mechanism(3, kLn2);
  const double truths[] = {0, 1, 2};
  const double good[] = {0.1, 0.6, 0.8};
  CHECK(randomizeBatch(m, truths, good, 3) == std::vector<std::size_t>{0, 0, 1});
  const double badTruths[] = {0, 1.5, 2};
  requireError([&] { randomizeBatch(m, badTruths, good, 3); }, ErrorCode::Range, "/truths/1");
  const double badDraws[] = {0.1, 0.2, -0.1};
  requireError([&] { randomizeBatch(m, truths, badDraws, 3); }, ErrorCode::Range, "/uniforms/2");
}

TEST_CASE("estimates from expected counts recover the true shares exactly", "[privacy]") {
  // p = .5, q = .25; true shares (.2, .3, .5) give report shares .25 + .25π = (.3, .325, .375).
  const auto e = estimateFrequencies({300, 325, 375}, kLn2);
  REQUIRE(e.categories.size() == 3);
  CHECK(e.n == 1000);
  CHECK(e.categories[0].estimate == Approx(0.2).margin(1e-12));
  CHECK(e.categories[1].estimate == Approx(0.3).margin(1e-12));
  CHECK(e.categories[2].estimate == Approx(0.5).margin(1e-12));
  // SE of the first: sqrt(.3·.7/1000)/.25 = 0.05796550698.
  CHECK(e.categories[0].standardError == Approx(0.05796550698).epsilon(1e-9));
  CHECK(e.categories[0].ci95Low == Approx(0.2 - 1.959963984540054 * 0.05796550698).epsilon(1e-9));

  // NPS = 100·(.5 − .2) = 30; SE = 100·sqrt((.375 + .3 − .075²)/1000)/.25 = 10.3489129864.
  const auto nps = estimateNps(300, 325, 375, kLn2);
  CHECK(nps.nps == Approx(30.0).margin(1e-9));
  CHECK(nps.standardError == Approx(10.3489129864).epsilon(1e-9));
  requireError([] { estimateFrequencies({0, 0, 0}, 1.0); }, ErrorCode::Empty, "/counts");
  // Counts no population could produce (all reports in one category at low ε) put an estimate
  // outside [0, 1]; its interval is clamped at both ends, never inverted.
  const auto odd = estimateFrequencies({1000, 0, 0}, kLn2);
  CHECK(odd.categories[1].estimate == Approx(-1.0));
  CHECK(odd.categories[1].ci95Low == 0.0);
  CHECK(odd.categories[1].ci95High == 0.0);
  CHECK(odd.categories[0].ci95Low == 1.0);
  const double counts[] = {1, 2.5};
  requireError([&] { countsFromDoubles(counts, 2); }, ErrorCode::Range, "/counts/1");
}

TEST_CASE("the frequency estimator is unbiased over many simulated populations", "[privacy]") {
  const double truth[] = {0.1, 0.6, 0.3};
  const auto m = mechanism(3, 1.0);
  SplitMix rng{42};
  double sum[3] = {0, 0, 0};
  constexpr int runs = 1000, n = 2000;
  for (int r = 0; r < runs; ++r) {
    std::vector<std::size_t> counts(3, 0);
    for (int i = 0; i < n; ++i) {
      const double u = rng.uniform();
      const std::size_t t = u < truth[0] ? 0 : u < truth[0] + truth[1] ? 1 : 2;
      ++counts[randomize(m, t, rng.uniform())];
    }
    const auto e = estimateFrequencies(counts, 1.0);
    for (int j = 0; j < 3; ++j) sum[j] += e.categories[j].estimate;
  }
  // At ε = 1 one run's SE is at most 0.031, so the mean of 1000 runs has an SE below 0.001;
  // 0.004 is four of them. A biased estimator (e.g. the raw report share, off by 0.1–0.2 here)
  // fails by far.
  for (int j = 0; j < 3; ++j) CHECK(sum[j] / runs == Approx(truth[j]).margin(0.004));
}

namespace {
// Seeds 1…runs, each a population of n customers with true shares detractor .25, passive .30,
// promoter .45 (true NPS 20), randomized at ε = 1; returns how many 95% intervals cover 20.
int coveredRuns(std::uint64_t runs, int n) {
  const auto m = mechanism(3, 1.0);
  int covered = 0;
  for (std::uint64_t seed = 1; seed <= runs; ++seed) {
    SplitMix rng{seed};
    std::size_t counts[3] = {0, 0, 0};
    for (int i = 0; i < n; ++i) {
      const double u = rng.uniform();
      const std::size_t t = u < 0.25 ? 0 : u < 0.55 ? 1 : 2;
      ++counts[randomize(m, t, rng.uniform())];
    }
    const auto e = estimateNps(counts[0], counts[1], counts[2], 1.0);
    if (e.ci95Low <= 20.0 && 20.0 <= e.ci95High) ++covered;
  }
  return covered;
}
}  // namespace

TEST_CASE("at ε = 1 and n = 10,000 the NPS interval covers the truth in ≥ 93 of 100 runs", "[privacy]") {
  // These 100 seeds give 93: the binomial spread of a 95% interval (P(≤ 93 of 100) ≈ 0.23).
  CHECK(coveredRuns(100, 10000) >= 93);
}

TEST_CASE("over 1,000 runs the NPS interval's coverage is close to 95%", "[privacy]") {
  // 956 here (4,000 seeds give 96.1%). 935–975 is about ±3 binomial SEs around 950, so both an
  // interval too narrow and one needlessly wide fail.
  const int covered = coveredRuns(1000, 10000);
  CHECK(covered >= 935);
  CHECK(covered <= 975);
}
