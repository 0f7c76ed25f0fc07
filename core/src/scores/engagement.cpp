#include "selfcrm/scores/engagement.hpp"

#include <cmath>
#include <map>

#include "selfcrm/error.hpp"
#include "selfcrm/detail/json_text.hpp"
#include "selfcrm/math/portable.hpp"

namespace selfcrm::scores {

Engagement engagement(const Profile& p, Timestamp asOf, double halfLifeDays) {
  if (!(std::isfinite(halfLifeDays) && halfLifeDays > 0)) {
    throw Error(ErrorCode::Range, "/engagement/halfLifeDays", "the half-life must be > 0");
  }
  constexpr double kLn2 = 0.69314718055994530942;
  Engagement out;
  std::map<std::string, double> byChannel;
  const auto& list = p.history.interactions;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].at > asOf) {
      throw Error(ErrorCode::Range, pointerAppend("/history/interactions", i) + "/at", "interaction dated after asOf");
    }
  }
  for (const auto& it : list) {
    if (it.direction != Direction::CustomerToBusiness) continue;
    const double ageDays = static_cast<double>(asOf - it.at) / static_cast<double>(kSecondsPerDay);
    const double weight = math::exp(-kLn2 * ageDays / halfLifeDays);
    byChannel[it.channel] += weight;
    ++out.interactions;
  }
  for (const auto& [channel, weight] : byChannel) out.value += weight;
  // Written as text, keys in sorted order (see JsonWriter); channels are in std::map's order, which
  // is nlohmann::json's.
  JsonWriter w = out.explain.writer();
  w.open().key("byChannel").open();
  for (const auto& [channel, weight] : byChannel) w.anyKey(channel).value(weight);
  w.close().key("halfLifeDays").value(halfLifeDays);
  w.key("rule").value("each customer-initiated interaction weighs 2^(-ageDays/halfLifeDays)").close();
  return out;
}

void to_json(nlohmann::json& out, const Engagement& e) {
  out = {{"value", e.value}, {"interactions", e.interactions}, {"explain", e.explain}};
}

}  // namespace selfcrm::scores
