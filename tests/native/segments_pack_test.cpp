#include <catch2/catch.hpp>

#include "require_error.hpp"

#include <cmath>

#include "segments_fixtures.hpp"
#include "selfcrm/segments/persona_pack.hpp"
#include "selfcrm/segments/segment_ndjson.hpp"
#include "selfcrm/segments/segment_pack.hpp"

using namespace segtest;
using selfcrm::Error;
using selfcrm::ErrorCode;
using selfcrm::segments::PersonaPack;
using selfcrm::segments::Reason;
using selfcrm::segments::SegmentPack;
using selfcrm::test::requireError;

namespace {

json personaPack() {
  return json::parse(R"({"version": 1, "personas": [
    {"name": "buyer", "tier": "bronze", "priority": 10, "condition": {"history": "transactions"}},
    {"name": "fan", "useCase": "reward", "priority": 50, "description": "likes us",
     "condition": {"field": "scores.nps.category", "op": "eq", "value": "promoter"}},
    {"name": "talker", "useCase": "listen", "priority": 50, "condition": {"history": "interactions"}},
    {"name": "vip", "tier": "gold", "priority": 99, "condition": {"field": "segments", "op": "contains", "value": "vip"}}
  ]})");
}
}  // namespace

TEST_CASE("persona assignment picks the highest priority and lists every match", "[segments][personas]") {
  auto pack = PersonaPack::fromJson(personaPack());
  auto a = pack.assign(sampleFacts(), {asOf(), nullptr});
  REQUIRE(a.persona.has_value());
  CHECK(a.persona->name == "fan");  // priority 50, ahead of "talker" (also 50) by pack order
  CHECK(a.persona->useCase == "reward");
  CHECK(a.persona->tier.empty());
  CHECK(a.persona->description == "likes us");
  CHECK(a.persona->because == std::vector<Reason>{{"/personas/1/condition", "scores.nps.category eq \"promoter\""}});
  REQUIRE(a.matches.size() == 3);
  CHECK(a.matches[1].name == "talker");
  CHECK(a.matches[2].name == "buyer");
  CHECK(a.matches[2].tier == "bronze");
  CHECK(a.matches[2].because[0].text == "at least 1 transactions");

  // Segments computed elsewhere can raise a persona.
  std::vector<std::string> segs{"vip"};
  CHECK(pack.assign(sampleFacts(), {asOf(), &segs}).persona->name == "vip");
  // Nothing matches: no persona, no matches.
  auto none = pack.assign(json::object(), {asOf(), nullptr});
  CHECK_FALSE(none.persona.has_value());
  CHECK(none.matches.empty());
}

TEST_CASE("malformed persona packs", "[segments][personas][malformed]") {
  requireError([] { PersonaPack::fromText("{\"personas\": ["); }, ErrorCode::Parse, "/personas");  // cut: where
  // Found by fuzzing: a number too large for a double escaped as nlohmann's out_of_range.
  requireError([] { PersonaPack::fromText("{\"personas\": [], \"x\": 9999E98999999998}"); }, ErrorCode::Range, "/x");
  requireError([] { PersonaPack::fromJson(json::array()); }, ErrorCode::Schema, "");
  requireError([] { PersonaPack::fromJson({{"personas", json::array()}}); }, ErrorCode::Empty, "/personas");
  requireError([] { PersonaPack::fromJson({{"version", 2}, {"personas", json::array()}}); }, ErrorCode::Version, "/version");
  auto broken = [](const std::function<void(json&)>& edit) {
    json p = personaPack();
    edit(p);
    return [p] { PersonaPack::fromJson(p); };
  };
  requireError(broken([](json& p) { p["personas"][1]["name"] = "buyer"; }), ErrorCode::Conflict, "/personas/1/name");
  requireError(broken([](json& p) { p["personas"][0]["useCase"] = "x"; }), ErrorCode::Schema, "/personas/0");
  requireError(broken([](json& p) { p["personas"][1].erase("useCase"); }), ErrorCode::Schema, "/personas/1");
  requireError(broken([](json& p) { p["personas"][2]["priority"] = "high"; }), ErrorCode::Schema, "/personas/2/priority");
  requireError(broken([](json& p) { p["personas"][2].erase("condition"); }), ErrorCode::Schema, "/personas/2/condition");
  requireError(broken([](json& p) { p["personas"][3]["condition"]["op"] = "has"; }), ErrorCode::Schema, "/personas/3/condition/op");
  requireError(broken([](json& p) { p["personas"][0]["colour"] = "red"; }), ErrorCode::Schema, "/personas/0/colour");
  requireError(broken([](json& p) { p["personas"][0]["name"] = ""; }), ErrorCode::Schema, "/personas/0/name");
}

