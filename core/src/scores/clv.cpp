#include "selfcrm/scores/clv.hpp"

#include <algorithm>

#include "selfcrm/json_text.hpp"
#include "selfcrm/scores/bgnbd.hpp"
#include "selfcrm/scores/gamma_gamma.hpp"
#include "selfcrm/math/portable.hpp"
#include "selfcrm/scores/ml_fit.hpp"
#include "selfcrm/scores/repeat_model.hpp"

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
  return probabilisticClv(c, RepeatModel::BgNbd, {bg.r, bg.alpha, bg.a, bg.b}, gg, model);
}

ProbabilisticClv probabilisticClv(const CustomerSummary& c, RepeatModel repeat, const std::vector<double>& params,
                                  const GammaGammaParams& gg, const Model& model) {
  ProbabilisticClv out;
  out.summary = c;
  out.model = repeat;
  out.probabilityAlive = repeatProbabilityAlive(repeat, params, c);
  out.expectedSpend = expectedSpend(gg, c.frequency, c.monetary);
  const double discount = 1.0 / (1.0 + model.periodDiscountRate());
  const auto curve = repeatExpectedCurve(repeat, params, c, static_cast<std::size_t>(model.clv.horizonPeriods));
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

namespace {

}  // namespace

std::optional<MlFit> storedRepeatFit(const Model& model, const std::vector<double>& params) {
  const auto& fit = model.fit;
  if (!fit.is_object()) return std::nullopt;
  const auto entry = fit.find(repeatModelKey(model.repeatModel));
  if (entry == fit.end() || !entry->is_object()) return std::nullopt;
  const auto cov = entry->find("covarianceLog");
  const auto values = entry->find("params");
  if (cov == entry->end() || values == entry->end() || !values->is_object() || !cov->is_array() || cov->size() != params.size()) {
    return std::nullopt;
  }
  MlFit out;
  out.params = params;
  // The covariance holds for the fitted parameters only: any edit since the fit voids it.
  const std::vector<std::string> order = model.repeatModel == RepeatModel::ParetoNbd
                                             ? std::vector<std::string>{"r", "alpha", "s", "beta"}
                                             : std::vector<std::string>{"r", "alpha", "a", "b"};
  out.names = order;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto v = values->find(order[i]);
    if (v == values->end() || !v->is_number() || v->get<double>() != params[i]) return std::nullopt;
    out.report.x.push_back(math::log(params[i]));
  }
  for (const auto& row : *cov) {
    if (!row.is_array() || row.size() != params.size()) return std::nullopt;
    std::vector<double> r;
    for (const auto& v : row) {
      if (!v.is_number()) return std::nullopt;
      r.push_back(v.get<double>());
    }
    out.covarianceLog.push_back(r);
  }
  return out;
}

namespace {

void writeDiagnostics(JsonWriter& w, const Model& model) {
  if (!model.fit.is_object()) return;
  const auto d = model.fit.find("diagnostics");
  if (d == model.fit.end() || !d->is_array() || d->empty()) return;
  w.key("diagnostics").openArray();
  for (const auto& item : *d) {
    if (!item.is_object()) continue;
    auto text = [&](const char* key) {
      const auto v = item.find(key);
      return v != item.end() && v->is_string() ? v->get<std::string>() : std::string();
    };
    w.open().key("code").value(text("code")).key("meaning").value(text("meaning")).key("model").value(text("model")).close();
  }
  w.closeArray();
}

}  // namespace

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
  const auto params = model.repeatParams();
  if (params && model.gammaGamma) {
    const CustomerSummary summary = customerSummary(*h, asOf, model.periodDays);
    out.bgnbd = probabilisticClv(summary, model.repeatModel, *params, *model.gammaGamma, model);
    const auto& b = *out.bgnbd;
    w.open().key("age").value(b.summary.age);
    writeDiagnostics(w, model);
    w.key("expectedPurchases").value(b.expectedPurchases);
    w.key("expectedSpend").value(b.expectedSpend).key("frequency").value(b.summary.frequency);
    if (const auto fit = storedRepeatFit(model, *params)) {
      const auto horizon = model.clv.horizonPeriods;
      const auto alive = deltaInterval(*fit, [&](const std::vector<double>& q) { return repeatProbabilityAlive(model.repeatModel, q, summary); }, true);
      const auto purchases = deltaInterval(*fit, [&](const std::vector<double>& q) { return repeatExpectedPurchases(model.repeatModel, q, summary, horizon); }, false);
      const auto value = deltaInterval(*fit, [&](const std::vector<double>& q) { return probabilisticClv(summary, model.repeatModel, q, *model.gammaGamma, model).value; }, false);
      w.key("intervals").open().key("clv").openArray().value(value.low).value(value.high).closeArray();
      w.key("expectedPurchases").openArray().value(purchases.low).value(purchases.high).closeArray();
      w.key("level").value(0.95).key("method").value("delta method on the log (P(alive): logit) scale; repeat-model parameters only");
      w.key("probabilityAlive").openArray().value(alive.low).value(alive.high).closeArray().close();
    }
    w.key("model").value(repeatModelName(b.model));
    w.key("monetary").value(b.summary.monetary).key("probabilityAlive").value(b.probabilityAlive);
    w.key("recency").value(b.summary.recency).close();
  } else {
    const char* names[] = {"BG/NBD", "modified BG/NBD", "Pareto/NBD"};
    w.value("the model has no fitted " + std::string(names[static_cast<int>(model.repeatModel)]) + " and Gamma-Gamma parameters");
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
         {"method", s.bgnbd ? repeatModelName(s.bgnbd->model) : s.simple ? "simple" : "none"},
         {"simple", s.simple ? json(s.simple->value) : json(nullptr)},
         {"bgnbd", s.bgnbd ? json(s.bgnbd->value) : json(nullptr)},
         {"expectedPurchases", s.bgnbd ? json(s.bgnbd->expectedPurchases) : json(nullptr)},
         {"probabilityAlive", s.bgnbd ? json(s.bgnbd->probabilityAlive) : json(nullptr)},
         {"expectedSpend", s.bgnbd ? json(s.bgnbd->expectedSpend) : json(nullptr)},
         {"explain", s.explain}};
}

}  // namespace selfcrm::scores
