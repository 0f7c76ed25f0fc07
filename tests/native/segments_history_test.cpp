#include <catch2/catch.hpp>

#include "segments_fixtures.hpp"

using namespace segtest;
using selfcrm::ErrorCode;
using selfcrm::segments::Condition;

namespace {
// One purchase at `at`, evaluated against "at least 1 transaction within `days` days" as of asOf().
bool boughtWithin(const std::string& at, int days) {
  json facts = {{"history", {{"transactions", {{{"id", "t"}, {"at", at}, {"amount", 1}}}}}}};
  return holds({{"history", "transactions"}, {"withinDays", days}}, facts);
}
}  // namespace

TEST_CASE("history windows include both edges and nothing after asOf", "[segments][history]") {
  // asOf is 2024-06-01T00:00:00Z; 30 days earlier is 2024-05-02T00:00:00Z.
  CHECK(boughtWithin("2024-05-02T00:00:00Z", 30));        // exactly D days ago: inside
  CHECK_FALSE(boughtWithin("2024-05-01T23:59:59Z", 30));  // one second earlier: outside
  CHECK(boughtWithin("2024-06-01T00:00:00Z", 30));        // exactly asOf: inside
  CHECK_FALSE(boughtWithin("2024-06-01T00:00:01Z", 30));  // after asOf: not yet happened
  CHECK(boughtWithin("2024-06-01T00:00:00Z", 0));         // a zero-day window is the instant asOf
  CHECK_FALSE(boughtWithin("2024-05-31T23:59:59Z", 0));
  // Offsets are honoured: 02:00+02:00 is midnight UTC.
  CHECK(boughtWithin("2024-05-02T02:00:00+02:00", 30));
}

TEST_CASE("history counts: atLeast, atMost, both, and no window", "[segments][history]") {
  // Sample: transactions on 05-20, 03-02 and 2023-11-11.
  CHECK(holds({{"history", "transactions"}, {"atLeast", 3}}));
  CHECK_FALSE(holds({{"history", "transactions"}, {"atLeast", 4}}));
  CHECK(holds({{"history", "transactions"}, {"atLeast", 2}, {"withinDays", 91}}));  // 03-02 is 91 days before
  CHECK_FALSE(holds({{"history", "transactions"}, {"atLeast", 2}, {"withinDays", 90}}));
  CHECK(holds({{"history", "transactions"}, {"atMost", 1}, {"withinDays", 90}}));
  CHECK_FALSE(holds({{"history", "transactions"}, {"atMost", 0}, {"withinDays", 90}}));
  CHECK(holds({{"history", "transactions"}, {"atLeast", 2}, {"atMost", 3}}));
  CHECK_FALSE(holds({{"history", "transactions"}, {"atLeast", 1}, {"atMost", 2}}));
  CHECK(holds({{"history", "surveys"}, {"atMost", 0}, {"withinDays", 30}}));
  // A collection the document lacks has no records.
  CHECK(holds({{"history", "transactions"}, {"atMost", 0}}, json::object()));
  CHECK_FALSE(holds({{"history", "transactions"}}, json::object()));
}

TEST_CASE("history sub-conditions read the record's own fields", "[segments][history]") {
  CHECK(holds({{"history", "transactions"}, {"where", cmp("category", "eq", "parts")}, {"atLeast", 2}}));
  CHECK_FALSE(holds({{"history", "transactions"}, {"where", cmp("category", "eq", "parts")}, {"atLeast", 1}, {"withinDays", 30}}));
  CHECK(holds({{"history", "transactions"}, {"where", cmp("amount", "gte", 100)}}));
  CHECK(holds({{"history", "interactions"},
               {"where", {{"and", {cmp("isPublic", "eq", true), cmp("participants", "gte", 3)}}}},
               {"withinDays", 7}}));
  CHECK(holds({{"history", "referrals"}, {"where", cmp("converted", "eq", true)}, {"withinDays", 365}}));
  CHECK_FALSE(holds({{"history", "referrals"}, {"where", cmp("converted", "eq", true)}, {"withinDays", 100}}));
  CHECK(holds({{"history", "reach"}, {"where", cmp("followers", "between", json::array({500, 1000}))}}));
  CHECK(holds({{"history", "surveys"}, {"where", cmp("at", "gte", "2024-04-01")}}));
  CHECK_FALSE(holds({{"history", "surveys"}, {"where", cmp("at", "gt", "2024-04-01")}}));
}

TEST_CASE("matchingTimes lists the records a history condition counts", "[segments][history]") {
  auto c = Condition::compile({{"history", "transactions"}, {"withinDays", 100}});
  auto times = c.matchingTimes(sampleFacts(), {asOf(), nullptr});
  REQUIRE(times.size() == 2);
  CHECK(times[0] == selfcrm::parseIsoTime("2024-05-20T12:00:00Z"));
  CHECK(times[1] == selfcrm::parseIsoTime("2024-03-02T09:00:00Z"));
  CHECK_THROWS_AS(Condition::compile(cmp("id", "eq", "x")).matchingTimes(sampleFacts(), {asOf(), nullptr}), selfcrm::Error);
}

TEST_CASE("a history record without a valid time is reported with its pointer", "[segments][history]") {
  auto c = Condition::compile({{"history", "surveys"}});
  auto expect = [&](const json& facts, ErrorCode code, const std::string& path) {
    try {
      c.test(facts, {asOf(), nullptr});
      FAIL("expected an error");
    } catch (const selfcrm::Error& e) {
      CHECK(e.code() == code);
      CHECK(e.path() == path);
    }
  };
  // (A record after asOf is skipped, so the scan reaches the bad one; scanning stops once the
  // answer is known, so a bad record after that point is not read.)
  expect({{"history", {{"surveys", {{{"at", "2025-01-01"}}, {{"score", 3}}}}}}}, ErrorCode::Schema, "/history/surveys/1/at");
  expect({{"history", {{"surveys", {{{"at", "yesterday"}}}}}}}, ErrorCode::Range, "/history/surveys/0/at");
  expect({{"history", {{"surveys", {7}}}}}, ErrorCode::Schema, "/history/surveys/0");
}
