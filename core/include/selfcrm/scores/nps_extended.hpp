#pragma once
/// @file
/// NPS joined with behaviour: a customer's category from their latest answer and its history, and
/// for a population the NPS (nps.hpp) plus intended vs actual advocacy: the share of promoters who
/// really referred someone, referral conversion, and silent advocates (non-promoters who refer).

#include <optional>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/nps.hpp"
#include "selfcrm/profile.hpp"
#include "selfcrm/detail/json_text.hpp"

namespace selfcrm::scores {

struct CustomerNps {
  std::optional<int> latestScore;           ///< absent when the customer never answered
  std::optional<NpsCategory> category;      ///< of the latest answer (ties on date: the later record)
  std::vector<std::pair<Timestamp, int>> history;  ///< answers in date order
  std::size_t referrals = 0, convertedReferrals = 0;
  bool silentAdvocate = false;              ///< referred someone without being a promoter
  JsonText explain;
};

/// Throws Error(E_RANGE, "/history/surveys/i/…") for an answer outside 0–10 or dated after asOf,
/// and "/history/referrals/i/at" for a referral dated after asOf.
CustomerNps customerNps(const Profile& profile, Timestamp asOf);
/// The same standing from figures alone (a latest answer, if any, and referral counts), for
/// callers holding per-customer results rather than profiles. Throws E_RANGE for an answer
/// outside 0–10 or more converted than made; `explain` stays empty.
CustomerNps customerNps(std::optional<int> latestScore, std::size_t referrals, std::size_t convertedReferrals);

struct PopulationAdvocacy {
  NpsSummary nps;                           ///< over customers with an answer (latest answer each)
  bool answered = false;                    ///< someone answered: `nps` holds (JSON null otherwise)
  std::size_t promoters = 0, promotersWhoReferred = 0;
  double promoterReferralShare = 0;         ///< promotersWhoReferred / promoters (0 when none)
  std::size_t referrals = 0, converted = 0;
  double referralConversion = 0;            ///< converted / referrals (0 when none)
  std::size_t silentAdvocates = 0;
};

/// The counts behind PopulationAdvocacy, one customer at a time: exact, so totals of parts merge
/// into the totals of the whole.
struct AdvocacyTotals {
  NpsTally tally;  ///< latest answers
  std::size_t promotersWhoReferred = 0, referrals = 0, converted = 0, silentAdvocates = 0;
  void add(const CustomerNps& customer, std::string_view path = "");
  void merge(const AdvocacyTotals& other) noexcept;
};

enum class NoAnswers { Refuse, Allow };
/// The population figures of the totals (see populationAdvocacy below).
PopulationAdvocacy populationAdvocacy(const AdvocacyTotals& totals, NoAnswers noAnswers);
/// Population figures from per-customer results. E_EMPTY when no customer answered, unless
/// `noAnswers` is Allow (then `answered` is false and the counts still hold).
PopulationAdvocacy populationAdvocacy(const std::vector<CustomerNps>& customers, NoAnswers noAnswers = NoAnswers::Refuse);

/// populationAdvocacy(…, Allow) over rows of kAdvocacyColumns doubles: the latest answer (NaN when
/// none), referrals made, referrals converted. A bad row throws with path "/<row>".
constexpr std::size_t kAdvocacyColumns = 3;
PopulationAdvocacy populationAdvocacy(const double* rows, std::size_t count);

void to_json(nlohmann::json& out, const CustomerNps& nps);
void to_json(nlohmann::json& out, const PopulationAdvocacy& advocacy);

}  // namespace selfcrm::scores
