#pragma once
/// @file
/// Intent cues a CRM acts on, found by documented rules over the tokens and the sentiment score.
/// A text can carry several cues; they travel as a bit mask.

#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/text/tokenizer.hpp"

namespace selfcrm::text {

/** @name Cue bits
 *  - Question: a "?", or a sentence opening with a question word or an inverted auxiliary
 *    ("how", "can you", "is there"), or "any idea", "wondering", "does anyone".
 *  - Complaint: a complaint phrase ("doesn't work", "refund", "still waiting", "broken"), or
 *    compound ≤ −0.3.
 *  - Praise: compound ≥ 0.5, or a praise phrase ("thank you", "well done", "love it") with
 *    compound ≥ 0.05.
 *  - ChurnThreat: "cancel my", "switching to", "close my account", "go elsewhere", "never
 *    again", "won't be back" …
 *  - PurchaseIntent: "want to buy", "how much", "do you sell", "in stock", "sign up" … unless
 *    negated in the three words before.
 *  - Recommendation: "recommend" (not negated), "told my friends", "you should try", "must
 *    try", "check it out" …
 */
enum Cue : std::uint32_t {
  CueQuestion = 1u << 0,
  CueComplaint = 1u << 1,
  CuePraise = 1u << 2,
  CueChurnThreat = 1u << 3,
  CuePurchaseIntent = 1u << 4,
  CueRecommendation = 1u << 5,
};

/// The cue bits of a tokenised text whose sentiment compound is `compound`.
std::uint32_t detectCues(const std::vector<Token>& tokens, double compound);

/// Cue names in bit order: ["question", "complaint", …] for the bits set in `cues`.
nlohmann::json cueNames(std::uint32_t cues);
/// The name of cue bit `bit` (0–5).
const char* cueName(std::uint32_t bit);
/// How many cue bits there are.
constexpr std::uint32_t kCueCount = 6;

}  // namespace selfcrm::text
