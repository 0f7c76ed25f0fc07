#include <catch2/catch.hpp>

#include "scores_fixtures.hpp"
#include "selfcrm/scores/bgnbd.hpp"
#include "selfcrm/scores/gamma_gamma.hpp"
#include "selfcrm/scores/score_card.hpp"

using namespace selfcrm;
using namespace selfcrm::scores;
using namespace scores_test;

TEST_CASE("quintile scores and cut points", "[scores][rfm]") {
  const Quintiles cuts{30, 90, 180, 365};
  CHECK(quintileScore(30, cuts) == 1);
  CHECK(quintileScore(31, cuts) == 2);
  CHECK(quintileScore(400, cuts) == 5);
  // Nearest ranks ⌈k·n/5⌉ of 1…10 are the 2nd, 4th, 6th and 8th values.
  CHECK(quintileCutPoints({10, 9, 8, 7, 6, 5, 4, 3, 2, 1}) == Quintiles{2, 4, 6, 8});
  CHECK(quintileCutPoints({7}) == Quintiles{7, 7, 7, 7});
  CHECK(failure([] { quintileCutPoints({}); }) == "E_EMPTY ");
}

TEST_CASE("RFM segment grid covers every cell as documented", "[scores][rfm]") {
  // Rows R = 5 … 1, columns F = 1 … 5.
  const char* grid[5][5] = {
      {"new", "potential loyalist", "loyal", "champions", "champions"},
      {"potential loyalist", "potential loyalist", "loyal", "champions", "champions"},
      {"needs attention", "needs attention", "loyal", "loyal", "loyal"},
      {"hibernating", "hibernating", "at risk", "at risk", "cannot lose"},
      {"lost", "lost", "at risk", "at risk", "cannot lose"},
  };
  for (int r = 5; r >= 1; --r) {
    for (int f = 1; f <= 5; ++f) {
      INFO("R" << r << " F" << f);
      CHECK(std::string(rfmSegment(r, f)) == grid[5 - r][f - 1]);
    }
  }
}

TEST_CASE("RFM of a profile by hand", "[scores][rfm]") {
  Profile p;
  p.history.transactions = {purchase(day(2024, 3, 1), 40), purchase(day(2024, 3, 21) + 3600, 60),
                            purchase(day(2024, 3, 21), 20)};
  const Timestamp asOf = day(2024, 3, 31) + 7200;
  const Model model = Model::defaults();
  auto card = scoreProfile(p, model, asOf);
  // Recency 10 days → R = 5; 3 transactions over cuts 1/2/4/8 → F = 3; mean 40 over 20/50/… → M = 2.
  CHECK(card.rfm.recencyDays == 10);
  CHECK(card.rfm.frequency == 3);
  CHECK(card.rfm.monetary == 40);
  CHECK(card.rfm.r == 5);
  CHECK(card.rfm.f == 3);
  CHECK(card.rfm.m == 2);
  CHECK(card.rfm.segment == "loyal");
  CHECK(nlohmann::json(card.rfm)["value"] == "532");

  Model total = model;
  total.rfm.monetary = MonetaryKind::Total;  // 120 over 20/50/100/250 → M = 4
  CHECK(scoreProfile(p, total, asOf).rfm.m == 4);
}

