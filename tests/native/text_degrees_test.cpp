#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "selfcrm/error.hpp"
#include "selfcrm/text/degrees.hpp"
#include "selfcrm/text/interaction_columns.hpp"

using namespace selfcrm;
using namespace selfcrm::text;

namespace {
Interaction make(Direction d, bool isPublic, std::int64_t participants, std::string thread, bool expected,
                 bool received, std::string text, Timestamp at = 0) {
  Interaction r;
  r.id = "i";
  r.at = at;
  r.channel = "test";
  r.direction = d;
  r.isPublic = isPublic;
  r.participants = participants;
  r.threadId = std::move(thread);
  r.replyExpected = expected;
  r.replyReceived = received;
  r.text = std::move(text);
  return r;
}
const auto In = Direction::CustomerToBusiness;
const auto Out = Direction::BusinessToCustomer;

int degreeOf(const Interaction& r) {
  static const Lexicon lexicon;
  return classifyInteractions({r}, lexicon).interactions[0].degree;
}
}  // namespace

TEST_CASE("customer side: hand-labelled examples of each degree", "[text][degrees]") {
  // 1 monologue: a statement, no reply sought.
  CHECK(degreeOf(make(In, false, 2, "", false, false, "Please update my delivery address to 5 Main St.")) == 1);
  // 2 venting: no reply sought, but unhappy.
  CHECK(degreeOf(make(In, false, 2, "", false, false, "Late again, this is so annoying.")) == 2);
  // 3 skewed: asks privately.
  CHECK(degreeOf(make(In, false, 2, "", true, false, "Could you tell me when the sale starts?")) == 3);
  // 4 social pressure: asks in public and has no answer.
  CHECK(degreeOf(make(In, true, 2, "", true, false, "@shop where is my refund?")) == 4);
  // 5 objective: a public thread with the business, answered.
  CHECK(degreeOf(make(In, true, 2, "t1", true, true, "Thanks, and does it also fit the older model?")) == 5);
  // 6 community: a public thread of many.
  CHECK(degreeOf(make(In, true, 5, "t2", false, false, "I agree with Anna, the new menu is better.")) == 6);
}

TEST_CASE("customer side: what does not make a degree", "[text][degrees]") {
  // Public but no question or complaint: not pressure, a plain public remark.
  CHECK(degreeOf(make(In, true, 2, "", true, false, "Nice shop.")) == 3);
  // Answered already: not pressure.
  CHECK(degreeOf(make(In, true, 2, "", true, true, "where is my refund?")) == 3);
  // Private, not following an unanswered message: skewed, not pressure.
  CHECK(degreeOf(make(In, false, 2, "t", true, false, "where is my refund?")) == 3);
  // Three participants but private: not community.
  CHECK(degreeOf(make(In, false, 3, "t", false, false, "ok")) == 3);
}

TEST_CASE("a private follow-up to an unanswered message is social pressure", "[text][degrees]") {
  Lexicon lexicon;
  std::vector<Interaction> rs = {
      make(In, false, 2, "t", true, false, "Where is my refund?", 200),  // the follow-up, listed first
      make(In, false, 2, "t", true, false, "I want a refund.", 100),
  };
  auto p = classifyInteractions(rs, lexicon);
  CHECK(p.interactions[1].degree == 3);
  CHECK(p.interactions[0].degree == 4);
  // A business reply in between answers the first message.
  rs.push_back(make(Out, false, 2, "t", false, false, "We are on it.", 150));
  p = classifyInteractions(rs, lexicon);
  CHECK(p.interactions[0].degree == 3);
}

TEST_CASE("business side: hand-labelled examples of each degree", "[text][degrees]") {
  CHECK(degreeOf(make(Out, true, 2, "", false, false, "Our summer sale starts Monday.")) == 1);
  CHECK(degreeOf(make(Out, true, 2, "", false, false, "Which flavour should we launch next?")) == 2);
  CHECK(degreeOf(make(Out, false, 2, "t", false, false, "Thank you for your feedback.")) == 3);
  CHECK(degreeOf(make(Out, true, 2, "t", false, false, "Glad you liked it!")) == 4);
  CHECK(degreeOf(make(Out, true, 40, "t", true, false, "Share your photos with the community!")) == 5);
  CHECK(degreeOf(make(Out, true, 40, "t", true, true, "Great ideas, everyone: keep them coming.")) == 6);
}

TEST_CASE("per-profile distribution and sociability", "[text][degrees]") {
  Lexicon lexicon;
  std::vector<Interaction> rs = {
      make(In, false, 2, "", false, false, "Please update my address."),        // 1
      make(In, true, 5, "c", false, false, "Agreed, the new menu is better."),  // 6
      make(In, false, 2, "", true, false, "When do you open?"),                 // 3
      make(Out, true, 2, "", false, false, "Summer sale now on."),              // business 1
  };
  auto p = classifyInteractions(rs, lexicon);
  CHECK(p.customer == std::array<std::size_t, 6>{1, 0, 1, 0, 0, 1});
  CHECK(p.business == std::array<std::size_t, 6>{1, 0, 0, 0, 0, 0});
  // mean degree (1 + 6 + 3) / 3 = 10/3; (10/3 − 1) / 5 = 7/15.
  CHECK(p.sociability == Approx(7.0 / 15.0));
  nlohmann::json j = p;
  CHECK(j["customer"]["n"] == 3);
  CHECK(j["business"]["shares"][0] == 1.0);
  CHECK(j["interactions"][3]["side"] == "business");

  auto none = classifyInteractions({rs[3]}, lexicon);
  CHECK_FALSE(none.hasSociability);
  CHECK(nlohmann::json(none)["sociability"].is_null());
}

TEST_CASE("bad participants are rejected with their path", "[text][degrees]") {
  Lexicon lexicon;
  std::vector<Interaction> rs = {make(In, false, 2, "", false, false, "ok"), make(In, false, 0, "", false, false, "ok")};
  try {
    classifyInteractions(rs, lexicon);
    FAIL("expected E_RANGE");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::Range);
    CHECK(e.path() == "/1/participants");
  }
}

TEST_CASE("interactions arrive as columns from a front end", "[text][degrees]") {
  const std::string texts = "Where is my refund?ok";
  const std::uint32_t offsets[] = {0, 19, 21};
  const double fields[] = {100, 0, 1, 2, -1, 1, 0,   //
                           200, 1, 0, 2, 3, 0, 0};
  auto rs = text::interactionsFromColumns(texts, offsets, fields, 2);
  REQUIRE(rs.size() == 2);
  CHECK(rs[0].text == "Where is my refund?");
  CHECK(rs[0].isPublic);
  CHECK(rs[0].threadId.empty());
  CHECK(rs[1].direction == Direction::BusinessToCustomer);
  CHECK(rs[1].threadId == "t3");
  Lexicon lexicon;
  CHECK(classifyInteractions(rs, lexicon).interactions[0].degree == 4);

  const double badFlag[] = {100, 0, 2, 2, -1, 1, 0, 200, 1, 0, 2, 3, 0, 0};
  try {
    text::interactionsFromColumns(texts, offsets, badFlag, 2);
    FAIL("expected E_RANGE");
  } catch (const Error& e) {
    CHECK(e.path() == "/0/public");
  }
  const double badCount[] = {100, 0, 1, 2.5, -1, 1, 0, 200, 1, 0, 2, 3, 0, 0};
  CHECK_THROWS_AS(text::interactionsFromColumns(texts, offsets, badCount, 2), Error);
}
