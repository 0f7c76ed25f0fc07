#include <catch2/catch.hpp>

#include "require_error.hpp"
#include "split_mix.hpp"

#include <cstdint>
#include <vector>

#include "selfcrm/error.hpp"
#include "selfcrm/privacy/unary_encoding.hpp"

using namespace selfcrm;
using namespace selfcrm::privacy;
using selfcrm::test::requireError;
using selfcrm::test::SplitMix;

namespace {

constexpr double kLn3 = 1.0986122886681098;  // e^ε = 3: q = 1/4

// n customers with the given true shares, reported through unary encoding at ε.
std::vector<std::uint8_t> simulate(SplitMix& rng, const std::vector<double>& shares, int n, double epsilon) {
  const auto m = unaryMechanism(shares.size(), epsilon);
  std::vector<double> truths(n), uniforms(n * shares.size());
  for (int i = 0; i < n; ++i) {
    double u = rng.uniform(), cumulative = 0;
    std::size_t t = 0;
    while (t + 1 < shares.size() && u >= (cumulative += shares[t])) ++t;
    truths[i] = static_cast<double>(t);
  }
  for (auto& u : uniforms) u = rng.uniform();
  return unaryRandomizeBatch(m, truths.data(), uniforms.data(), n);
}
}  // namespace

TEST_CASE("unary encoding sets the true bit with 1/2 and others with 1/(e^ε + 1)", "[privacy]") {
  const auto m = unaryMechanism(3, kLn3);
  CHECK(m.encoding == Encoding::Unary);
  CHECK(m.pTruth == 0.5);
  CHECK(m.pOther == Approx(0.25).epsilon(1e-14));
  const double truths[] = {1, 0};
  const double draws[] = {0.2, 0.4, 0.3, 0.6, 0.1, 0.26};
  CHECK(unaryRandomizeBatch(m, truths, draws, 2) == std::vector<std::uint8_t>{1, 1, 0, 0, 1, 0});
  const double badTruths[] = {1, 3};
  requireError([&] { unaryRandomizeBatch(m, badTruths, draws, 2); }, ErrorCode::Range, "/truths/1");
  const double badDraws[] = {0.2, 0.4, 0.3, 0.6, 1.0, 0.26};
  requireError([&] { unaryRandomizeBatch(m, truths, badDraws, 2); }, ErrorCode::Range, "/uniforms/4");
  requireError([] { unaryMechanism(3, -1); }, ErrorCode::Range, "/epsilon");
}

TEST_CASE("unary estimates: hand-computed shares and NPS", "[privacy]") {
  // Four reports at q = 1/4, p = 1/2: bit shares (.5, .25, .75) → estimates (1, 0, 2), NPS 100;
  // two reports count +1 (promoter bit only), one −1, so SE = 100·sqrt((.75 − .25²)/4)/.25.
  const std::uint8_t bits[] = {0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1};
  const auto e = estimateUnaryNps(bits, 4, kLn3);
  CHECK(e.frequencies.categories[0].estimate == Approx(1.0).margin(1e-12));
  CHECK(e.frequencies.categories[1].estimate == Approx(0.0).margin(1e-12));
  CHECK(e.frequencies.categories[2].estimate == Approx(2.0).margin(1e-12));
  CHECK(e.nps == Approx(100.0).margin(1e-9));
  CHECK(e.standardError == Approx(165.83123951777).epsilon(1e-10));
  CHECK(e.ci95Low == -100.0);
  CHECK(e.ci95High == 100.0);
  const std::uint8_t bad[] = {0, 0, 1, 1, 2, 0};
  requireError([&] { estimateUnary(bad, 2, 3, 1.0); }, ErrorCode::Range, "/reports/1/1");
  requireError([&] { estimateUnary(bits, 0, 3, 1.0); }, ErrorCode::Empty, "/counts");
}

TEST_CASE("unary estimates are unbiased for many categories (personas)", "[privacy]") {
  const std::vector<double> shares = {0.05, 0.1, 0.15, 0.2, 0.25, 0.1, 0.1, 0.05};
  SplitMix rng{99};
  std::vector<double> sum(shares.size(), 0);
  constexpr int runs = 300, n = 2000;
  for (int r = 0; r < runs; ++r) {
    const auto bits = simulate(rng, shares, n, 1.0);
    const auto e = estimateUnary(bits.data(), n, shares.size(), 1.0);
    for (std::size_t j = 0; j < shares.size(); ++j) sum[j] += e.categories[j].estimate;
  }
  // One run's SE ≤ sqrt(.5·.5/2000)/(.5 − .269) ≈ 0.048, so the mean of 300 has SE ≤ 0.0028;
  // 0.011 is four of them.
  for (std::size_t j = 0; j < shares.size(); ++j) CHECK(sum[j] / runs == Approx(shares[j]).margin(0.011));
}

TEST_CASE("unary NPS at ε = 1, n = 10,000: the interval covers the truth in ≥ 93 of 100 runs", "[privacy]") {
  int covered = 0;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    SplitMix rng{seed};
    const auto bits = simulate(rng, {0.25, 0.30, 0.45}, 10000, 1.0);  // true NPS 20
    const auto e = estimateUnaryNps(bits.data(), 10000, 1.0);
    if (e.ci95Low <= 20.0 && 20.0 <= e.ci95High) ++covered;
  }
  CHECK(covered >= 93);
}
