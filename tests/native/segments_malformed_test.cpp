#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "segments_fixtures.hpp"

using selfcrm::Error;
using selfcrm::ErrorCode;
using selfcrm::segments::Condition;

namespace {

struct Malformed {
  const char* spec;
  ErrorCode code;
  const char* path;
};

constexpr auto S = ErrorCode::Schema;
constexpr auto R = ErrorCode::Range;
constexpr auto E = ErrorCode::Empty;

// Each condition is wrong in exactly one place; the error must name that place.
const std::vector<Malformed> kCases = {
    // shape
    {R"([])", S, ""},
    {R"("eq")", S, ""},
    {R"(null)", S, ""},
    {R"({})", S, ""},
    {R"({"label": "x"})", S, ""},
    {R"({"and": [], "or": []})", S, ""},
    {R"({"field": "id", "op": "eq", "value": "a", "not": {}})", S, ""},
    {R"({"and": {}})", S, "/and"},
    {R"({"and": []})", E, "/and"},
    {R"({"or": []})", E, "/or"},
    {R"({"or": "x"})", S, "/or"},
    {R"({"and": [{"field": "id", "op": "eq", "value": "a"}, 3]})", S, "/and/1"},
    {R"({"not": []})", S, "/not"},
    {R"({"not": {"field": "id", "op": "eq"}})", S, "/not/value"},
    {R"({"and": [{"field": "id", "op": "eq", "value": "a"}], "extra": 1})", S, "/extra"},
    {R"({"label": 3, "field": "id", "op": "exists"})", S, "/label"},
    // fields
    {R"({"field": 3, "op": "exists"})", S, "/field"},
    {R"({"field": "", "op": "exists"})", S, "/field"},
    {R"({"field": "scores..value", "op": "exists"})", S, "/field"},
    {R"({"field": "scores.clv.", "op": "exists"})", S, "/field"},
    {R"({"field": "profile.name", "op": "exists"})", S, "/field"},
    {R"({"field": "name", "op": "exists"})", S, "/field"},
    {R"({"field": "history.transactions", "op": "exists"})", S, "/field"},
    {R"({"field": "attributes.hobbies.x", "op": "exists"})", S, "/field"},
    {R"({"field": "attributes.personal", "op": "exists"})", S, "/field"},
    {R"({"field": "attributes.personal.name.first", "op": "exists"})", S, "/field"},
    {R"({"field": "identities", "op": "exists"})", S, "/field"},
    {R"({"field": "identities.colour", "op": "exists"})", S, "/field"},
    {R"({"field": "scores", "op": "exists"})", S, "/field"},
    // under scores and cues every member is known: a misspelling is refused, not a silent miss
    {R"({"field": "scores.clv.vlaue", "op": "gt", "value": 1})", S, "/field"},
    {R"({"field": "scores.nope.value", "op": "exists"})", S, "/field"},
    {R"({"field": "scores.rfm.scores.x", "op": "exists"})", S, "/field"},
    {R"({"field": "scores.clv.value.x", "op": "exists"})", S, "/field"},
    {R"({"field": "cues", "op": "exists"})", S, "/field"},
    {R"({"field": "cues.churnThreat", "op": "exists"})", S, "/field"},
    {R"({"field": "cues.intents.complain", "op": "exists"})", S, "/field"},
    {R"({"field": "cues.sentiment.mean.x", "op": "exists"})", S, "/field"},
    {R"({"field": "segments.name", "op": "exists"})", S, "/field"},
    {R"({"field": "id.x", "op": "exists"})", S, "/field"},
    // operators and values
    {R"({"field": "id"})", S, "/op"},
    {R"({"field": "id", "op": 1})", S, "/op"},
    {R"({"field": "id", "op": "equals", "value": "a"})", S, "/op"},
    {R"({"field": "id", "op": "EQ", "value": "a"})", S, "/op"},
    {R"({"field": "id", "op": "eq"})", S, "/value"},
    {R"({"field": "id", "op": "eq", "value": null})", S, "/value"},
    {R"({"field": "id", "op": "eq", "value": ["a"]})", S, "/value"},
    {R"({"field": "attributes.personal.x", "op": "eq", "value": {"a": 1}})", S, "/value"},
    {R"({"field": "id", "op": "exists", "value": true})", S, "/value"},
    {R"({"field": "id", "op": "missing", "value": 1})", S, "/value"},
    {R"({"field": "attributes.personal.x", "op": "lt", "value": "soon"})", S, "/value"},
    {R"({"field": "attributes.personal.x", "op": "gt", "value": true})", S, "/value"},
    {R"({"field": "attributes.personal.x", "op": "between", "value": 3})", S, "/value"},
    {R"({"field": "attributes.personal.x", "op": "between", "value": [1]})", S, "/value"},
    {R"({"field": "attributes.personal.x", "op": "between", "value": [1, 2, 3]})", S, "/value"},
    {R"({"field": "attributes.personal.x", "op": "between", "value": [5, 1]})", R, "/value"},
    {R"({"field": "attributes.personal.x", "op": "between", "value": [1, "2024-01-01"]})", S, "/value"},
    {R"({"field": "attributes.personal.x", "op": "between", "value": [1, "x"]})", S, "/value/1"},
    {R"({"field": "attributes.personal.x", "op": "in", "value": "a"})", S, "/value"},
    {R"({"field": "attributes.personal.x", "op": "in", "value": []})", E, "/value"},
    {R"({"field": "attributes.personal.x", "op": "notIn", "value": ["a", {}]})", S, "/value/1"},
    {R"({"field": "attributes.personal.x", "op": "contains", "value": 3})", S, "/value"},
    {R"({"field": "attributes.personal.x", "op": "startsWith", "value": true})", S, "/value"},
    // type mismatches against known field types
    {R"({"field": "scores.clv.value", "op": "eq", "value": "high"})", S, "/value"},
    {R"({"field": "scores.clv.value", "op": "contains", "value": "1"})", S, "/value"},
    {R"({"field": "scores.clv.value", "op": "lt", "value": "2024-01-01"})", S, "/value"},
    {R"({"field": "id", "op": "lt", "value": 3})", S, "/value"},
    {R"({"field": "id", "op": "eq", "value": 3})", S, "/value"},
    {R"({"field": "identities.verified", "op": "eq", "value": "yes"})", S, "/value"},
    {R"({"field": "identities.addedAt", "op": "lt", "value": 5})", S, "/value"},
    {R"({"field": "identities.addedAt", "op": "eq", "value": "last week"})", R, "/value"},
    {R"({"field": "identities.kind", "op": "in", "value": ["email", 2]})", S, "/value/1"},
    {R"({"field": "segments", "op": "eq", "value": 1})", S, "/value"},
    // history
    {R"({"history": "purchases"})", S, "/history"},
    {R"({"history": 1})", S, "/history"},
    {R"({"history": "transactions", "atLeast": -1})", R, "/atLeast"},
    {R"({"history": "transactions", "atLeast": 1.5})", R, "/atLeast"},
    {R"({"history": "transactions", "atLeast": "2"})", S, "/atLeast"},
    {R"({"history": "transactions", "atLeast": 3, "atMost": 2})", R, "/atMost"},
    {R"({"history": "transactions", "withinDays": -30})", R, "/withinDays"},
    {R"({"history": "transactions", "withinDays": "30d"})", S, "/withinDays"},
    {R"({"history": "transactions", "since": "2024-01-01"})", S, "/since"},
    {R"({"history": "transactions", "where": {"field": "channel", "op": "eq", "value": "x"}})", S, "/where/field"},
    {R"({"history": "transactions", "where": {"field": "scores.clv.value", "op": "gt", "value": 1}})", S, "/where/field"},
    {R"({"history": "transactions", "where": {"field": "amount", "op": "eq", "value": "ten"}})", S, "/where/value"},
    {R"({"history": "interactions", "where": {"field": "isPublic", "op": "eq", "value": 1}})", S, "/where/value"},
    {R"({"history": "surveys", "where": {"field": "at", "op": "lt", "value": 3}})", S, "/where/value"},
    {R"({"history": "referrals", "where": {"history": "transactions"}})", S, "/where/history"},
    {R"({"history": "reach", "where": {"and": [{"field": "followers", "op": "gte", "value": 1}, {"field": "likes", "op": "exists"}]}})", S, "/where/and/1/field"},
    // deep in a tree
    {R"({"and": [{"or": [{"not": {"field": "attributes.personal.x", "op": "nope"}}]}]})", S, "/and/0/or/0/not/op"},
};

}  // namespace

