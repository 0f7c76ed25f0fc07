#include <cmath>
#include <string>

#include "selfcrm/error.hpp"
#include "selfcrm/scores/clv.hpp"

namespace selfcrm::scores {

nlohmann::json predictionIntervals(const Model& model, const std::vector<CustomerSummary>& customers, double t) {
  using json = nlohmann::json;
  const auto params = model.repeatParams();
  const std::string key = std::string("/") + repeatModelKey(model.repeatModel);
  if (!params) throw Error(ErrorCode::NotFound, key, std::string("the model has no ") + repeatModelName(model.repeatModel) + " parameters");
  if (!model.gammaGamma) throw Error(ErrorCode::NotFound, "/gammaGamma", "the model has no Gamma-Gamma parameters");
  const auto fit = storedRepeatFit(model, *params);
  if (!fit || fit->covarianceLog.empty()) {
    throw Error(ErrorCode::NotFound, "/fit" + key + "/covarianceLog", "the model carries no parameter covariance for its fitted parameters");
  }
  for (std::size_t i = 0; i < customers.size(); ++i) validate(customers[i], pointerAppend("", i));
  if (!(std::isfinite(t) && t >= 0)) throw Error(ErrorCode::Range, "/t", "the prediction horizon must be >= 0");
  json purchases = json::array(), alive = json::array(), value = json::array();
  const RepeatModel m = model.repeatModel;
  for (const auto& c : customers) {
    const Interval e = deltaInterval(*fit, [&](const std::vector<double>& q) { return repeatExpectedPurchases(m, q, c, t); }, false);
    const Interval a = deltaInterval(*fit, [&](const std::vector<double>& q) { return repeatProbabilityAlive(m, q, c); }, true);
    const Interval v = deltaInterval(*fit, [&](const std::vector<double>& q) { return probabilisticClv(c, m, q, *model.gammaGamma, model).value; }, false);
    purchases.push_back({e.low, e.high});
    alive.push_back({a.low, a.high});
    value.push_back({v.low, v.high});
  }
  return {{"expectedPurchases", purchases}, {"probabilityAlive", alive}, {"clv", value}, {"level", 0.95},
          {"method", "delta method on the log (P(alive): logit) scale from the observed information; repeat-model parameters only, spend held at its estimate"}};
}

}  // namespace selfcrm::scores
