#include <catch2/catch.hpp>

#include "require_error.hpp"

#include <string>

#include <nlohmann/json.hpp>

#include "selfcrm/company/crm_rating.hpp"
#include "selfcrm/company/shared_claims.hpp"
#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/nps.hpp"

using namespace selfcrm;
using namespace selfcrm::company;
using selfcrm::test::requireError;

namespace {

CrmRating rate(const std::string& claims) {
  JsonTape tape;
  tape.parse(claims);
  return rateClaims(tape.root());
}

std::string stageOf(const std::string& claims) { return stageName(rate(claims).stage); }

int scoreOf(const std::string& claims) { return rate(claims).leadScore.value_or(-1); }

}  // namespace

TEST_CASE("lifecycle stage: Evangelist over Customer over Lead", "[company][crm]") {
  CHECK(stageOf(R"({"segment:evangelist":true,"band:clv":"low"})") == "Evangelist");
  CHECK(stageOf(R"({"segment:evangelist":true})") == "Evangelist");
  CHECK(stageOf(R"({"band:clv":"low"})") == "Customer");
  CHECK(stageOf(R"({"rfm:segment":"champions"})") == "Customer");
  // Shared, whatever its value: a purchase-based claim means a purchase history.
  CHECK(stageOf(R"({"band:clv":null})") == "Customer");
  CHECK(stageOf(R"({"segment:evangelist":false,"band:engagement":"high"})") == "Lead");
  CHECK(stageOf(R"({"segment:evangelist":"true","segment:evangelist-2":true})") == "Lead");
  CHECK(stageOf(R"({"segment:evangelist":1})") == "Lead");
  CHECK(stageOf("{}") == "Lead");
}

TEST_CASE("lead score: the mean of the shared bands, rounded half up", "[company][crm]") {
  CHECK(scoreOf(R"({"band:clv":"high"})") == 100);
  CHECK(scoreOf(R"({"band:clv":"low","band:engagement":"medium"})") == 25);
  CHECK(scoreOf(R"({"band:clv":"high","band:engagement":"medium","band:influence":"medium"})") == 67);
  CHECK(scoreOf(R"({"band:clv":"low","band:engagement":"low","band:influence":"medium"})") == 17);
  CHECK(scoreOf(R"({"band:influence":["high","low"]})") == 100);  // a list counts by its first element
  CHECK(scoreOf(R"({"band:influence":[["medium"]]})") == 50);
  // Not bands: left out of the mean, and no score when nothing is left.
  CHECK(scoreOf(R"({"band:clv":"HIGH","band:engagement":5,"band:influence":[]})") == -1);
  CHECK(scoreOf(R"({"band:clv":"constructor","band:engagement":"low"})") == 0);
  CHECK(scoreOf(R"({"band:crv":"high","band:alive":"high"})") == -1);  // not lead-score bands
  CHECK(scoreOf(R"({"band:clv":null,"band:engagement":{"a":"high"}})") == -1);
}

TEST_CASE("rateRows: one line per row in order, bad rows as rejects", "[company][crm]") {
  const NdjsonResult r = rateRows("{\"subject\":\"a\",\"claims\":{\"band:clv\":\"medium\"}}\n\n[1]\n{\"claims\":{}}\n{\"subject\":\"b\"}\n{\"claims\":3}\nnope\n", 10);
  CHECK(r.results == 2);
  CHECK(r.ndjson == "{\"leadScore\":50,\"stage\":\"Customer\"}\n{\"leadScore\":null,\"stage\":\"Lead\"}\n");
  REQUIRE(r.rejects.size() == 4);
  CHECK(r.rejects[0].line == 12);
  CHECK(r.rejects[1].line == 14);
  CHECK(r.rejects[1].path == "/claims");
  CHECK(r.rejects[2].line == 15);
  CHECK(r.rejects[2].code == ErrorCode::Schema);
  CHECK(r.rejects[3].code == ErrorCode::Parse);
}

