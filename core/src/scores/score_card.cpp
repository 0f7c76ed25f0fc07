#include "selfcrm/scores/score_card.hpp"

namespace selfcrm::scores {

ScoreCard scoreProfile(const Profile& profile, const Model& model, Timestamp asOf) {
  std::optional<PurchaseHistory> history;
  if (!profile.history.transactions.empty()) history = purchaseHistory(profile.history.transactions, asOf);
  ScoreCard card;
  card.rfm = rfmScore(history, asOf, model.rfm);
  card.clv = clvScore(history, asOf, model);
  card.nps = customerNps(profile, asOf);
  card.crv = referralValue(profile, asOf, model);
  card.influence = influence(profile, asOf, model.influence);
  card.engagement = engagement(profile, asOf, model.engagementHalfLifeDays);
  return card;
}

void to_json(nlohmann::json& out, const ScoreCard& c) {
  out = {{"rfm", c.rfm}, {"clv", c.clv}, {"nps", c.nps}, {"crv", c.crv}, {"influence", c.influence},
         {"engagement", c.engagement}};
}

}  // namespace selfcrm::scores
