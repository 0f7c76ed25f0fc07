#include <catch2/catch.hpp>

#include <cmath>

#include "scores_fixtures.hpp"
#include "selfcrm/scores/score_card.hpp"

using namespace selfcrm;
using namespace selfcrm::scores;
using namespace scores_test;

namespace {
SurveyAnswer answer(Timestamp at, int score) {
  SurveyAnswer a;
  a.at = at;
  a.score = score;
  return a;
}
Referral referral(Timestamp at, bool converted, double value, std::string id = "r") {
  Referral r;
  r.id = std::move(id);
  r.at = at;
  r.converted = converted;
  r.value = value;
  return r;
}
}  // namespace

TEST_CASE("extended NPS per customer and population", "[scores][nps]") {
  const Timestamp asOf = day(2024, 6, 1);
  Profile promoter;
  promoter.history.surveys = {answer(day(2024, 3, 1), 9), answer(day(2024, 1, 1), 6)};
  promoter.history.referrals = {referral(day(2024, 3, 2), true, 10)};
  Profile silent;
  silent.history.surveys = {answer(day(2024, 2, 1), 7)};
  silent.history.referrals = {referral(day(2024, 2, 2), true, 10), referral(day(2024, 2, 3), false, 0)};
  Profile quiet;

  const CustomerNps a = customerNps(promoter, asOf);
  CHECK(a.latestScore == 9);
  CHECK(a.category == NpsCategory::Promoter);
  CHECK(a.history.size() == 2);
  CHECK(a.history.front().second == 6);  // date order
  CHECK_FALSE(a.silentAdvocate);
  const CustomerNps b = customerNps(silent, asOf);
  CHECK(b.category == NpsCategory::Passive);
  CHECK(b.silentAdvocate);
  const CustomerNps c = customerNps(quiet, asOf);
  CHECK_FALSE(c.category.has_value());
  CHECK(nlohmann::json(c)["value"].is_null());

  const PopulationAdvocacy pop = populationAdvocacy({a, b, c});
  CHECK(pop.nps.nps == 50);  // one promoter, one passive
  CHECK(pop.nps.n == 2);
  CHECK(pop.promoterReferralShare == 1.0);
  CHECK(pop.referrals == 3);
  CHECK(pop.referralConversion == Approx(2.0 / 3).epsilon(1e-15));
  CHECK(pop.silentAdvocates == 1);
  CHECK(failure([&] { populationAdvocacy({c}); }) == "E_EMPTY ");

  // The same population from figures alone (what `selfcrm report` holds): the same result.
  const double rows[] = {9, static_cast<double>(a.referrals), static_cast<double>(a.convertedReferrals),
                         7, static_cast<double>(b.referrals), static_cast<double>(b.convertedReferrals),
                         NAN, static_cast<double>(c.referrals), static_cast<double>(c.convertedReferrals)};
  CHECK(nlohmann::json(populationAdvocacy(rows, 3)) == nlohmann::json(pop));
  const double nobody[] = {NAN, 1, 1};
  const PopulationAdvocacy none = populationAdvocacy(nobody, 1);
  CHECK_FALSE(none.answered);
  CHECK(nlohmann::json(none)["nps"].is_null());
  CHECK(none.silentAdvocates == 1);
  const double converted[] = {9, 1, 2};
  CHECK(failure([&] { populationAdvocacy(converted, 1); }) == "E_RANGE /0/converted");

  Profile bad;
  bad.history.surveys = {answer(day(2024, 1, 1), 11)};
  CHECK(failure([&] { customerNps(bad, asOf); }) == "E_RANGE /history/surveys/0/score");
  bad.history.surveys = {answer(day(2024, 7, 1), 5)};
  CHECK(failure([&] { customerNps(bad, asOf); }) == "E_RANGE /history/surveys/0/at");
}

