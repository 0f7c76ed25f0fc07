#pragma once
/// @file
/// Lexicon-and-rules sentiment for short English feedback, in the manner of VADER (Hutto &
/// Gilbert 2014) with fixes for its known failures: negators do not count as negative words
/// ("no problem"), an even number of negators cancels ("not un-", "don't not"), idioms are read
/// whole ("dying to", "never again", "can't wait"), and long texts are normalised by the number of
/// sentiment-bearing tokens so they do not run to ±1.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/text/lexicon.hpp"
#include "selfcrm/text/tokenizer.hpp"

namespace selfcrm::text {

enum class SentimentLabel : std::uint8_t { Negative = 0, Neutral = 1, Positive = 2 };

/// The stable name: "negative", "neutral", "positive".
const char* labelName(SentimentLabel label) noexcept;

/** @name Rules that changed a token's valence (bit flags of Driver::rules) */
enum SentimentRule : std::uint32_t {
  RuleNegated = 1u << 0,     ///< an odd number of negators in the 3 words before, same clause
  RuleIntensified = 1u << 1, ///< "very", "really", "extremely" … before it
  RuleDampened = 1u << 2,    ///< "slightly", "somewhat", "kind of" … before it
  RuleCaps = 1u << 3,        ///< written in ALL CAPS in a text that is not
  RuleBeforeContrast = 1u << 4, ///< before "but"/"however" in its sentence: weight 0.5
  RuleAfterContrast = 1u << 5,  ///< after "but"/"however" in its sentence: weight 1.5
  RuleIdiom = 1u << 6,       ///< a multi-word expression read whole
  RuleCustom = 1u << 7,      ///< valence from a host-added lexicon entry
};

/// One token (or idiom) that moved the score, with what the rules made of it.
struct Driver {
  std::string token;         ///< as written in the text
  std::uint32_t offset = 0;  ///< bytes into the text
  std::uint32_t length = 0;
  double lexicon = 0;        ///< the lexicon's valence
  double valence = 0;        ///< after the rules
  std::uint32_t rules = 0;   ///< SentimentRule flags
};

struct SentimentResult {
  double compound = 0;  ///< in [−1, 1]
  SentimentLabel label = SentimentLabel::Neutral;
  double emphasis = 0;  ///< added for "!" and "??" (already in compound)
  std::vector<Driver> drivers;  ///< empty unless asked for
};

/// Labels: compound ≥ 0.05 positive, ≤ −0.05 negative, neutral between (VADER's thresholds).
SentimentLabel labelFor(double compound) noexcept;

/// Scores one text. Never throws for any bytes; `explain` fills `drivers`.
SentimentResult analyzeSentiment(std::string_view text, const Lexicon& lexicon, bool explain = false);
/// The same, over tokens already made from `text` by tokenize().
SentimentResult analyzeSentiment(std::string_view text, const std::vector<Token>& tokens, const Lexicon& lexicon,
                                 bool explain);

void to_json(nlohmann::json& out, const Driver& driver);
void to_json(nlohmann::json& out, const SentimentResult& result);

}  // namespace selfcrm::text
