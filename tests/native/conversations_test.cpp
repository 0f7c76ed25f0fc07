#include <catch2/catch.hpp>

#include "require_error.hpp"

#include <string>

#include "selfcrm/conversations/conversation_plan.hpp"
#include "selfcrm/conversations/support_queue.hpp"
#include "selfcrm/detail/json_tape.hpp"

using namespace selfcrm;
using namespace selfcrm::conversations;
using selfcrm::test::requireError;

namespace {

CustomerClaims claimsOf(const std::string& row) {
  JsonTape tape;
  tape.parse(row);
  return readCustomerClaims(tape.root());
}

ConversationValue valueOf(const std::string& claims) {
  return valueConversation(claimsOf(R"({"subject":"s","claims":)" + claims + "}"));
}

}  // namespace

TEST_CASE("retention value is CLV x (1 - P(alive)) x the save rate, times reach", "[conversations]") {
  const auto v = valueOf(R"({"band:clv":1000,"band:alive":0.2,"/preferential/channels":["chat"]})");
  ConversationParams p;
  CHECK(v.retention == Approx(1000 * 0.8 * p.saveRate));
  CHECK(v.reach == p.reachPreferred);
  CHECK(v.channel == "chat");
  CHECK(v.value == Approx(v.retention * v.reach));
  CHECK(v.reason.find("Lapsing buyer") == 0);
  CHECK(v.reason.find("band:crv") != std::string::npos);  // said unknown
}

TEST_CASE("a lapsing buyer is worth more than the same buyer still active", "[conversations]") {
  const auto lapsing = valueOf(R"({"band:clv":"high","band:alive":"low"})");
  const auto active = valueOf(R"({"band:clv":"high","band:alive":"high"})");
  CHECK(lapsing.value > active.value);
  CHECK(lapsing.reason.find("(band)") != std::string::npos);
}

TEST_CASE("a churn threat raises the loss and the save rate", "[conversations]") {
  const auto quiet = valueOf(R"({"band:clv":1000,"band:alive":0.9})");
  const auto threat = valueOf(R"({"band:clv":1000,"band:alive":0.9,"feedback:churn":true})");
  ConversationParams p;
  CHECK(threat.retention == Approx(1000 * p.churnThreatLoss * p.churnThreatSaveRate));
  CHECK(threat.value > 3 * quiet.value);
}

TEST_CASE("advocacy follows the NPS category and stops while a complaint is open", "[conversations]") {
  const auto promoter = valueOf(R"({"band:crv":1000,"band:influence":80,"nps:category":"promoter"})");
  const auto detractor = valueOf(R"({"band:crv":1000,"band:influence":80,"nps:category":"detractor"})");
  const auto complaining = valueOf(R"({"band:crv":1000,"band:influence":80,"nps:category":"promoter","feedback:complaint":true})");
  ConversationParams p;
  CHECK(promoter.advocacy == Approx(p.activation[2] * (1000 + 80 * p.moneyPerInfluencePoint)));
  CHECK(detractor.advocacy < promoter.advocacy);
  CHECK(complaining.advocacy == 0);
  CHECK(complaining.recovery > 0);
}

TEST_CASE("public unanswered complaints are more urgent than vented ones, monologues least", "[conversations]") {
  const std::string base = R"({"band:clv":800,"band:influence":40,"feedback:complaint":true,"feedback:degree":")";
  const auto pressure = valueOf(base + R"(social-pressure"})");
  const auto venting = valueOf(base + R"(venting"})");
  const auto monologue = valueOf(base + R"(monologue"})");
  CHECK(pressure.recovery > venting.recovery);
  CHECK(venting.recovery > monologue.recovery);
}

TEST_CASE("the channel is the first stated one that can be reached", "[conversations]") {
  ConversationParams p;
  CHECK(valueOf(R"({"/preferential/channels":["email","chat"]})").channel == "chat");
  CHECK(valueOf(R"({"/preferential/channels":["email","chat"]})").reach == p.reachStated);
  const auto email = valueOf(R"({"/preferential/channels":"Email","/identities/email/primary":"a@b.c"})");
  CHECK(email.channel == "email");
  CHECK(email.reach == p.reachPreferred);
  CHECK(valueOf(R"({"/identities/phone/primary":"+4670"})").channel == "phone");
  const auto none = valueOf("{}");
  CHECK(none.channel == "in-app");
  CHECK(none.value == 0);
  CHECK(none.reason.find("Nothing shared") == 0);
}

