#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

#include "selfcrm/error.hpp"
#include "selfcrm/text/sentiment.hpp"

using namespace selfcrm;
using namespace selfcrm::text;

namespace {
// VADER's normalisation x / √(x² + 15), written out so each expectation shows its sum.
double norm(double x) { return x / std::sqrt(x * x + 15.0); }
double score(const std::string& text) {
  static const Lexicon lexicon;
  return analyzeSentiment(text, lexicon).compound;
}
}  // namespace

TEST_CASE("a single lexicon word is scored by its valence", "[text][sentiment]") {
  CHECK(score("good") == Approx(norm(1.9)));
  CHECK(score("good") == Approx(0.4404).epsilon(1e-3));
  CHECK(score("bad") == Approx(norm(-2.5)));
  CHECK(score("The package arrived on Tuesday") == 0);
  CHECK(labelFor(score("The package arrived on Tuesday")) == SentimentLabel::Neutral);
  CHECK(score("") == 0);
}

TEST_CASE("negation flips within three words of the clause", "[text][sentiment]") {
  CHECK(score("not good") == Approx(norm(-0.74 * 1.9)));
  CHECK(score("The food was not bad") == Approx(norm(-0.74 * -2.5)));
  CHECK(score("never again") == Approx(norm(-2.0)));
  // The clause break ends the negation's scope.
  CHECK(score("not really, good") == Approx(norm(1.9)));
  // Four words away is out of scope.
  CHECK(score("not the food or the good") == Approx(norm(1.9)));
}

TEST_CASE("\"no problem\" is positive, not a negative word plus a negative word", "[text][sentiment]") {
  Lexicon lexicon;
  auto r = analyzeSentiment("No problem at all", lexicon, true);
  CHECK(r.label == SentimentLabel::Positive);
  CHECK(r.compound == Approx(norm(1.5)));
  REQUIRE(r.drivers.size() == 1);
  CHECK(r.drivers[0].token == "No problem");
  CHECK(r.drivers[0].rules == RuleIdiom);
  CHECK(score("no worries") > 0);
}

TEST_CASE("double negatives cancel", "[text][sentiment]") {
  CHECK(score("I don't not like it") == Approx(norm(1.5)));
  CHECK(score("I don't like it") == Approx(norm(-0.74 * 1.5)));
}

TEST_CASE("intensifiers and dampeners scale by distance", "[text][sentiment]") {
  CHECK(score("very good") == Approx(norm(1.9 + 0.293)));
  CHECK(score("very very good") == Approx(norm(1.9 + 0.293 + 0.293 * 0.95)));
  CHECK(score("slightly good") == Approx(norm(1.9 - 0.293)));
  CHECK(score("kind of good") == Approx(norm(1.9 - 0.293)));
  CHECK(score("really bad") == Approx(norm(-2.5 - 0.293)));
}

TEST_CASE("after \"but\" weighs 1.5, before it 0.5", "[text][sentiment]") {
  Lexicon lexicon;
  auto r = analyzeSentiment("The food was good, but the service was terrible", lexicon, true);
  CHECK(r.compound == Approx(norm(0.5 * 1.9 + 1.5 * -2.1)));
  CHECK(r.label == SentimentLabel::Negative);
  REQUIRE(r.drivers.size() == 2);
  CHECK(r.drivers[0].rules == RuleBeforeContrast);
  CHECK(r.drivers[1].rules == RuleAfterContrast);
  // Contrast stays inside its sentence.
  CHECK(score("Good. But slow") == Approx(norm(1.9)));
}

TEST_CASE("ALL CAPS emphasises only when the rest is not shouting", "[text][sentiment]") {
  CHECK(score("the food was GOOD") == Approx(norm(1.9 + 0.733)));
  CHECK(score("GOOD FOOD") == Approx(norm(1.9)));
}

TEST_CASE("exclamation marks add up to four times 0.292", "[text][sentiment]") {
  CHECK(score("good!!") == Approx(norm(1.9 + 2 * 0.292)));
  CHECK(score("good!!!!!!!") == Approx(norm(1.9 + 4 * 0.292)));
  CHECK(score("bad!") == Approx(norm(-2.5 - 0.292)));
  CHECK(score("hello!!!") == 0);
}