TEST_CASE("segment packs: plans first, then segments that may build on earlier ones", "[segments][packs]") {
  auto pack = SegmentPack::fromJson(json::parse(R"({"plans": [{"name": "buying", "rules": [
      {"each": {"history": "transactions", "withinDays": 365}, "points": 1}],
      "thresholds": [{"segment": "repeat-buyer", "atLeast": 2}]}],
    "segments": [
      {"name": "fan", "condition": {"field": "scores.nps.category", "op": "eq", "value": "promoter"}},
      {"name": "loyal-fan", "condition": {"and": [{"field": "segments", "op": "contains", "value": "fan"},
                                                 {"field": "segments", "op": "contains", "value": "repeat-buyer"}]}},
      {"name": "detractor", "condition": {"field": "scores.nps.category", "op": "eq", "value": "detractor"}}]})"));
  auto r = pack.evaluate(sampleFacts(), asOf());
  CHECK(r.names() == std::vector<std::string>{"repeat-buyer", "fan", "loyal-fan"});
  CHECK(r.plans.at(0).points == 3);
  CHECK(r.segments[0].because == std::vector<Reason>{{"/plans/0/thresholds/0", "buying points 3.0 ≥ 2.0"}});
  CHECK(r.segments[2].because.size() == 2);
  CHECK(r.segments[2].because[1].at == "/segments/1/condition/and/1");
  CHECK(pack.segmentNames() == std::vector<std::string>{"repeat-buyer", "fan", "loyal-fan", "detractor"});
}

TEST_CASE("malformed segment packs", "[segments][packs][malformed]") {
  const json rule = json::parse(R"({"when": {"field": "id", "op": "exists"}, "points": 1})");
  requireError([] { SegmentPack::fromText("not json"); }, ErrorCode::Parse, "");
  requireError([] { SegmentPack::fromText("1111E11111111111"); }, ErrorCode::Range, "");
  requireError([] { SegmentPack::fromJson(json::object()); }, ErrorCode::Empty, "");
  requireError([] { SegmentPack::fromJson({{"segments", {{{"name", "a"}}}}}); }, ErrorCode::Schema, "/segments/0/condition");
  requireError([] { SegmentPack::fromJson({{"segments", json::object()}}); }, ErrorCode::Schema, "/segments");
  requireError([] { SegmentPack::fromJson({{"segmnts", json::array()}}); }, ErrorCode::Schema, "/segmnts");
  requireError([] { SegmentPack::fromJson({{"version", "1"}, {"segments", json::array()}}); }, ErrorCode::Schema, "/version");
  requireError(
      [] {
        SegmentPack::fromJson({{"segments", {{{"name", "a"}, {"condition", {{"field", "id"}, {"op", "exists"}}}},
                                             {{"name", "a"}, {"condition", {{"field", "id"}, {"op", "exists"}}}}}}});
      },
      ErrorCode::Conflict, "/segments/1/name");
  requireError(
      [&] {
        SegmentPack::fromJson({{"plans", {{{"name", "p"}, {"rules", {rule}}, {"thresholds", {{{"segment", "a"}, {"atLeast", 1}}}}}}},
                               {"segments", {{{"name", "a"}, {"condition", {{"field", "id"}, {"op", "exists"}}}}}}});
      },
      ErrorCode::Conflict, "/segments/0/name");
  requireError([&] { SegmentPack::fromJson({{"plans", {{{"name", "p"}, {"rules", {rule, 5}}}}}}); }, ErrorCode::Schema, "/plans/0/rules/1");
}

TEST_CASE("the default segment pack on a sample promoter", "[segments][packs][defaults]") {
  auto r = SegmentPack::defaults().evaluate(sampleFacts(), asOf());
  CHECK(r.names() == std::vector<std::string>{"value-mid", "evangelist", "channel-email", "channel-forum"});
  const auto& evangelist = r.segments[1];
  REQUIRE(evangelist.because.size() == 2);
  CHECK(evangelist.because[0].text == "scores.nps.category eq \"promoter\"");
  CHECK(evangelist.because[1].at == "/segments/3/condition/and/1/or/0");
  // engagement-points: one own interaction 40 h old, a survey 61 days old, a referral 121 days old
  // (half-life 90), and +10 for being a promoter.
  const double expected = 2 * std::pow(2.0, -(40.0 / 24) / 30) + 5 * std::pow(2.0, -61.0 / 30) +
                          10 * std::pow(2.0, -121.0 / 90) + 10;
  CHECK(std::fabs(r.plans.at(0).points - expected) < 1e-12);
}