TEST_CASE("bad rows name the member and the cause", "[conversations][errors]") {
  requireError([] { claimsOf("[1]"); }, ErrorCode::Schema, "");
  requireError([] { claimsOf(R"({"claims":{}})"); }, ErrorCode::Schema, "/subject");
  requireError([] { claimsOf(R"({"subject":"","claims":{}})"); }, ErrorCode::Schema, "/subject");
  requireError([] { claimsOf(R"({"subject":"s"})"); }, ErrorCode::Schema, "/claims");
  requireError([] { claimsOf(R"({"subject":"s","claims":{"band:alive":1.5}})"); }, ErrorCode::Range, "/claims/band:alive");
  requireError([] { claimsOf(R"({"subject":"s","claims":{"band:clv":"huge"}})"); }, ErrorCode::Schema, "/claims/band:clv");
  requireError([] { claimsOf(R"({"subject":"s","claims":{"feedback:degree":"shouting"}})"); }, ErrorCode::Schema, "/claims/feedback:degree");
  requireError([] { claimsOf(R"({"subject":"s","claims":{"/preferential/channels":[1]}})"); }, ErrorCode::Schema,
               "/claims/~1preferential~1channels/0");
  // Claims the models do not read, and null (shared as none), are no error.
  CHECK_NOTHROW(claimsOf(R"({"subject":"s","claims":{"persona":"explorer","band:alive":null}})"));
}

TEST_CASE("the plan keeps the best N, ties by subject, and rejects repeated subjects", "[conversations]") {
  ConversationPlan plan(2);
  const std::string rows =
      "{\"subject\":\"b\",\"claims\":{\"band:clv\":1000,\"band:alive\":0.5}}\n"
      "{\"subject\":\"a\",\"claims\":{\"band:clv\":1000,\"band:alive\":0.5}}\n"
      "not json\n"
      "{\"subject\":\"c\",\"claims\":{\"band:clv\":100,\"band:alive\":0.5}}\n"
      "{\"subject\":\"a\",\"claims\":{}}\n"
      "{\"subject\":\"d\",\"claims\":{}}\n";
  const auto rejects = plan.addNdjson(rows, 1);
  REQUIRE(rejects.size() == 2);
  CHECK(rejects[0].line == 3);
  CHECK(rejects[1].line == 5);
  CHECK(rejects[1].code == ErrorCode::Conflict);
  const auto out = plan.output();
  CHECK(out.ndjson.find("\"subject\":\"a\"") < out.ndjson.find("\"subject\":\"b\""));
  CHECK(out.ndjson.find("\"subject\":\"c\"") == std::string::npos);
  CHECK(out.summary["customers"] == 4);
  CHECK(out.summary["withValue"] == 3);
  CHECK(out.summary["picked"] == 2);
  CHECK(out.summary["share"].get<double>() == Approx(45.0 / 47.25));
}

TEST_CASE("the support queue puts social pressure and venting above a monologue", "[conversations][support]") {
  const auto entry = [](const std::string& claims) {
    return supportEntry(claimsOf(R"({"subject":"s","claims":)" + claims + "}"));
  };
  const auto pressure = entry(R"({"feedback:degree":"social-pressure","feedback:complaint":true})");
  const auto venting = entry(R"({"feedback:degree":"venting","feedback:complaint":true})");
  const auto monologue = entry(R"({"feedback:degree":"monologue","feedback:complaint":true})");
  CHECK(pressure.points > venting.points);
  CHECK(venting.points > monologue.points);
  CHECK(pressure.priority == "urgent");
  CHECK(monologue.priority == "high");
  CHECK(pressure.why.find("social pressure") == 0);
  CHECK(entry(R"({"feedback:degree":"monologue","band:clv":"high"})").points == 0);
  const auto negative = entry(R"({"feedback:sentiment":-0.6,"band:clv":"high"})");
  CHECK(negative.points == 12 + 6);
  CHECK(negative.priority == "normal");
}
