#include "selfcrm/scores/score_card.hpp"

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "selfcrm/json_text.hpp"

namespace selfcrm::scores {

namespace {

template <class Record>
std::size_t countLater(const std::vector<Record>& records, Timestamp asOf) {
  std::size_t n = 0;
  for (const Record& r : records) n += r.at > asOf;
  return n;
}

template <class Record>
void dropLater(std::vector<Record>& records, Timestamp asOf) {
  records.erase(std::remove_if(records.begin(), records.end(), [&](const Record& r) { return r.at > asOf; }),
                records.end());
}

// Adds {"leftOutAfterAsOf": {list: count, …}} (the lists with a count) to an explanation.
void noteLeftOut(JsonText& explain, std::initializer_list<std::pair<const char*, std::size_t>> counts) {
  nlohmann::json left = nlohmann::json::object();
  for (const auto& [list, count] : counts) {
    if (count > 0) left[list] = count;
  }
  if (left.empty()) return;
  nlohmann::json tree = explain.tree();
  tree["leftOutAfterAsOf"] = std::move(left);
  explain.text = tree.dump();
}

ScoreCard scoreAll(const Profile& profile, const Model& model, Timestamp asOf) {
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

}  // namespace

LaterRecords laterRecords(const Profile& profile, Timestamp asOf) {
  const History& h = profile.history;
  return {countLater(h.transactions, asOf), countLater(h.interactions, asOf), countLater(h.surveys, asOf),
          countLater(h.referrals, asOf), countLater(h.reach, asOf)};
}

Profile profileAsOf(const Profile& profile, Timestamp asOf) {
  Profile out = profile;
  History& h = out.history;
  dropLater(h.transactions, asOf);
  dropLater(h.interactions, asOf);
  dropLater(h.surveys, asOf);
  dropLater(h.referrals, asOf);
  dropLater(h.reach, asOf);
  return out;
}

ScoreCard scoreProfile(const Profile& profile, const Model& model, Timestamp asOf) {
  const LaterRecords later = laterRecords(profile, asOf);
  if (later.total() == 0) return scoreAll(profile, model, asOf);  // the common case: no copy
  ScoreCard card = scoreAll(profileAsOf(profile, asOf), model, asOf);
  noteLeftOut(card.rfm.explain, {{"transactions", later.transactions}});
  noteLeftOut(card.clv.explain, {{"transactions", later.transactions}});
  noteLeftOut(card.nps.explain, {{"referrals", later.referrals}, {"surveys", later.surveys}});
  noteLeftOut(card.crv.explain, {{"referrals", later.referrals}});
  noteLeftOut(card.influence.explain, {{"reach", later.reach}});
  noteLeftOut(card.engagement.explain, {{"interactions", later.interactions}});
  return card;
}

void to_json(nlohmann::json& out, const ScoreCard& c) {
  out = {{"rfm", c.rfm}, {"clv", c.clv}, {"nps", c.nps}, {"crv", c.crv}, {"influence", c.influence},
         {"engagement", c.engagement}};
}

}  // namespace selfcrm::scores