TEST_CASE("idioms are read whole", "[text][sentiment]") {
  CHECK(score("I am dying to eat there") == Approx(norm(1.5)));
  CHECK(score("can't wait") == Approx(norm(2.0)));
  CHECK(score("It was a waste of money") == Approx(norm(-2.5)));
  CHECK(score("It doesn't work") == Approx(norm(-2.0)));
}

TEST_CASE("\"like\" counts only as a verb", "[text][sentiment]") {
  CHECK(score("I like it") == Approx(norm(1.5)));
  CHECK(score("It tasted like rubber") == 0);
}

TEST_CASE("long mixed texts do not run to the extremes", "[text][sentiment]") {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "good. bad. ";
  text += "good.";
  // 31 × 1.9 − 30 × 2.5 over 61 sentiment-bearing tokens, scaled by √(4/61).
  const double sum = 31 * 1.9 - 30 * 2.5;
  CHECK(score(text) == Approx(norm(sum * std::sqrt(4.0 / 61.0))));
  CHECK(std::abs(score(text)) < 0.8);
  CHECK(std::abs(norm(sum)) > 0.97);  // what plain VADER normalisation would give
}

TEST_CASE("emoticons and emoji carry valence", "[text][sentiment]") {
  CHECK(score("great :)") == Approx(norm(3.1 + 2.0)));
  CHECK(score("love it <3") == Approx(norm(3.2 + 1.9)));
  CHECK(score("\xF0\x9F\x98\x8D") == Approx(norm(3.0)));           // 😍
  CHECK(score("meh \xF0\x9F\x91\x8E\xF0\x9F\x8F\xBD") < 0);          // 👎 with a skin tone
}

TEST_CASE("the explanation names the tokens that drove the score", "[text][sentiment]") {
  Lexicon lexicon;
  auto r = analyzeSentiment("Not VERY good", lexicon, true);
  REQUIRE(r.drivers.size() == 1);
  CHECK(r.drivers[0].token == "good");
  CHECK(r.drivers[0].lexicon == 1.9);
  CHECK(r.drivers[0].valence == Approx(-0.74 * (1.9 + 0.293)));
  CHECK(r.drivers[0].rules == (RuleNegated | RuleIntensified));
  nlohmann::json j = r;
  CHECK(j["label"] == "negative");
  CHECK(j["drivers"][0]["rules"] == nlohmann::json({"negated", "intensified"}));
}

TEST_CASE("host lexicon entries win and are added all or nothing", "[text][sentiment]") {
  Lexicon lexicon;
  lexicon.add({{"Meh", -1.5}, {"good", 0.5}});
  CHECK(analyzeSentiment("meh", lexicon).compound == Approx(norm(-1.5)));
  CHECK(analyzeSentiment("good", lexicon).compound == Approx(norm(0.5)));
  CHECK(analyzeSentiment("good", lexicon, true).drivers[0].rules == RuleCustom);
  lexicon.add({{"good", 0}});
  CHECK(analyzeSentiment("good", lexicon).compound == 0);

  try {
    lexicon.add({{"zork", 1.0}, {"bad", 4.5}});
    FAIL("expected E_RANGE");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::Range);
    CHECK(e.path() == "/1/valence");
  }
  CHECK(analyzeSentiment("zork", lexicon).compound == 0);
  CHECK_THROWS_AS(lexicon.add({{"two words", 1.0}}), Error);
  CHECK_THROWS_AS(lexicon.add({{"", 1.0}}), Error);
  CHECK(lexicon.customSize() == 2);
  lexicon.clearCustom();
  CHECK(analyzeSentiment("good", lexicon).compound == Approx(norm(1.9)));
}

TEST_CASE("the built-in lexicon is generated from VADER and AFINN-165", "[text][sentiment]") {
  // VADER has 7,517 lines; AFINN-165 adds the words VADER lacks.
  CHECK(Lexicon::builtinSize() > 7500);
  Lexicon lexicon;
  CHECK(*lexicon.find("good") == 1.9);
  CHECK(!lexicon.find("tuesday"));
}
