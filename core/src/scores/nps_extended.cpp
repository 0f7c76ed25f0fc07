#include "selfcrm/scores/nps_extended.hpp"

#include <algorithm>
#include <cmath>

#include "selfcrm/error.hpp"
#include "selfcrm/detail/json_text.hpp"

namespace selfcrm::scores {

CustomerNps customerNps(const Profile& p, Timestamp asOf) {
  CustomerNps out;
  const auto& surveys = p.history.surveys;
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < surveys.size(); ++i) {
    const auto path = [i](const char* field) { return pointerAppend(pointerAppend("/history/surveys", i), field); };
    if (!isNpsAnswer(surveys[i].score)) classifyNps(surveys[i].score, path("score"));  // throws with the reason
    if (surveys[i].at > asOf) throw Error(ErrorCode::Range, path("at"), "survey answer dated after asOf");
    order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](auto l, auto r) { return surveys[l].at < surveys[r].at; });
  for (auto i : order) out.history.emplace_back(surveys[i].at, surveys[i].score);
  for (std::size_t i = 0; i < p.history.referrals.size(); ++i) {
    const auto& r = p.history.referrals[i];
    if (r.at > asOf) throw Error(ErrorCode::Range, pointerAppend("/history/referrals", i) + "/at", "referral dated after asOf");
    ++out.referrals;
    out.convertedReferrals += r.converted ? 1 : 0;
  }
  if (!order.empty()) {
    out.latestScore = out.history.back().second;
    out.category = classifyNps(*out.latestScore);
  }
  out.silentAdvocate = out.referrals > 0 && out.category != NpsCategory::Promoter;
  // Written as text, keys in sorted order (see JsonWriter).
  JsonWriter w = out.explain.writer();
  w.open().key("answers").openArray();
  for (const auto& [at, score] : out.history) {
    w.open().key("at").value(formatIsoTime(at)).key("category").value(categoryName(classifyNps(score)));
    w.key("score").value(score).close();
  }
  w.closeArray().key("convertedReferrals").value(out.convertedReferrals).key("referrals").value(out.referrals);
  w.key("rule").value("category of the latest answer: 9-10 promoter, 7-8 passive, 0-6 detractor").close();
  return out;
}

CustomerNps customerNps(std::optional<int> latestScore, std::size_t referrals, std::size_t convertedReferrals) {
  CustomerNps out;
  if (latestScore) {
    out.category = classifyNps(*latestScore, "/score");
    out.latestScore = latestScore;
  }
  if (convertedReferrals > referrals) throw Error(ErrorCode::Range, "/converted", "more referrals converted than made");
  out.referrals = referrals;
  out.convertedReferrals = convertedReferrals;
  out.silentAdvocate = out.referrals > 0 && out.category != NpsCategory::Promoter;
  return out;
}

PopulationAdvocacy populationAdvocacy(const double* rows, std::size_t count) {
  std::vector<CustomerNps> customers;
  customers.reserve(count);
  const auto whole = [](double d, const std::string& path) {
    if (!(d >= 0 && d <= 9007199254740991.0) || d != std::floor(d)) throw Error(ErrorCode::Range, path, "expected a whole count");
    return static_cast<std::size_t>(d);
  };
  for (std::size_t i = 0; i < count; ++i) {
    const double* r = rows + kAdvocacyColumns * i;
    const std::string at = pointerAppend("", i);
    std::optional<int> latest;
    if (!std::isnan(r[0])) {
      if (!isNpsAnswer(r[0])) classifyNps(r[0], at);  // throws with the reason
      latest = static_cast<int>(r[0]);
    }
    const std::size_t referrals = whole(r[1], at + "/referrals"), converted = whole(r[2], at + "/converted");
    if (converted > referrals) throw Error(ErrorCode::Range, at + "/converted", "more referrals converted than made");
    customers.push_back(customerNps(latest, referrals, converted));
  }
  return populationAdvocacy(customers, NoAnswers::Allow);
}

void AdvocacyTotals::add(const CustomerNps& c, std::string_view path) {
  if (c.latestScore) tally.add(*c.latestScore, path);
  if (c.category == NpsCategory::Promoter) promotersWhoReferred += c.referrals > 0 ? 1 : 0;
  referrals += c.referrals;
  converted += c.convertedReferrals;
  silentAdvocates += c.silentAdvocate ? 1 : 0;
}

void AdvocacyTotals::merge(const AdvocacyTotals& other) noexcept {
  tally.merge(other.tally);
  promotersWhoReferred += other.promotersWhoReferred;
  referrals += other.referrals;
  converted += other.converted;
  silentAdvocates += other.silentAdvocates;
}

PopulationAdvocacy populationAdvocacy(const AdvocacyTotals& totals, NoAnswers noAnswers) {
  PopulationAdvocacy out;
  out.promoters = totals.tally.promoters();
  out.promotersWhoReferred = totals.promotersWhoReferred;
  out.referrals = totals.referrals;
  out.converted = totals.converted;
  out.silentAdvocates = totals.silentAdvocates;
  out.answered = totals.tally.count() > 0;
  if (out.answered || noAnswers == NoAnswers::Refuse) out.nps = totals.tally.summary();  // E_EMPTY when nobody answered
  if (out.promoters) out.promoterReferralShare = static_cast<double>(out.promotersWhoReferred) / out.promoters;
  if (out.referrals) out.referralConversion = static_cast<double>(out.converted) / out.referrals;
  return out;
}

PopulationAdvocacy populationAdvocacy(const std::vector<CustomerNps>& customers, NoAnswers noAnswers) {
  AdvocacyTotals totals;
  for (std::size_t i = 0; i < customers.size(); ++i) totals.add(customers[i], pointerAppend("", i));
  return populationAdvocacy(totals, noAnswers);
}

void to_json(nlohmann::json& out, const CustomerNps& c) {
  using json = nlohmann::json;
  out = {{"value", c.latestScore ? json(*c.latestScore) : json(nullptr)},
         {"category", c.category ? json(categoryName(*c.category)) : json(nullptr)},
         {"referred", c.referrals > 0},
         {"silentAdvocate", c.silentAdvocate},
         {"explain", c.explain}};
}

void to_json(nlohmann::json& out, const PopulationAdvocacy& a) {
  out = {{"nps", a.answered ? nlohmann::json(a.nps) : nlohmann::json(nullptr)},
         {"promoters", a.promoters},
         {"promotersWhoReferred", a.promotersWhoReferred},
         {"promoterReferralShare", a.promoterReferralShare},
         {"referrals", a.referrals},
         {"converted", a.converted},
         {"referralConversion", a.referralConversion},
         {"silentAdvocates", a.silentAdvocates}};
}

}  // namespace selfcrm::scores
