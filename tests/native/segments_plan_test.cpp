#include <catch2/catch.hpp>

#include <cmath>

#include "segments_fixtures.hpp"
#include "selfcrm/segments/decay.hpp"
#include "selfcrm/segments/scoring_plan.hpp"

using namespace segtest;
using selfcrm::Error;
using selfcrm::ErrorCode;
using selfcrm::segments::halfLifeFactor;
using selfcrm::segments::ScoringPlan;

namespace {
// Interactions from the customer 0, 15, 30 and 60 days before asOf, and one a year ago.
json activeFacts() {
  json list = json::array();
  for (const char* at : {"2024-06-01", "2024-05-17", "2024-05-02", "2024-04-02", "2023-06-01"}) {
    list.push_back({{"at", at}, {"channel", "email"}, {"direction", "customer-to-business"}});
  }
  return {{"history", {{"interactions", list}}}, {"scores", {{"nps", {{"category", "promoter"}}}}}};
}

json plan(double cap, double ruleCap) {
  json p = json::parse(R"({"name": "engagement", "halfLifeDays": 30,
    "rules": [
      {"each": {"history": "interactions", "withinDays": 90}, "points": 4},
      {"when": {"field": "scores.nps.category", "op": "eq", "value": "promoter"}, "points": 10},
      {"when": {"field": "scores.nps.category", "op": "eq", "value": "detractor"}, "points": -10}
    ],
    "thresholds": [{"segment": "warm", "atLeast": 15}, {"segment": "hot", "atLeast": 20}]})");
  if (cap > 0) p["cap"] = cap;
  if (ruleCap > 0) p["rules"][0]["cap"] = ruleCap;
  return p;
}
}  // namespace

TEST_CASE("half-life decay is exact at whole half-lives and close to exp2 between", "[segments][plans]") {
  CHECK(halfLifeFactor(0, 30) == 1.0);
  CHECK(halfLifeFactor(30, 30) == 0.5);
  CHECK(halfLifeFactor(60, 30) == 0.25);
  CHECK(halfLifeFactor(-5, 30) == 1.0);
  CHECK(halfLifeFactor(10, 0) == 1.0);  // no half-life: no decay
  CHECK(std::fabs(halfLifeFactor(15, 30) - 0.70710678118654752) < 2e-16);
  CHECK(std::fabs(halfLifeFactor(45, 30) - 0.35355339059327376) < 1e-16);
  CHECK(std::fabs(halfLifeFactor(1, 7) - 0.9057236642639067) < 3e-16);  // 2^(−1/7)
  CHECK(halfLifeFactor(1e9, 1) == 0.0);
}

TEST_CASE("each-record points decay with the record's age; when-rules add once", "[segments][plans]") {
  auto p = ScoringPlan::fromJson(plan(0, 0));
  auto s = p.score(activeFacts(), {asOf(), nullptr});
  REQUIRE(s.rules.size() == 3);
  // 4·(1 + 2^−½ + ½ + ¼): the year-old record is outside the 90-day window.
  const double each = 4 * (1 + 0.70710678118654752 + 0.5 + 0.25);
  CHECK(s.rules[0].matches == 4);
  CHECK(std::fabs(s.rules[0].points - each) < 1e-14);
  CHECK(s.rules[1].points == 10);
  CHECK(s.rules[1].matches == 1);
  CHECK(s.rules[2].points == 0);
  CHECK(s.rules[2].matches == 0);
  CHECK(std::fabs(s.points - (each + 10)) < 1e-14);
  CHECK(s.segments == std::vector<std::string>{"warm"});  // 17.83 ≥ 15 but < 20
  CHECK(s.rules[0].at == "/rules/0");
  CHECK(s.rules[0].rule == "at least 1 interactions within 90 days");
}

