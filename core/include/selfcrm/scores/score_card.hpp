#pragma once
/// @file
/// Every score of one profile under one model, as of one instant: the single call the vault's
/// `model.score(vault)` and `selfcrm score` make per profile.

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/profile.hpp"
#include "selfcrm/scores/clv.hpp"
#include "selfcrm/scores/engagement.hpp"
#include "selfcrm/scores/influence.hpp"
#include "selfcrm/scores/model.hpp"
#include "selfcrm/scores/nps_extended.hpp"
#include "selfcrm/scores/referral_value.hpp"
#include "selfcrm/scores/rfm.hpp"

namespace selfcrm::scores {

struct ScoreCard {
  RfmScore rfm;
  ClvScore clv;
  CustomerNps nps;
  ReferralValue crv;
  Influence influence;
  Engagement engagement;
};

/// Records of a profile dated after asOf, by history list: as of asOf they have not happened yet.
struct LaterRecords {
  std::size_t transactions = 0, interactions = 0, surveys = 0, referrals = 0, reach = 0;
  std::size_t total() const { return transactions + interactions + surveys + referrals + reach; }
};
LaterRecords laterRecords(const Profile& profile, Timestamp asOf);
/// The profile as it stood at asOf: its records dated after asOf left out.
Profile profileAsOf(const Profile& profile, Timestamp asOf);

/// All scores. Pure: no state besides the arguments. Records dated after asOf are left out (as
/// segments treat them: not yet happened), and each score they would have changed says how many
/// in its explanation: "leftOutAfterAsOf": {"transactions": 2}.
ScoreCard scoreProfile(const Profile& profile, const Model& model, Timestamp asOf);

/// {"rfm","clv","nps","crv","influence","engagement"}, each {"value", …, "explain"}.
void to_json(nlohmann::json& out, const ScoreCard& card);
/// Appends `nlohmann::json(card).dump()` to `out`, faster (no JSON tree around the explanations).
void appendScoreCard(std::string& out, const ScoreCard& card);
/// Appends {"id": id, "scores": card} the same way: one line of `selfcrm score`, without "\n".
void appendScoreLine(std::string& out, const std::string& id, const ScoreCard& card);

}  // namespace selfcrm::scores
