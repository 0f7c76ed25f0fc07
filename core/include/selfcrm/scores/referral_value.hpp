#pragma once
/// @file
/// Customer Referral Value after V. Kumar et al. (2007): for each referred customer who converted,
/// the share 1 − w who would not have come otherwise contributes their margin, spread evenly over
/// the model's horizon H and discounted per period (Σ_{i=1..H} (v/H)/(1+d)^i); the share w who
/// would have come anyway contributes the acquisition cost the firm saved. Non-converted
/// referrals contribute nothing.

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/profile.hpp"
#include "selfcrm/scores/model.hpp"
#include "selfcrm/detail/json_text.hpp"

namespace selfcrm::scores {

struct ReferralValue {
  double value = 0;
  double marginPart = 0;           ///< Σ (1 − w) × discounted margin
  double acquisitionSavedPart = 0; ///< Σ w × acquisition cost
  std::size_t referrals = 0, converted = 0;
  JsonText explain;          ///< per referral: id, converted, contribution
};

/// Throws Error(E_RANGE, "/history/referrals/i/…") for a referral after asOf or a non-finite or
/// negative value.
ReferralValue referralValue(const Profile& profile, Timestamp asOf, const Model& model);

void to_json(nlohmann::json& out, const ReferralValue& value);

}  // namespace selfcrm::scores