TEST_CASE("malformed conditions fail with a code and the pointer of the mistake", "[segments][malformed]") {
  REQUIRE(kCases.size() >= 50);
  for (const auto& c : kCases) {
    INFO(c.spec);
    try {
      Condition::compile(nlohmann::json::parse(c.spec));
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(selfcrm::codeName(e.code()) == std::string(selfcrm::codeName(c.code)));
      CHECK(e.path() == c.path);
    }
  }
}

TEST_CASE("error pointers are prefixed by where the condition sits in its pack", "[segments][malformed]") {
  try {
    Condition::compile(nlohmann::json::parse(R"({"or": [{"field": "x.y", "op": "exists"}]})"), "/segments/4/condition");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.path() == "/segments/4/condition/or/0/field");
  }
}

TEST_CASE("nesting deeper than 64 levels is refused, not a stack overflow", "[segments][malformed]") {
  nlohmann::json spec = {{"field", "id"}, {"op", "exists"}};
  for (int i = 0; i < 70; ++i) spec = {{"not", spec}};
  try {
    Condition::compile(spec);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::Range);
    CHECK(e.path().rfind("/not/not/not", 0) == 0);
  }
  nlohmann::json ok = {{"field", "id"}, {"op", "exists"}};
  for (int i = 0; i < 64; ++i) ok = {{"not", ok}};
  CHECK_NOTHROW(Condition::compile(ok));
}