TEST_CASE("shared claims: sizes by segment, persona and NPS category; claims and customers", "[company][report]") {
  SharedClaims counts;
  const auto rejects = counts.addNdjson(
      "{\"subject\":\"a\",\"claims\":{\"segment:vip\":true,\"segment:new\":true,\"persona\":\"b\",\"nps:category\":\"promoter\"}}\n"
      "{\"subject\":\"b\",\"claims\":{\"segment:vip\":true,\"segment:new\":false,\"persona\":\"a\",\"nps:category\":\"toString\"}}\n"
      "{\"subject\":\"c\",\"claims\":{\"segment:vip\":\"yes\",\"persona\":7,\"nps:category\":\"detractor\",\"x\":null}}\n"
      "{\"subject\":\"d\",\"claims\":3}\n",
      1);
  REQUIRE(rejects.size() == 1);
  CHECK(rejects[0].line == 4);
  CHECK(counts.customers() == 3);  // the refused line counts nothing
  CHECK(counts.claims() == 12);
  CHECK(counts.segments() == RankedCounts{{"vip", 2}, {"new", 1}});
  CHECK(counts.personas() == RankedCounts{{"a", 1}, {"b", 1}});  // ties by name
  CHECK(counts.npsCategories() == RankedCounts{{"detractor", 1}, {"promoter", 1}});
  const nlohmann::json s = counts.summary();
  CHECK(s["nps"]["n"] == 2);
  CHECK(s["nps"]["nps"] == 0.0);
  CHECK(s["segments"] == nlohmann::json::parse(R"([["vip",2],["new",1]])"));
}

TEST_CASE("shared claims: no NPS without a category; the NPS of categories is that of answers", "[company][report]") {
  SharedClaims none;
  none.addNdjson("{\"subject\":\"a\",\"claims\":{}}\n", 1);
  CHECK(none.summary()["nps"].is_null());
  SharedClaims some;
  some.addNdjson("{\"claims\":{\"nps:category\":\"promoter\"}}\n{\"claims\":{\"nps:category\":\"passive\"}}\n{\"claims\":{\"nps:category\":\"promoter\"}}\n", 1);
  const double answers[] = {10, 7, 9};
  CHECK(some.summary()["nps"] == nlohmann::json(summarizeNps(answers, 3)));
}

TEST_CASE("ties are ordered as JavaScript orders strings (UTF-16 code units)", "[company][report]") {
  CHECK(utf16Less("a", "b"));
  CHECK(utf16Less("a", "ab"));
  CHECK_FALSE(utf16Less("ab", "a"));
  CHECK_FALSE(utf16Less("a", "a"));
  CHECK(utf16Less("Z", "\xC3\x9C"));  // Z < Ü
  // U+1F600 is a surrogate pair (D83D DE00): before U+E000 in UTF-16, after it in UTF-8.
  CHECK(utf16Less("\xF0\x9F\x98\x80", "\xEE\x80\x80"));
  CHECK_FALSE(utf16Less("\xEE\x80\x80", "\xF0\x9F\x98\x80"));
  CHECK(utf16Less("\xF0\x9F\x98\x80", "\xF0\x9F\x98\x81"));
  SharedClaims counts;
  counts.addNdjson("{\"claims\":{\"persona\":\"\xEE\x80\x80\"}}\n{\"claims\":{\"persona\":\"\xF0\x9F\x98\x80\"}}\n", 1);
  CHECK(counts.personas().front().first == "\xF0\x9F\x98\x80");
}

TEST_CASE("grant shares: each count over their sum", "[company][report]") {
  CHECK(sharesOf({150, 30}) == std::vector<double>{150.0 / 180, 30.0 / 180});
  CHECK(sharesOf({0, 0}) == std::vector<double>{0, 0});
  CHECK(sharesOf({}).empty());
}

TEST_CASE("a claims object is required", "[company][crm]") {
  requireError([] { rate("[1]"); }, ErrorCode::Schema, "/claims");
}
