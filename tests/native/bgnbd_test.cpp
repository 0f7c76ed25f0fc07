#include <catch2/catch.hpp>

#include <cmath>
#include <tuple>

#include "selfcrm/error.hpp"
#include "selfcrm/scores/bgnbd.hpp"
#include "selfcrm/scores/gamma_gamma.hpp"
#include "selfcrm/scores/simulate.hpp"

using namespace selfcrm;
using namespace selfcrm::scores;

namespace {
const BgNbdParams kCdnow{0.243, 4.414, 0.793, 2.426};  // FHL 2005's CDNOW estimates
const GammaGammaParams kSpend{6.25, 3.74, 15.44};

// The likelihood of FHL 2005 equation (3), evaluated with libm's Γ and powers, term by term.
double directLikelihood(const BgNbdParams& p, double x, double tx, double T) {
  auto beta = [](double u, double v) { return std::tgamma(u) * std::tgamma(v) / std::tgamma(u + v); };
  double common = std::tgamma(p.r + x) * std::pow(p.alpha, p.r) / std::tgamma(p.r);
  double l = beta(p.a, p.b + x) / beta(p.a, p.b) * common / std::pow(p.alpha + T, p.r + x);
  if (x > 0) l += beta(p.a + 1, p.b + x - 1) / beta(p.a, p.b) * common / std::pow(p.alpha + tx, p.r + x);
  return l;
}
}  // namespace

TEST_CASE("BG/NBD log-likelihood equals the direct formula", "[scores][bgnbd]") {
  const CustomerSummary cases[] = {{0, 0, 38.86, 0}, {1, 5.5, 30, 10}, {2, 30.43, 38.86, 0}, {7, 35, 39, 0}, {20, 70, 78, 0}};
  for (const auto& c : cases) {
    INFO(c.frequency);
    CHECK(bgnbdLogLikelihood(kCdnow, c) ==
          Approx(std::log(directLikelihood(kCdnow, c.frequency, c.recency, c.age))).epsilon(1e-12));
  }
  std::vector<CustomerSummary> all(std::begin(cases), std::end(cases));
  double sum = 0;
  for (const auto& c : all) sum += bgnbdLogLikelihood(kCdnow, c);
  CHECK(bgnbdLogLikelihood(kCdnow, all) == Approx(sum).epsilon(1e-14));
}

TEST_CASE("BG/NBD predictions match the paper and closed forms", "[scores][bgnbd]") {
  // FHL 2005, section 5: a CDNOW customer with x = 2, t_x = 30.43, T = 38.86 is expected to make
  // 1.226 purchases in the next 39 weeks.
  const CustomerSummary c{2, 30.43, 38.86, 0};
  CHECK(expectedPurchases(kCdnow, c, 39) == Approx(1.226).margin(0.0005));
  // P(alive) by hand: 1 / (1 + 0.793/3.426 · (43.274/34.844)^2.243) = 0.6967...
  const double ratio = std::pow((4.414 + 38.86) / (4.414 + 30.43), 2.243);
  CHECK(probabilityAlive(kCdnow, c) == Approx(1 / (1 + 0.793 / 3.426 * ratio)).epsilon(1e-13));
  CHECK(probabilityAlive(kCdnow, {0, 0, 10, 0}) == 1.0);
  // For small t, E[Y(t)] / t → P(alive)·E[λ | x, T] = P(alive)·(r+x)/(α+T).
  const double t = 1e-6;
  CHECK(expectedPurchases(kCdnow, c, t) / t ==
        Approx(probabilityAlive(kCdnow, c) * (0.243 + 2) / (4.414 + 38.86)).epsilon(1e-5));
  CHECK(expectedPurchases(kCdnow, c, 0) == 0.0);
  // A new customer over t: compare with the mean of simulated repeat purchases.
  const auto sim = simulateCustomers(kCdnow, kSpend, 100000, 39, 39, 11);
  double mean = 0;
  for (const auto& s : sim) mean += s.frequency;
  mean /= static_cast<double>(sim.size());
  CHECK(expectedPurchasesNewCustomer(kCdnow, 39) == Approx(mean).epsilon(0.02));
}

TEST_CASE("BG/NBD rejects impossible summaries with paths", "[scores][bgnbd]") {
  auto codeAndPath = [](auto&& fn) {
    try {
      fn();
    } catch (const Error& e) {
      return std::string(codeName(e.code())) + " " + e.path();
    }
    return std::string("no error");
  };
  CHECK(codeAndPath([] { probabilityAlive(kCdnow, {1, 12, 10, 0}); }) == "E_RANGE /recency");
  CHECK(codeAndPath([] { probabilityAlive(kCdnow, {1.5, 1, 10, 0}); }) == "E_RANGE /frequency");
  CHECK(codeAndPath([] { probabilityAlive({0.2, -1, 1, 1}, {1, 1, 10, 0}); }) == "E_RANGE /bgnbd/alpha");
  CHECK(codeAndPath([] { fitBgNbd({{0, 0, 5, 0}, {0, 0, 6, 0}}); }) == "E_EMPTY ");
  CHECK(codeAndPath([] { expectedPurchases({0.2, 4, 1, 2}, {1, 1, 10, 0}, 5); }) == "E_RANGE /bgnbd/a");
  CHECK(codeAndPath([] { expectedPurchases(kCdnow, {1, 1, 10, 0}, -1); }) == "E_RANGE /t");
  CHECK(codeAndPath([] { fitBgNbd({{0, 0, 5, 0}, {1, 0, -1, 0}}); }) == "E_RANGE /1/age");
}

