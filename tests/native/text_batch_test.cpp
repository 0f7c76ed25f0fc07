#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "selfcrm/error.hpp"
#include "selfcrm/text/analysis.hpp"

using namespace selfcrm;
using namespace selfcrm::text;

TEST_CASE("a batch reads texts from one buffer with offsets", "[text][batch]") {
  Lexicon lexicon;
  const std::string bytes = "goodbadWhere is it?";
  const std::vector<std::uint32_t> offsets = {0, 4, 7, 7, 19};
  std::vector<double> compound(4);
  std::vector<std::uint8_t> label(4);
  std::vector<std::uint32_t> cues(4);
  analyzeBatch(bytes, offsets.data(), 4, lexicon, compound.data(), label.data(), cues.data());
  CHECK(compound[0] == analyzeText("good", lexicon).sentiment.compound);
  CHECK(compound[1] < 0);
  CHECK(compound[2] == 0);
  CHECK(label[0] == static_cast<std::uint8_t>(SentimentLabel::Positive));
  CHECK(label[1] == static_cast<std::uint8_t>(SentimentLabel::Negative));
  CHECK(label[2] == static_cast<std::uint8_t>(SentimentLabel::Neutral));
  CHECK(cues[3] == CueQuestion);
}

TEST_CASE("a batch without a cue array scores the same and skips cues", "[text][batch]") {
  Lexicon lexicon;
  const std::string bytes = "How much is it?I will cancel my account";
  const std::vector<std::uint32_t> offsets = {0, 15, 39};
  double full[2], scoresOnly[2];
  std::uint8_t label[2], labelOnly[2];
  std::uint32_t cues[2] = {0, 0};
  analyzeBatch(bytes, offsets.data(), 2, lexicon, full, label, cues);
  analyzeBatch(bytes, offsets.data(), 2, lexicon, scoresOnly, labelOnly, nullptr);
  CHECK(cues[0] == (CueQuestion | CuePurchaseIntent));
  CHECK(cues[1] == CueChurnThreat);
  for (int i = 0; i < 2; ++i) {
    CHECK(full[i] == scoresOnly[i]);
    CHECK(label[i] == labelOnly[i]);
  }
}

// The batch tokenises and looks words up in one pass; analyzeText takes the tokenizer's own path.
// Texts where the one pass has to take something back (an emoticon chunk read first as a word and
// punctuation) or leave its fast path (apostrophes, non-ASCII letters, emoji) must agree.
TEST_CASE("the one-pass batch agrees with analyzeText on tricky texts", "[text][batch]") {
  Lexicon lexicon;
  const std::vector<std::string> texts = {
      "so GOOD XD!!", "GREAT :D", "BAD 8)", "ok... but fine :(.", "Don\xE2\x80\x99t   'quoted' WON'T",
      "caf\xC3\xA9 CR\xC3\x88ME \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD!", "BUT :) however XD", "kind of GOOD?? no :-(",
      "e-mail (the) 8 $5 well-made", "\xFF\xC3 bad\xE2\x80 ?!"};
  std::string bytes;
  std::vector<std::uint32_t> offsets = {0};
  for (const auto& t : texts) {
    bytes += t;
    offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
  }
  std::vector<double> compound(texts.size());
  std::vector<std::uint8_t> label(texts.size());
  std::vector<std::uint32_t> cues(texts.size());
  analyzeBatch(bytes, offsets.data(), texts.size(), lexicon, compound.data(), label.data(), cues.data());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    INFO(texts[i]);
    const TextAnalysis one = analyzeText(texts[i], lexicon);
    CHECK(compound[i] == one.sentiment.compound);
    CHECK(cues[i] == one.cues);
  }
  CHECK(compound[0] > 0);
}

TEST_CASE("bad offsets are rejected before anything is written", "[text][batch]") {
  Lexicon lexicon;
  const std::string bytes = "good";
  double compound[2] = {7, 7};
  std::uint8_t label[2] = {9, 9};
  std::uint32_t cues[2] = {9, 9};
  const std::uint32_t past[] = {0, 2, 5};
  try {
    analyzeBatch(bytes, past, 2, lexicon, compound, label, cues);
    FAIL("expected E_RANGE");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::Range);
    CHECK(e.path() == "/offsets/2");
  }
  CHECK(compound[0] == 7);
  const std::uint32_t backwards[] = {0, 3, 2};
  CHECK_THROWS_AS(analyzeBatch(bytes, backwards, 2, lexicon, compound, label, cues), Error);
  CHECK(compound[0] == 7);
}

TEST_CASE("explained analysis lists tokens, drivers and cue names", "[text][batch]") {
  Lexicon lexicon;
  const std::string text = "I love it, thank you!";
  auto j = analysisJson(analyzeText(text, lexicon, true), text);
  CHECK(j["label"] == "positive");
  CHECK(j["cues"] == nlohmann::json({"praise"}));
  CHECK(j["tokens"].size() == 7);  // I love it , thank you !
  CHECK(j["tokens"][1] == nlohmann::json({{"text", "love"}, {"kind", "word"}}));
  CHECK(j["drivers"][0]["token"] == "love");
}
