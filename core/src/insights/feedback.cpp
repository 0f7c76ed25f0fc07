#include "selfcrm/insights/feedback.hpp"
#include <nlohmann/json.hpp>

#include "selfcrm/text/cues.hpp"

namespace selfcrm::insights {

namespace {
constexpr double kSecondsPerTrendUnit = 30.0 * 86400.0;
}

Feedback analyzeFeedback(const Profile& profile, const text::Lexicon& lexicon) {
  Feedback out;
  const auto& interactions = profile.history.interactions;
  out.degrees = text::classifyInteractions(interactions, lexicon);

  // Customer texts only: the business's own messages say nothing about the customer's mood.
  double sumX = 0, sumY = 0;
  std::size_t n = 0;
  const Timestamp origin = interactions.empty() ? 0 : interactions.front().at;
  for (const auto& d : out.degrees.interactions) {
    const Interaction& record = interactions[d.index];
    if (record.direction != Direction::CustomerToBusiness || record.text.empty()) continue;
    ++n;
    sumX += static_cast<double>(record.at - origin) / kSecondsPerTrendUnit;
    sumY += d.compound;
    for (const auto& name : text::cueNames(d.cues)) ++out.intents[name.get<std::string>()];
  }
  out.sentiment.texts = n;
  if (n == 0) return out;
  const double meanX = sumX / static_cast<double>(n);
  out.sentiment.mean = sumY / static_cast<double>(n);
  double sxx = 0, sxy = 0;
  for (const auto& d : out.degrees.interactions) {
    const Interaction& record = interactions[d.index];
    if (record.direction != Direction::CustomerToBusiness || record.text.empty()) continue;
    const double dx = static_cast<double>(record.at - origin) / kSecondsPerTrendUnit - meanX;
    sxx += dx * dx;
    sxy += dx * (d.compound - out.sentiment.mean);
  }
  out.sentiment.trend = sxx > 0 ? sxy / sxx : 0;
  return out;
}

void to_json(nlohmann::json& out, const Feedback& f) {
  nlohmann::json degrees = f.degrees;
  out = {{"sentiment", {{"texts", f.sentiment.texts}, {"mean", f.sentiment.mean}, {"trend", f.sentiment.trend}}},
         {"intents", f.intents},
         {"sociability", degrees["sociability"]},
         {"degrees", std::move(degrees)}};
}

}  // namespace selfcrm::insights