TEST_CASE("RFM and CLV edges: no purchases, one purchase, all on one day, future dates", "[scores][rfm][clv]") {
  const Model model = Model::defaults();
  Profile none;
  auto card = scoreProfile(none, model, day(2024, 1, 1));
  CHECK(card.rfm.segment == "prospect");
  CHECK(nlohmann::json(card.rfm)["value"].is_null());
  CHECK(nlohmann::json(card.clv)["value"] == 0.0);
  CHECK(nlohmann::json(card.clv)["method"] == "none");

  Profile one;
  one.history.transactions = {purchase(day(2024, 1, 1) + 600, 30, 9)};
  card = scoreProfile(one, model, day(2024, 1, 1) + 3600);
  CHECK(card.rfm.recencyDays == 0);
  CHECK(card.rfm.segment == "new");
  // One period minimum tenure: 1 purchase per period × 9 margin × Σ (0.98/(1+d))^i.
  REQUIRE(card.clv.simple);
  CHECK(card.clv.simple->purchasesPerPeriod == 1);
  CHECK(card.clv.simple->marginPerTransaction == 9);

  Profile sameDay;
  sameDay.history.transactions = {purchase(day(2024, 1, 1), 10), purchase(day(2024, 1, 1) + 60, 15)};
  Model fitted = model;
  fitted.bgnbd = BgNbdParams{0.243, 4.414, 0.793, 2.426};
  fitted.gammaGamma = GammaGammaParams{6.25, 3.74, 15.44};
  card = scoreProfile(sameDay, fitted, day(2024, 1, 1) + 7200);
  REQUIRE(card.clv.bgnbd);
  CHECK(card.clv.bgnbd->summary.frequency == 0);  // both purchases on the first day: no repeat
  CHECK(card.clv.bgnbd->summary.age == 0);
  CHECK(card.clv.bgnbd->probabilityAlive == 1.0);
  CHECK(card.clv.bgnbd->expectedSpend == Approx(6.25 * 15.44 / 2.74).epsilon(1e-15));

  // A purchase after asOf has not happened yet: left out, and the explanation says so.
  Profile future;
  future.history.transactions = {purchase(day(2024, 1, 1), 10), purchase(day(2024, 2, 1), 10)};
  Profile past;
  past.history.transactions = {purchase(day(2024, 1, 1), 10)};
  const ScoreCard withLater = scoreProfile(future, model, day(2024, 1, 15));
  const ScoreCard without = scoreProfile(past, model, day(2024, 1, 15));
  CHECK(withLater.rfm.frequency == 1);
  CHECK(withLater.rfm.segment == without.rfm.segment);
  CHECK(withLater.clv.explain.tree().at("leftOutAfterAsOf") == nlohmann::json{{"transactions", 1}});
  CHECK(withLater.rfm.explain.tree().at("leftOutAfterAsOf") == nlohmann::json{{"transactions", 1}});
  CHECK_FALSE(without.rfm.explain.tree().contains("leftOutAfterAsOf"));
  CHECK_FALSE(withLater.nps.explain.tree().contains("leftOutAfterAsOf"));  // no survey was left out
}

TEST_CASE("simple CLV by hand", "[scores][clv]") {
  Model m = Model::defaults();
  m.clv.horizonPeriods = 2;
  m.clv.annualDiscountRate = 0;
  m.clv.retentionPerPeriod = 0.5;
  PurchaseHistory h = purchaseHistory({purchase(day(2024, 1, 1), 100, 10), purchase(day(2024, 1, 15), 100, 20)},
                                      day(2024, 1, 29));
  // 2 purchases over 4 weeks = 0.5 per week; 15 margin each; 0.5 + 0.25 discounted periods.
  const SimpleClv clv = simpleClv(h, day(2024, 1, 29), m);
  CHECK(clv.purchasesPerPeriod == 0.5);
  CHECK(clv.marginPerTransaction == 15);
  CHECK(clv.discountedPeriods == 0.75);
  CHECK(clv.value == 5.625);
}

TEST_CASE("BG/NBD CLV without discounting telescopes to E[Y(H)]·E[M]·margin", "[scores][clv]") {
  Model m = Model::defaults();
  m.clv.horizonPeriods = 3;
  m.clv.annualDiscountRate = 0;
  m.clv.marginRate = 0.25;
  const BgNbdParams bg{0.243, 4.414, 0.793, 2.426};
  const GammaGammaParams gg{6.25, 3.74, 15.44};
  const CustomerSummary c{2, 30.43, 38.86, 40};
  const ProbabilisticClv clv = probabilisticClv(c, bg, gg, m);
  CHECK(clv.expectedPurchases == Approx(expectedPurchases(bg, c, 3)).epsilon(1e-15));
  CHECK(clv.value == Approx(expectedPurchases(bg, c, 3) * expectedSpend(gg, 2, 40) * 0.25).epsilon(1e-13));
  // With a 10 % yearly rate and yearly periods, the first period's purchases are divided by 1.1.
  m.periodDays = 365.25;
  m.clv.annualDiscountRate = 0.1;
  m.clv.horizonPeriods = 1;
  const ProbabilisticClv one = probabilisticClv(c, bg, gg, m);
  CHECK(one.value == Approx(expectedPurchases(bg, c, 1) / 1.1 * expectedSpend(gg, 2, 40) * 0.25).epsilon(1e-13));
}
