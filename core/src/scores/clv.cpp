#include "selfcrm/scores/clv.hpp"

#include <algorithm>

#include "selfcrm/detail/json_text.hpp"
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
  // Written as text, keys in sorted order (see JsonWriter).
  JsonWriter w = out.explain.writer();
  const auto settings = [&] {
    w.key("settings").open().key("horizonPeriods").value(model.clv.horizonPeriods).key("marginRate").value(model.clv.marginRate);
    w.key("periodDays").value(model.periodDays).key("periodDiscountRate").value(model.periodDiscountRate());
    w.key("retentionPerPeriod").value(model.clv.retentionPerPeriod).close();
  };
  if (!h) {
    w.open().key("reason").value("no purchases");
    settings();
    w.close();
    return out;
  }
  out.simple = simpleClv(*h, asOf, model);
  w.open().key("bgnbd");
  if (model.bgnbd && model.gammaGamma) {
    out.bgnbd = probabilisticClv(customerSummary(*h, asOf, model.periodDays), *model.bgnbd, *model.gammaGamma, model);
    const auto& b = *out.bgnbd;
    w.open().key("age").value(b.summary.age).key("expectedPurchases").value(b.expectedPurchases);
    w.key("expectedSpend").value(b.expectedSpend).key("frequency").value(b.summary.frequency);
    w.key("monetary").value(b.summary.monetary).key("probabilityAlive").value(b.probabilityAlive);
    w.key("recency").value(b.summary.recency).close();
  } else {
    w.value("the model has no fitted BG/NBD and Gamma-Gamma parameters");
  }
  settings();
  w.key("simple").open().key("discountedPeriods").value(out.simple->discountedPeriods);
  w.key("marginPerTransaction").value(out.simple->marginPerTransaction);
  w.key("purchasesPerPeriod").value(out.simple->purchasesPerPeriod).close().close();
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
