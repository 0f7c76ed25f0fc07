#pragma once
/// @file
/// Engagement: recency-weighted intensity of the customer's own interactions (customer → business).
/// Each interaction counts 2^(−age/halfLife) with age in days (fractional) as of asOf, so the score
/// decays with time without any server job. The value is the sum: "effective recent interactions".

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/profile.hpp"
#include "selfcrm/detail/json_text.hpp"

namespace selfcrm::scores {

struct Engagement {
  double value = 0;
  std::size_t interactions = 0;  ///< customer-initiated interactions counted
  JsonText explain;        ///< weight per channel, half-life
};

/// Throws Error(E_RANGE, "/history/interactions/i/at") for an interaction after asOf, and E_RANGE
/// for a half-life that is not > 0.
Engagement engagement(const Profile& profile, Timestamp asOf, double halfLifeDays);

void to_json(nlohmann::json& out, const Engagement& engagement);

}  // namespace selfcrm::scores
