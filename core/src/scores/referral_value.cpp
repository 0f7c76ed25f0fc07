#include "selfcrm/scores/referral_value.hpp"

#include <cmath>

#include "selfcrm/error.hpp"
#include "selfcrm/detail/json_text.hpp"

namespace selfcrm::scores {

ReferralValue referralValue(const Profile& p, Timestamp asOf, const Model& model) {
  ReferralValue out;
  const double w = model.referral.wouldHaveComeAnyway;
  const int horizon = static_cast<int>(model.clv.horizonPeriods);
  const double step = 1.0 / (1.0 + model.periodDiscountRate());
  double annuity = 0, factor = 1.0;  // Σ_{i=1..H} 1/(1+d)^i
  for (int i = 0; i < horizon; ++i) annuity += (factor *= step);
  // Written as text, keys in sorted order (see JsonWriter).
  std::string items;
  JsonWriter each(items);
  for (std::size_t i = 0; i < p.history.referrals.size(); ++i) {
    const auto& r = p.history.referrals[i];
    const auto path = [i](const char* field) { return pointerAppend(pointerAppend("/history/referrals", i), field); };
    if (r.at > asOf) throw Error(ErrorCode::Range, path("at"), "referral dated after asOf");
    if (!(std::isfinite(r.value) && r.value >= 0)) throw Error(ErrorCode::Range, path("value"), "value must be >= 0");
    ++out.referrals;
    double margin = 0, saved = 0;
    if (r.converted) {
      ++out.converted;
      margin = horizon > 0 ? (1.0 - w) * r.value / horizon * annuity : 0.0;
      saved = w * model.referral.acquisitionCost;
    }
    out.marginPart += margin;
    out.acquisitionSavedPart += saved;
    each.open().key("acquisitionSaved").value(saved).key("converted").value(r.converted).key("id").value(r.id);
    each.key("margin").value(margin).close();
  }
  out.value = out.marginPart + out.acquisitionSavedPart;
  JsonWriter text = out.explain.writer();
  text.open().key("acquisitionCost").value(model.referral.acquisitionCost);
  text.key("discountedPeriodsPerUnit").value(horizon > 0 ? annuity / horizon : 0.0);
  text.key("referrals").openArray().raw(items).closeArray().key("wouldHaveComeAnyway").value(w).close();
  return out;
}

void to_json(nlohmann::json& out, const ReferralValue& v) {
  out = {{"value", v.value},         {"marginPart", v.marginPart}, {"acquisitionSavedPart", v.acquisitionSavedPart},
         {"referrals", v.referrals}, {"converted", v.converted},    {"explain", v.explain}};
}

}  // namespace selfcrm::scores