TEST_CASE("rule and plan caps bound the points", "[segments][plans]") {
  auto ruleCapped = ScoringPlan::fromJson(plan(0, 5)).score(activeFacts(), {asOf(), nullptr});
  CHECK(ruleCapped.rules[0].points == 5);
  CHECK(ruleCapped.points == 15);
  CHECK(ruleCapped.segments == std::vector<std::string>{"warm"});
  auto planCapped = ScoringPlan::fromJson(plan(12, 0)).score(activeFacts(), {asOf(), nullptr});
  CHECK(planCapped.points == 12);
  CHECK(planCapped.segments.empty());
}

TEST_CASE("negative points and no decay without a half-life", "[segments][plans]") {
  json p = plan(0, 0);
  p.erase("halfLifeDays");
  json facts = activeFacts();
  facts["scores"]["nps"]["category"] = "detractor";
  auto s = ScoringPlan::fromJson(p).score(facts, {asOf(), nullptr});
  CHECK(s.rules[0].points == 16);  // 4 records × 4, undecayed
  CHECK(s.points == 6);            // 16 − 10
  CHECK(s.segments.empty());
}

TEST_CASE("malformed plans fail with a code and pointer", "[segments][plans][malformed]") {
  struct Case {
    const char* spec;
    ErrorCode code;
    const char* path;
  };
  const Case cases[] = {
      {R"([])", ErrorCode::Schema, ""},
      {R"({"rules": [{"when": {"field": "id", "op": "exists"}, "points": 1}]})", ErrorCode::Schema, "/name"},
      {R"({"name": "p", "rules": []})", ErrorCode::Empty, "/rules"},
      {R"({"name": "p", "rules": {}})", ErrorCode::Schema, "/rules"},
      {R"({"name": "p", "rules": [{"points": 1}]})", ErrorCode::Schema, "/rules/0"},
      {R"({"name": "p", "rules": [{"when": {"field": "id", "op": "exists"}}]})", ErrorCode::Schema, "/rules/0/points"},
      {R"({"name": "p", "rules": [{"when": {"field": "id", "op": "exists"}, "points": "1"}]})", ErrorCode::Schema, "/rules/0/points"},
      {R"({"name": "p", "rules": [{"when": {"field": "id", "op": "exists"}, "points": 1, "halfLifeDays": 3}]})", ErrorCode::Schema, "/rules/0/halfLifeDays"},
      {R"({"name": "p", "rules": [{"each": {"field": "id", "op": "exists"}, "points": 1}]})", ErrorCode::Schema, "/rules/0/each"},
      {R"({"name": "p", "rules": [{"each": {"history": "surveys", "atLeast": 2}, "points": 1}]})", ErrorCode::Schema, "/rules/0/each/atLeast"},
      {R"({"name": "p", "rules": [{"each": {"history": "surveys"}, "points": 1, "cap": -1}]})", ErrorCode::Range, "/rules/0/cap"},
      {R"({"name": "p", "halfLifeDays": -2, "rules": [{"each": {"history": "surveys"}, "points": 1}]})", ErrorCode::Range, "/halfLifeDays"},
      {R"({"name": "p", "rules": [{"when": {"field": "nope", "op": "exists"}, "points": 1}]})", ErrorCode::Schema, "/rules/0/when/field"},
      {R"({"name": "p", "rules": [{"when": {"field": "id", "op": "exists"}, "points": 1}], "thresholds": [{"atLeast": 1}]})", ErrorCode::Schema, "/thresholds/0/segment"},
      {R"({"name": "p", "rules": [{"when": {"field": "id", "op": "exists"}, "points": 1}], "thresholds": [{"segment": "s"}]})", ErrorCode::Schema, "/thresholds/0/atLeast"},
      {R"({"name": "p", "decay": 3, "rules": [{"when": {"field": "id", "op": "exists"}, "points": 1}]})", ErrorCode::Schema, "/decay"},
  };
  for (const auto& c : cases) {
    INFO(c.spec);
    try {
      ScoringPlan::fromJson(json::parse(c.spec));
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(std::string(selfcrm::codeName(e.code())) == selfcrm::codeName(c.code));
      CHECK(e.path() == c.path);
    }
  }
}
