#pragma once
/// @file
/// Influence / syndication value from social reach observations (latest per network, as of asOf):
/// per network reach (followers), amplification (reshares + mentions per post) and engagement rate
/// (reshares + mentions per post per follower); overall, the connector score on 0–100:
///   100 × (w_r·R + w_a·A + w_e·E), with
///   R = min(1, log(1 + followers) / log(1 + reachScale)),
///   A = amp / (amp + amplificationHalf),  E = rate / (rate + engagementHalf),
/// where followers, amp and rate are totals over networks (Σ(reshares+mentions) / Σposts and
/// Σ(reshares+mentions) / Σ(posts × followers)). Zero posts or followers give 0 for that part.

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/profile.hpp"
#include "selfcrm/scores/model.hpp"
#include "selfcrm/detail/json_text.hpp"

namespace selfcrm::scores {

struct NetworkInfluence {
  std::string network;
  double followers = 0, amplification = 0, engagementRate = 0;
};

struct Influence {
  double value = 0;  ///< connector score, 0–100
  double reach = 0, amplification = 0, engagementRate = 0;
  std::vector<NetworkInfluence> networks;
  JsonText explain;
};

/// Throws Error(E_RANGE, "/history/reach/i/…") for an observation after asOf or a negative count.
Influence influence(const Profile& profile, Timestamp asOf, const InfluenceSettings& settings);

void to_json(nlohmann::json& out, const Influence& influence);

}  // namespace selfcrm::scores
