#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "selfcrm/text/analysis.hpp"

using namespace selfcrm::text;

namespace {
std::uint32_t cues(const std::string& text) {
  static const Lexicon lexicon;
  return analyzeText(text, lexicon).cues;
}
bool has(const std::string& text, Cue cue) { return (cues(text) & cue) != 0; }
}  // namespace

TEST_CASE("question cue", "[text][cues]") {
  CHECK(has("Where is my order?", CueQuestion));
  CHECK(has("How do I reset my password", CueQuestion));
  CHECK(has("Thanks. Can you send me the invoice", CueQuestion));
  CHECK(has("Wondering if the store opens on Sunday", CueQuestion));
  CHECK_FALSE(has("I reset my password.", CueQuestion));
  CHECK_FALSE(has("How nice.", CueQuestion));  // an opener needs a longer sentence
}

TEST_CASE("complaint cue", "[text][cues]") {
  CHECK(has("The app doesn't work since the update", CueComplaint));
  CHECK(has("I want a refund", CueComplaint));
  CHECK(has("Still waiting for my parcel", CueComplaint));
  CHECK(has("Terrible, awful experience", CueComplaint));  // strongly negative
  CHECK_FALSE(has("The app works great", CueComplaint));
  CHECK_FALSE(has("I reset my password.", CueComplaint));
}

TEST_CASE("praise cue", "[text][cues]") {
  CHECK(has("Thank you, that was quick", CuePraise));
  CHECK(has("Absolutely love the new design, great work!", CuePraise));
  CHECK_FALSE(has("Thanks for nothing, this is useless and broken", CuePraise));
  CHECK_FALSE(has("The parcel arrived", CuePraise));
}

TEST_CASE("churn threat cue", "[text][cues]") {
  CHECK(has("I am going to cancel my account", CueChurnThreat));
  CHECK(has("Switching to your competitor next month", CueChurnThreat));
  CHECK(has("We won't be back", CueChurnThreat));
  CHECK(has("Never again.", CueChurnThreat));
  CHECK_FALSE(has("I renewed my subscription for another year", CueChurnThreat));
  CHECK_FALSE(has("Can I change the delivery date", CueChurnThreat));
}

TEST_CASE("purchase intent cue", "[text][cues]") {
  CHECK(has("I want to buy the blue one", CuePurchaseIntent));
  CHECK(has("How much is the premium plan?", CuePurchaseIntent));
  CHECK(has("Is the large size in stock", CuePurchaseIntent));
  CHECK_FALSE(has("I don't want to buy anything else from you", CuePurchaseIntent));
  CHECK_FALSE(has("The parcel arrived", CuePurchaseIntent));
}

TEST_CASE("recommendation cue", "[text][cues]") {
  CHECK(has("I told my friends about you", CueRecommendation));
  CHECK(has("You should try the pasta", CueRecommendation));
  CHECK(has("Highly recommend this shop", CueRecommendation));
  CHECK_FALSE(has("I would not recommend this shop", CueRecommendation));
  CHECK_FALSE(has("The parcel arrived", CueRecommendation));
}

TEST_CASE("a text can carry several cues and they have names", "[text][cues]") {
  const std::uint32_t c = cues("This is broken, I want a refund or I will cancel my account. Why is it so slow?");
  CHECK(c == (CueQuestion | CueComplaint | CueChurnThreat));
  CHECK(cueNames(c) == nlohmann::json({"question", "complaint", "churnThreat"}));
}
