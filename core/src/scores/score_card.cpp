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
  // Member by member: nlohmann's initializer-list constructor compiled into 19 KB of wasm here.
  out = nlohmann::json::object();
  out["rfm"] = c.rfm;
  out["clv"] = c.clv;
  out["nps"] = c.nps;
  out["crv"] = c.crv;
  out["influence"] = c.influence;
  out["engagement"] = c.engagement;
}

}  // namespace selfcrm::scores
