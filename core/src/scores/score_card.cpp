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

namespace {
// The explanation is most of a score's JSON; moving it in spares a deep copy per score.
template <class Score>
nlohmann::json movedOut(Score& score) {
  nlohmann::json explain = std::move(score.explain);
  score.explain = nullptr;
  nlohmann::json out = score;
  out["explain"] = std::move(explain);
  return out;
}
}  // namespace

void to_json(nlohmann::json& out, ScoreCard&& c) {
  out = nlohmann::json::object();
  out["rfm"] = movedOut(c.rfm);
  out["clv"] = movedOut(c.clv);
  out["nps"] = movedOut(c.nps);
  out["crv"] = movedOut(c.crv);
  out["influence"] = movedOut(c.influence);
  out["engagement"] = movedOut(c.engagement);
}

}  // namespace selfcrm::scores
