#include <catch2/catch.hpp>

#include "scores_fixtures.hpp"
#include "selfcrm/scores/model.hpp"

using namespace selfcrm::scores;
using scores_test::failure;
using nlohmann::json;

TEST_CASE("the default model round-trips through JSON", "[scores][model]") {
  const json doc = Model::defaults();
  CHECK(doc["schemaVersion"] == 1);
  CHECK(doc["periodDays"] == 7.0);
  CHECK(doc["rfm"]["recencyDays"] == json({30.0, 90.0, 180.0, 365.0}));
  CHECK(doc["bgnbd"].is_null());
  CHECK(json(Model::fromJson(doc)) == doc);
  // Missing sections take the defaults.
  CHECK(json(Model::parse(R"({"schemaVersion":1})")) == doc);
  Model m = Model::parse(R"({"schemaVersion":1,"bgnbd":{"r":0.2,"alpha":4,"a":0.8,"b":2.4},"rfm":{"monetary":"total"}})");
  REQUIRE(m.bgnbd);
  CHECK(m.bgnbd->alpha == 4);
  CHECK(m.rfm.monetary == MonetaryKind::Total);
}

TEST_CASE("model parse errors carry a code and a JSON Pointer", "[scores][model]") {
  auto parse = [](const char* text) { return failure([&] { Model::parse(text); }); };
  CHECK(parse("{") == "E_PARSE ");
  CHECK(parse("[]") == "E_SCHEMA ");
  CHECK(parse("{}") == "E_SCHEMA /schemaVersion");
  CHECK(parse(R"({"schemaVersion":"1"})") == "E_SCHEMA /schemaVersion");
  CHECK(parse(R"({"schemaVersion":2})") == "E_VERSION /schemaVersion");
  CHECK(parse(R"({"schemaVersion":1,"colour":1})") == "E_SCHEMA /colour");
  CHECK(parse(R"({"schemaVersion":1,"rfm":{"foo":1}})") == "E_SCHEMA /rfm/foo");
  CHECK(parse(R"({"schemaVersion":1,"rfm":{"frequency":[1,2,1,3]}})") == "E_RANGE /rfm/frequency/2");
  CHECK(parse(R"({"schemaVersion":1,"rfm":{"frequency":[1,2,3]}})") == "E_SCHEMA /rfm/frequency");
  CHECK(parse(R"({"schemaVersion":1,"rfm":{"monetary":"median"}})") == "E_SCHEMA /rfm/monetary");
  CHECK(parse(R"({"schemaVersion":1,"clv":{"marginRate":1.5}})") == "E_RANGE /clv/marginRate");
  CHECK(parse(R"({"schemaVersion":1,"clv":{"horizonPeriods":2.5}})") == "E_RANGE /clv/horizonPeriods");
  CHECK(parse(R"({"schemaVersion":1,"bgnbd":{"r":1,"alpha":-1,"a":1,"b":1}})") == "E_RANGE /bgnbd/alpha");
  CHECK(parse(R"({"schemaVersion":1,"gammaGamma":{"p":1,"q":0.5,"gamma":1}})") == "E_RANGE /gammaGamma/q");
  CHECK(parse(R"({"schemaVersion":1,"influence":{"reachWeight":0.9}})") == "E_RANGE /influence");
  CHECK(parse(R"({"schemaVersion":1,"engagement":{"halfLifeDays":0}})") == "E_RANGE /engagement/halfLifeDays");
  CHECK(parse(R"({"schemaVersion":1,"periodDays":"7"})") == "E_SCHEMA /periodDays");
}

TEST_CASE("per-period discount rate", "[scores][model]") {
  Model m = Model::defaults();
  m.periodDays = 365.25;
  CHECK(m.periodDiscountRate() == Approx(0.1).epsilon(1e-14));
  m.clv.annualDiscountRate = 0;
  CHECK(m.periodDiscountRate() == 0.0);
}
