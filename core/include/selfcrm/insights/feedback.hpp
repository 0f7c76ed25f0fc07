#pragma once
/// @file
/// What a profile's own words say: sentiment, intent cues and the six degrees of its interactions.

#include <cstddef>
#include <map>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/profile.hpp"
#include "selfcrm/text/degrees.hpp"
#include "selfcrm/text/lexicon.hpp"

namespace selfcrm::insights {

/// Sentiment of the texts the customer wrote (customer → business interactions with text).
struct FeedbackSentiment {
  std::size_t texts = 0;
  double mean = 0;   ///< mean compound score; 0 with no text
  /// Least-squares slope of compound against time, per 30 days; 0 with fewer than two texts at
  /// distinct times. Negative: the customer's tone is getting worse.
  double trend = 0;
};

struct Feedback {
  text::DegreeProfile degrees;
  FeedbackSentiment sentiment;
  std::map<std::string, std::size_t> intents;  ///< cue name → number of customer texts with it
};

/// Classifies every interaction and summarises the customer's texts.
Feedback analyzeFeedback(const Profile& profile, const text::Lexicon& lexicon);

/// {"sentiment":{"texts","mean","trend"},"intents":{cue:count},"sociability":x|null,"degrees":…}
void to_json(nlohmann::json& out, const Feedback& feedback);

}  // namespace selfcrm::insights