TEST_CASE("the default packs on a detractor venting in public", "[segments][packs][defaults]") {
  json facts = json::parse(R"({"id": "c2",
    "history": {"transactions": [{"at": "2023-10-01", "amount": 900}],
                "interactions": [{"at": "2024-05-25", "channel": "twitter", "direction": "customer-to-business", "isPublic": true, "participants": 40}]},
    "scores": {"nps": {"category": "detractor"}, "clv": {"value": 1200}, "influence": {"value": 72}},
    "cues": {"sentiment": {"trend": -0.4}}})");
  auto r = SegmentPack::defaults().evaluate(facts, asOf());
  CHECK(r.names() == std::vector<std::string>{"value-high", "connector", "at-risk"});
  const auto& atRisk = r.segments[2].because;
  REQUIRE(atRisk.size() == 3);
  CHECK(atRisk[1].text == "cues.sentiment.trend lt 0.0");
  CHECK(atRisk[2].text == "bought before, but not in the last 180 days");
  std::vector<std::string> names = r.names();
  auto a = PersonaPack::defaults().assign(facts, {asOf(), &names});
  REQUIRE(a.persona.has_value());
  CHECK(a.persona->name == "venter-at-risk");
  CHECK(a.persona->useCase == "recover");
  std::vector<std::string> all;
  for (const auto& m : a.matches) all.push_back(m.name);
  CHECK(all == std::vector<std::string>{"venter-at-risk", "social-connector"});
}

TEST_CASE("default personas on the sample promoter and an empty profile", "[segments][personas][defaults]") {
  auto pack = PersonaPack::defaults();
  auto a = pack.assign(sampleFacts(), {asOf(), nullptr});
  REQUIRE(a.persona.has_value());
  CHECK(a.persona->name == "evangelist");
  CHECK(a.persona->tier == "advocate");
  REQUIRE(a.matches.size() == 2);
  CHECK(a.matches[1].name == "loyal-consumer");
  CHECK(pack.assign(json::object(), {asOf(), nullptr}).persona->name == "prospect");
}

TEST_CASE("NDJSON facts: one result per good line, one reject per bad line", "[segments][ndjson]") {
  std::string text = sampleFacts().dump() + "\n\n{\"id\": 7}\nnot json\n[1]\n{\"history\": {\"surveys\": [{\"at\": \"soon\"}]}}\n";
  json out = selfcrm::segments::segmentNdjson(SegmentPack::defaults(), PersonaPack::defaults(), text, 10, asOf(), true);
  REQUIRE(out["results"].size() == 2);
  REQUIRE(out["rejects"].size() == 3);
  CHECK(out["results"][0]["line"] == 10);
  CHECK(out["results"][0]["id"] == "cust-1");
  CHECK(out["results"][0]["persona"]["name"] == "evangelist");
  CHECK(out["results"][0]["segments"].size() == 4);
  CHECK(out["results"][1]["line"] == 12);
  CHECK(out["results"][1]["id"] == 7);
  CHECK(out["results"][1]["personas"] == json::array({"prospect"}));
  CHECK(out["rejects"][0]["line"] == 13);
  CHECK(out["rejects"][0]["code"] == "E_PARSE");
  CHECK(out["rejects"][1]["line"] == 14);
  CHECK(out["rejects"][1]["code"] == "E_SCHEMA");
  CHECK(out["rejects"][2]["line"] == 15);
  CHECK(out["rejects"][2]["path"] == "/history/surveys/0/at");
  CHECK(out["results"][0]["persona"]["because"].size() == 2);
  CHECK_FALSE(out["results"][0]["persona"].contains("description"));

  // Without explanations: names only, same memberships.
  json compact = selfcrm::segments::segmentNdjson(SegmentPack::defaults(), PersonaPack::defaults(), text, 10, asOf());
  CHECK(compact["results"][0]["segments"] == json::array({"value-mid", "evangelist", "channel-email", "channel-forum"}));
  CHECK(compact["results"][0]["persona"] == "evangelist");
  CHECK(compact["results"][0]["personas"] == json::array({"evangelist", "loyal-consumer"}));
  CHECK(compact["results"][1]["persona"] == "prospect");
  CHECK(compact["rejects"] == out["rejects"]);
}
