#include <catch2/catch.hpp>

#include "segments_fixtures.hpp"

using namespace segtest;
using selfcrm::segments::Condition;
using selfcrm::segments::Reason;

TEST_CASE("equality operators on strings, numbers, booleans and times", "[segments]") {
  CHECK(holds(cmp("scores.nps.category", "eq", "promoter")));
  CHECK_FALSE(holds(cmp("scores.nps.category", "eq", "detractor")));
  CHECK(holds(cmp("scores.clv.value", "eq", 640.5)));
  CHECK(holds(cmp("attributes.personal.newsletter", "eq", true)));
  CHECK_FALSE(holds(cmp("attributes.personal.newsletter", "eq", false)));
  CHECK(holds(cmp("identities.addedAt", "eq", "2023-03-01T00:00:00Z")));
  CHECK(holds(cmp("scores.nps.category", "ne", "detractor")));
  CHECK_FALSE(holds(cmp("scores.nps.category", "ne", "promoter")));
  // A value of another type never equals.
  CHECK_FALSE(holds(cmp("attributes.personal.name", "eq", 1)));
  // A field whose type is known refuses a value of another type when the pack is compiled.
  CHECK_THROWS_AS(holds(cmp("scores.nps.category", "eq", 1)), selfcrm::Error);
  // ne needs the field to exist: a missing field is neither equal nor unequal.
  CHECK_FALSE(holds(cmp("scores.clv.expectedSpend", "ne", 3)));
}

TEST_CASE("ordering operators on numbers and ISO times", "[segments]") {
  CHECK(holds(cmp("scores.clv.value", "lt", 641)));
  CHECK_FALSE(holds(cmp("scores.clv.value", "lt", 640.5)));
  CHECK(holds(cmp("scores.clv.value", "lte", 640.5)));
  CHECK_FALSE(holds(cmp("scores.clv.value", "lte", 640)));
  CHECK(holds(cmp("scores.clv.value", "gt", 640)));
  CHECK_FALSE(holds(cmp("scores.clv.value", "gt", 640.5)));
  CHECK(holds(cmp("scores.clv.value", "gte", 640.5)));
  CHECK_FALSE(holds(cmp("scores.clv.value", "gte", 640.6)));
  CHECK(holds(cmp("scores.clv.value", "between", json::array({640.5, 640.5}))));
  CHECK(holds(cmp("scores.clv.value", "between", json::array({600, 700}))));
  CHECK_FALSE(holds(cmp("scores.clv.value", "between", json::array({641, 700}))));
  CHECK(holds(cmp("attributes.personal.signupDate", "lt", "2021-04-02T00:00:01Z")));
  CHECK_FALSE(holds(cmp("attributes.personal.signupDate", "lt", "2021-04-02")));
  CHECK(holds(cmp("attributes.personal.signupDate", "between", json::array({"2021-01-01", "2021-12-31"}))));
  // Strings that are not times are not ordered against a time.
  CHECK_FALSE(holds(cmp("attributes.personal.name", "lt", "2030-01-01")));
}

TEST_CASE("set, presence and text operators", "[segments]") {
  CHECK(holds(cmp("scores.rfm.segment", "in", json::array({"champions", "loyal"}))));
  CHECK_FALSE(holds(cmp("scores.rfm.segment", "in", json::array({"champions", "at risk"}))));
  CHECK(holds(cmp("scores.rfm.segment", "notIn", json::array({"champions", "at risk"}))));
  CHECK_FALSE(holds(cmp("scores.rfm.segment", "notIn", json::array({"loyal"}))));
  CHECK(holds({{"field", "cues.intents.churnThreat"}, {"op", "exists"}}));
  CHECK_FALSE(holds({{"field", "cues.intents.complaint"}, {"op", "exists"}}));
  CHECK(holds({{"field", "cues.intents.complaint"}, {"op", "missing"}}));
  CHECK_FALSE(holds({{"field", "scores.clv.value"}, {"op", "missing"}}));
  CHECK(holds(cmp("attributes.personal.name", "contains", "nn L")));
  CHECK_FALSE(holds(cmp("attributes.personal.name", "contains", "Bob")));
  CHECK(holds(cmp("attributes.personal.name", "startsWith", "Ann")));
  CHECK_FALSE(holds(cmp("attributes.personal.name", "startsWith", "Lee")));
  CHECK(holds(cmp("attributes.personal.name", "endsWith", "Lee")));
  CHECK_FALSE(holds(cmp("attributes.personal.name", "endsWith", "Ann")));
}