TEST_CASE("BG/NBD and Gamma-Gamma recover simulated parameters", "[scores][bgnbd][recovery]") {
  // 8000 customers observed for 26–78 weeks. Stated tolerances (relative): r and α within 15%,
  // a and b within 35% (they are weakly identified: FHL's CDNOW standard errors are ~35% of a);
  // p, q, γ within 20%.
  const auto customers = simulateCustomers(kCdnow, kSpend, 8000, 26, 78, 2024);
  const BgNbdFit fit = fitBgNbd(customers);
  CHECK(fit.report.converged);
  CHECK(fit.startsAgreeing >= 2);
  CHECK(fit.params.r == Approx(kCdnow.r).epsilon(0.15));
  CHECK(fit.params.alpha == Approx(kCdnow.alpha).epsilon(0.15));
  CHECK(fit.params.a == Approx(kCdnow.a).epsilon(0.35));
  CHECK(fit.params.b == Approx(kCdnow.b).epsilon(0.35));
  // The optimum beats the true parameters on the sample it was fitted to.
  CHECK(fit.logLikelihood >= bgnbdLogLikelihood(kCdnow, customers));
  CHECK(fit.logLikelihood == Approx(bgnbdLogLikelihood(fit.params, customers)).epsilon(1e-12));

  const GammaGammaFit spend = fitGammaGamma(customers);
  CHECK(spend.report.converged);
  CHECK(spend.params.p == Approx(kSpend.p).epsilon(0.2));
  CHECK(spend.params.q == Approx(kSpend.q).epsilon(0.2));
  CHECK(spend.params.gamma == Approx(kSpend.gamma).epsilon(0.2));
}

TEST_CASE("Gamma-Gamma likelihood and expected spend by hand", "[scores][gammagamma]") {
  // x = 3, m̄ = 20 with p = 6.25, q = 3.74, γ = 15.44: px = 18.75.
  const double px = 18.75;
  const double expected = std::lgamma(px + 3.74) - std::lgamma(px) - std::lgamma(3.74) + 3.74 * std::log(15.44) +
                          (px - 1) * std::log(20.0) + px * std::log(3.0) - (px + 3.74) * std::log(15.44 + 60);
  CHECK(gammaGammaLogLikelihood(kSpend, 3, 20) == Approx(expected).epsilon(1e-13));
  // E[M] = (γ + x m̄) p / (p x + q − 1) = 75.44 · 6.25 / 21.49.
  CHECK(expectedSpend(kSpend, 3, 20) == Approx(75.44 * 6.25 / 21.49).epsilon(1e-15));
  // No repeat purchases: the population mean p γ / (q − 1).
  CHECK(expectedSpend(kSpend, 0, 0) == Approx(6.25 * 15.44 / 2.74).epsilon(1e-15));
  CHECK_THROWS_AS(expectedSpend({1, 0.5, 1}, 1, 1), Error);
  CHECK_THROWS_AS(gammaGammaLogLikelihood(kSpend, 0, 20), Error);
}

TEST_CASE("BG/NBD fits converge on ordinary data of many shapes", "[scores][bgnbd][robust]") {
  // Small samples, short and long observation windows, fast and slow buyers: every fit must
  // converge, with at least two of the four starts agreeing on the optimum.
  const BgNbdParams shapes[] = {{0.243, 4.414, 0.793, 2.426}, {1.0, 10.0, 2.0, 8.0}, {0.5, 2.0, 0.3, 5.0},
                                {2.0, 30.0, 1.5, 1.5}};
  std::uint64_t seed = 100;
  for (const auto& truth : shapes) {
    for (const auto& [n, minAge, maxAge] : {std::tuple<std::size_t, double, double>{300, 10, 20}, {1500, 39, 39}}) {
      const auto customers = simulateCustomers(truth, kSpend, n, minAge, maxAge, ++seed);
      const BgNbdFit fit = fitBgNbd(customers);
      INFO("r=" << truth.r << " n=" << n << " fitted r=" << fit.params.r << " alpha=" << fit.params.alpha);
      CHECK(fit.report.converged);
      CHECK(fit.startsAgreeing >= 2);
      CHECK(fit.logLikelihood >= bgnbdLogLikelihood(truth, customers));
    }
  }
}

TEST_CASE("the expected-purchases curve equals pointwise predictions", "[scores][bgnbd]") {
  const CustomerSummary c{3, 20, 40, 0};
  const auto curve = expectedPurchasesCurve(kCdnow, c, 5);
  REQUIRE(curve.size() == 5);
  for (std::size_t i = 0; i < 5; ++i) CHECK(curve[i] == expectedPurchases(kCdnow, c, static_cast<double>(i + 1)));
  CHECK(expectedPurchasesCurve(kCdnow, c, 0).empty());
}