TEST_CASE("customer referral value by hand", "[scores][crv]") {
  Model m = Model::defaults();
  m.clv.horizonPeriods = 2;
  m.clv.annualDiscountRate = 0;
  m.referral.wouldHaveComeAnyway = 0.25;
  m.referral.acquisitionCost = 40;
  Profile p;
  p.history.referrals = {referral(day(2024, 1, 1), true, 100, "x"), referral(day(2024, 1, 2), false, 50, "y")};
  // 0.75 × 100 (spread over 2 undiscounted periods) + 0.25 × 40 saved.
  ReferralValue v = referralValue(p, day(2024, 2, 1), m);
  CHECK(v.marginPart == 75);
  CHECK(v.acquisitionSavedPart == 10);
  CHECK(v.value == 85);
  CHECK(v.converted == 1);
  CHECK(v.explain.tree()["referrals"][1]["margin"] == 0.0);
  // Yearly periods at 10 %: 0.75 × 50 × (1/1.1 + 1/1.21).
  m.periodDays = 365.25;
  m.clv.annualDiscountRate = 0.1;
  CHECK(referralValue(p, day(2024, 2, 1), m).marginPart == Approx(0.75 * 50 * (1 / 1.1 + 1 / 1.21)).epsilon(1e-13));
  Profile none;
  CHECK(referralValue(none, day(2024, 2, 1), m).value == 0);
  CHECK(failure([&] { referralValue(p, day(2023, 12, 1), m); }) == "E_RANGE /history/referrals/0/at");
}

TEST_CASE("influence connector score by hand", "[scores][influence]") {
  const InfluenceSettings s;  // reach 1e6, half-scores 2 and 0.01, weights 0.4/0.3/0.3
  Profile p;
  const auto reach = [](const char* network, Timestamp at, std::int64_t followers, std::int64_t posts,
                        std::int64_t reshares, std::int64_t mentions) {
    SocialReach s;
    s.network = network, s.at = at, s.followers = followers, s.posts = posts, s.reshares = reshares;
    s.mentions = mentions;
    return s;
  };
  const SocialReach old = reach("twitter", day(2024, 1, 1), 10, 1, 0, 0);
  const SocialReach now = reach("twitter", day(2024, 2, 1), 999, 10, 15, 5);
  const SocialReach forum = reach("forum", day(2024, 2, 1), 0, 0, 0, 0);
  p.history.reach = {now, old, forum};
  const Influence i = influence(p, day(2024, 3, 1), s);
  CHECK(i.reach == 999);
  CHECK(i.amplification == 2);             // 20 responses / 10 posts
  CHECK(i.engagementRate == Approx(20.0 / 9990).epsilon(1e-15));
  const double rate = 20.0 / 9990;
  const double expected = 100 * (0.4 * std::log(1000.0) / std::log(1000001.0) + 0.3 * 0.5 + 0.3 * rate / (rate + 0.01));
  CHECK(i.value == Approx(expected).epsilon(1e-14));
  CHECK(i.networks.size() == 2);

  Profile nobody;
  nobody.history.reach = {forum};
  CHECK(influence(nobody, day(2024, 3, 1), s).value == 0);  // zero followers, zero posts
  CHECK(failure([&] { influence(p, day(2024, 1, 15), s); }) == "E_RANGE /history/reach/0/at");
  p.history.reach[1].followers = -1;
  CHECK(failure([&] { influence(p, day(2024, 3, 1), s); }) == "E_RANGE /history/reach/1/followers");
}

TEST_CASE("engagement decays with its half-life", "[scores][engagement]") {
  const Timestamp asOf = day(2024, 3, 31);
  Profile p;
  auto touch = [](Timestamp at, const char* channel, Direction d) {
    Interaction i;
    i.at = at;
    i.channel = channel;
    i.direction = d;
    return i;
  };
  p.history.interactions = {touch(asOf, "email", Direction::CustomerToBusiness),
                            touch(asOf - 30 * kSecondsPerDay, "email", Direction::CustomerToBusiness),
                            touch(asOf - 60 * kSecondsPerDay, "forum", Direction::CustomerToBusiness),
                            touch(asOf, "email", Direction::BusinessToCustomer)};
  const Engagement e = engagement(p, asOf, 30);
  CHECK(e.value == Approx(1.75).epsilon(1e-15));
  CHECK(e.interactions == 3);
  CHECK(e.explain.tree()["byChannel"]["forum"] == Approx(0.25).epsilon(1e-15));
  // Thirty days later every weight has halved: no server job needed.
  CHECK(engagement(p, asOf + 30 * kSecondsPerDay, 30).value == Approx(0.875).epsilon(1e-15));
  CHECK(engagement(Profile{}, asOf, 30).value == 0);
  CHECK(failure([&] { engagement(p, asOf - kSecondsPerDay, 30); }) == "E_RANGE /history/interactions/0/at");
  CHECK(failure([&] { engagement(p, asOf, 0); }) == "E_RANGE /engagement/halfLifeDays");
}