TEST_CASE("lists match when any element does; contains is membership in a list", "[segments]") {
  CHECK(holds(cmp("attributes.preferential.channels", "contains", "forum")));
  // Membership, not substring, inside a list.
  CHECK_FALSE(holds(cmp("attributes.preferential.channels", "contains", "mail")));
  CHECK(holds(cmp("attributes.preferential.channels", "eq", "email")));
  CHECK(holds(cmp("identities.kind", "eq", "twitter")));
  CHECK(holds(cmp("identities.verified", "eq", false)));
  CHECK_FALSE(holds(cmp("identities.kind", "eq", "phone")));
  CHECK(holds(cmp("identities.normalized", "endsWith", "@example.com")));
  CHECK(holds(cmp("identities.kind", "notIn", json::array({"phone", "facebook"}))));
  CHECK(holds(cmp("segments", "contains", "beta-testers")));
  CHECK(holds(cmp("id", "eq", "cust-1")));
}

TEST_CASE("segments computed earlier are visible to later conditions", "[segments]") {
  auto c = Condition::compile(cmp("segments", "eq", "evangelist"));
  std::vector<std::string> found{"evangelist"};
  CHECK_FALSE(c.test(sampleFacts(), {asOf(), nullptr}));
  CHECK(c.test(sampleFacts(), {asOf(), &found}));
}

TEST_CASE("and, or, not combine; nesting works", "[segments]") {
  json yes = cmp("scores.nps.category", "eq", "promoter");
  json no = cmp("scores.nps.category", "eq", "detractor");
  CHECK(holds({{"and", {yes, yes}}}));
  CHECK_FALSE(holds({{"and", {yes, no}}}));
  CHECK(holds({{"or", {no, yes}}}));
  CHECK_FALSE(holds({{"or", {no, no}}}));
  CHECK(holds({{"not", no}}));
  CHECK_FALSE(holds({{"not", yes}}));
  CHECK(holds({{"and", {{{"not", no}}, {{"or", {no, {{"and", {yes}}}}}}}}}));
}

TEST_CASE("explanations list the leaves that made a condition true", "[segments]") {
  json spec = json::parse(R"({"or": [
    {"field": "scores.nps.category", "op": "eq", "value": "detractor"},
    {"and": [{"field": "scores.clv.value", "op": "gte", "value": 500},
             {"label": "not a detractor", "not": {"field": "scores.nps.category", "op": "eq", "value": "detractor"}}]},
    {"field": "attributes.preferential.channels", "op": "contains", "value": "email"}
  ]})");
  auto c = Condition::compile(spec, "/segments/0/condition");
  std::vector<Reason> because;
  REQUIRE(c.explain(sampleFacts(), {asOf(), nullptr}, because));
  REQUIRE(because.size() == 3);
  CHECK(because[0] == Reason{"/segments/0/condition/or/1/and/0", "scores.clv.value gte 500.0"});
  CHECK(because[1] == Reason{"/segments/0/condition/or/1/and/1", "not a detractor"});
  CHECK(because[2] == Reason{"/segments/0/condition/or/2", "attributes.preferential.channels contains \"email\""});

  // A false condition explains nothing, and a failed `and` leaves no partial reasons behind.
  std::vector<Reason> none;
  json failing = {{"and", {cmp("scores.clv.value", "gte", 500), cmp("scores.clv.value", "gte", 5000)}}};
  CHECK_FALSE(Condition::compile(failing).explain(sampleFacts(), {asOf(), nullptr}, none));
  CHECK(none.empty());
}

TEST_CASE("a facts document must be an object", "[segments]") {
  auto c = Condition::compile(cmp("id", "eq", "x"));
  try {
    c.test(json::array(), {asOf(), nullptr});
    FAIL("expected an error");
  } catch (const selfcrm::Error& e) {
    CHECK(e.code() == selfcrm::ErrorCode::Schema);
    CHECK(e.path() == "");
  }
}
