#include "selfcrm/scores/clv.hpp"

#include <algorithm>

#include "selfcrm/json_text.hpp"
#include "selfcrm/scores/bgnbd.hpp"
#include "selfcrm/scores/gamma_gamma.hpp"

namespace selfcrm::scores {

SimpleClv simpleClv(const PurchaseHistory& h, Timestamp asOf, const Model& model) {
  SimpleClv out;
  const double n = static_cast<double>(h.transactions);
  const double tenurePeriods =
      std::max(1.0, static_cast<double>(epochDay(asOf) - h.firstDay) / model.periodDays);
  out.marginPerTransaction = h.totalMargin / n;
  out.purchasesPerPeriod = n / tenurePeriods;
  const double step = model.clv.retentionPerPeriod / (1.0 + model.periodDiscountRate());
  double factor = 1.0;
  for (int i = 0; i < static_cast<int>(model.clv.horizonPeriods); ++i) {
    factor *= step;
    out.discountedPeriods += factor;
  }
  out.value = out.marginPerTransaction * out.purchasesPerPeriod * out.discountedPeriods;
  return out;
}

ProbabilisticClv probabilisticClv(const CustomerSummary& c, const BgNbdParams& bg, const GammaGammaParams& gg,
                                  const Model& model) {
  ProbabilisticClv out;
  out.summary = c;
  out.probabilityAlive = probabilityAlive(bg, c);
  out.expectedSpend = expectedSpend(gg, c.frequency, c.monetary);
  const double discount = 1.0 / (1.0 + model.periodDiscountRate());
  const auto curve = expectedPurchasesCurve(bg, c, static_cast<std::size_t>(model.clv.horizonPeriods));
  double previous = 0, factor = 1.0;
  for (double cumulative : curve) {
    factor *= discount;
    out.value += (cumulative - previous) * factor;
    previous = cumulative;
  }
  out.expectedPurchases = previous;
  out.value *= out.expectedSpend * model.clv.marginRate;
  return out;
}

ClvScore clvScore(const std::optional<PurchaseHistory>& h, Timestamp asOf, const Model& model) {
  ClvScore out;
  nlohmann::json settings = jsonObject("horizonPeriods", model.clv.horizonPeriods, "periodDays", model.periodDays,
                                       "periodDiscountRate", model.periodDiscountRate(), "retentionPerPeriod",
                                       model.clv.retentionPerPeriod, "marginRate", model.clv.marginRate);
  if (!h) {
    out.explain = jsonObject("reason", "no purchases", "settings", std::move(settings));
    return out;
  }
  out.simple = simpleClv(*h, asOf, model);
  out.explain = jsonObject("settings", std::move(settings), "simple",
                           jsonObject("marginPerTransaction", out.simple->marginPerTransaction, "purchasesPerPeriod",
                                      out.simple->purchasesPerPeriod, "discountedPeriods",
                                      out.simple->discountedPeriods));
  if (model.bgnbd && model.gammaGamma) {
    out.bgnbd = probabilisticClv(customerSummary(*h, asOf, model.periodDays), *model.bgnbd, *model.gammaGamma, model);
    const auto& b = *out.bgnbd;
    out.explain["bgnbd"] = jsonObject("frequency", b.summary.frequency, "recency", b.summary.recency, "age",
                                      b.summary.age, "monetary", b.summary.monetary, "probabilityAlive",
                                      b.probabilityAlive, "expectedPurchases", b.expectedPurchases, "expectedSpend",
                                      b.expectedSpend);
  } else {
    out.explain["bgnbd"] = "the model has no fitted BG/NBD and Gamma-Gamma parameters";
  }
  return out;
}

void to_json(nlohmann::json& out, const ClvScore& s) {
  using json = nlohmann::json;
  double value = s.bgnbd ? s.bgnbd->value : s.simple ? s.simple->value : 0.0;
  out = {{"value", value},
         {"method", s.bgnbd ? "bgnbd" : s.simple ? "simple" : "none"},
         {"simple", s.simple ? json(s.simple->value) : json(nullptr)},
         {"bgnbd", s.bgnbd ? json(s.bgnbd->value) : json(nullptr)},
         {"expectedPurchases", s.bgnbd ? json(s.bgnbd->expectedPurchases) : json(nullptr)},
         {"probabilityAlive", s.bgnbd ? json(s.bgnbd->probabilityAlive) : json(nullptr)},
         {"expectedSpend", s.bgnbd ? json(s.bgnbd->expectedSpend) : json(nullptr)},
         {"explain", s.explain}};
}

}  // namespace selfcrm::scores
