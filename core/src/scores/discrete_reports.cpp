#include "selfcrm/scores/discrete_reports.hpp"
#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "selfcrm/error.hpp"
#include "selfcrm/scores/bgbb.hpp"
#include "selfcrm/scores/sbg.hpp"

namespace selfcrm::scores {
namespace {

using json = nlohmann::json;
constexpr const char* kDelta = "95 % delta method on the log (probabilities: logit) scale from the observed information";

void onlyKeys(const json& j, const std::string& path, const std::set<std::string>& keys) {
  if (!j.is_object()) throw Error(ErrorCode::Schema, path, "expected an object");
  for (const auto& [key, value] : j.items()) {
    (void)value;
    if (!keys.count(key)) throw Error(ErrorCode::Schema, pointerAppend(path, key), "unknown field \"" + key + "\"");
  }
}

double number(const json& j, const std::string& key, double fallback, const std::string& path = "") {
  const auto v = j.find(key);
  if (v == j.end()) return fallback;
  if (!v->is_number()) throw Error(ErrorCode::Schema, pointerAppend(path, key), key + " must be a number");
  return v->get<double>();
}

const json& array(const json& j, const std::string& key) {
  const auto v = j.find(key);
  if (v == j.end() || !v->is_array()) throw Error(ErrorCode::Schema, "/" + key, key + " must be an array");
  return *v;
}

}  // namespace

json sbgReport(const json& request) {
  onlyKeys(request, "", {"survivors", "tenures", "horizon", "discountRate", "renewals"});
  std::vector<Tenure> tenures;
  if (request.contains("survivors") == request.contains("tenures")) {
    throw Error(ErrorCode::Schema, "", "give either survivors or tenures");
  }
  if (request.contains("survivors")) {
    std::vector<double> survivors;
    const json& s = array(request, "survivors");
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (!s[i].is_number()) throw Error(ErrorCode::Schema, "/survivors/" + std::to_string(i), "expected a number");
      survivors.push_back(s[i].get<double>());
    }
    try {
      tenures = tenuresFromSurvivors(survivors);
    } catch (const Error& e) {
      throw Error(e.code(), "/survivors" + e.path(), e.what());
    }
  } else {
    const json& t = array(request, "tenures");
    for (std::size_t i = 0; i < t.size(); ++i) {
      const std::string at = "/tenures/" + std::to_string(i);
      onlyKeys(t[i], at, {"periods", "churned", "count"});
      const auto churned = t[i].find("churned");
      if (churned == t[i].end() || !churned->is_boolean()) throw Error(ErrorCode::Schema, at + "/churned", "churned must be true or false");
      if (!t[i].contains("periods")) throw Error(ErrorCode::Schema, at + "/periods", "periods is required");
      Tenure tenure{number(t[i], "periods", 0, at), churned->get<bool>(), number(t[i], "count", 1, at)};
      validate(tenure, at);
      tenures.push_back(tenure);
    }
  }
  const double horizon = number(request, "horizon", 12);
  if (!(horizon >= 1 && horizon <= 1e4 && horizon == static_cast<double>(static_cast<long>(horizon)))) {
    throw Error(ErrorCode::Range, "/horizon", "horizon must be a whole number in [1, 10000]");
  }
  const double d = number(request, "discountRate", 0.1);
  if (!(d > 0 && d < 100)) throw Error(ErrorCode::Range, "/discountRate", "discountRate must be in (0, 100)");
  std::vector<double> renewals{0, 1, 2, 3, 4};
  if (request.contains("renewals")) {
    renewals.clear();
    const json& r = array(request, "renewals");
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (!r[i].is_number() || r[i].get<double>() < 0) throw Error(ErrorCode::Range, "/renewals/" + std::to_string(i), "renewals must be numbers >= 0");
      renewals.push_back(r[i].get<double>());
    }
  }
  const MlFit fit = fitSbg(tenures);
  const SbgParams p = sbgParams(fit);
  json retention = json::array(), derl = json::array();
  for (double t = 1; t <= horizon; ++t) retention.push_back(sbgRetentionRate(p, t));
  for (double n : renewals) {
    auto value = [&](const std::vector<double>& q) { return sbgDiscountedResidualLifetime({q[0], q[1]}, n, d); };
    const Interval i = deltaInterval(fit, value, false);
    derl.push_back({{"renewals", n}, {"value", value(fit.params)}, {"interval", {i.low, i.high}}});
  }
  return {{"fit", fit}, {"survival", sbgSurvivalCurve(p, static_cast<std::size_t>(horizon))}, {"retention", retention},
          {"derl", derl}, {"discountRate", d}, {"method", kDelta}};
}

json bgbbReport(const json& request) {
  onlyKeys(request, "", {"customers", "future"});
  const json& c = array(request, "customers");
  std::vector<BgBbSummary> customers;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const std::string at = "/customers/" + std::to_string(i);
    onlyKeys(c[i], at, {"frequency", "recency", "opportunities"});
    for (const char* k : {"frequency", "recency", "opportunities"}) {
      if (!c[i].contains(k)) throw Error(ErrorCode::Schema, at + "/" + k, std::string(k) + " is required");
    }
    BgBbSummary s{number(c[i], "frequency", 0, at), number(c[i], "recency", 0, at), number(c[i], "opportunities", 0, at)};
    validate(s, at);
    customers.push_back(s);
  }
  const double future = number(request, "future", 10);
  if (!(future >= 0 && future <= 1e6)) throw Error(ErrorCode::Range, "/future", "future must be in [0, 1e6]");
  const MlFit fit = fitBgBb(customers);
  json alive = json::array(), expected = json::array(), aliveI = json::array(), expectedI = json::array();
  for (const auto& s : customers) {
    auto a = [&](const std::vector<double>& q) { return bgbbProbabilityAlive({q[0], q[1], q[2], q[3]}, s); };
    auto e = [&](const std::vector<double>& q) { return bgbbExpectedPurchases({q[0], q[1], q[2], q[3]}, s, future); };
    alive.push_back(a(fit.params));
    expected.push_back(e(fit.params));
    const Interval ai = deltaInterval(fit, a, true), ei = deltaInterval(fit, e, false);
    aliveI.push_back({ai.low, ai.high});
    expectedI.push_back({ei.low, ei.high});
  }
  return {{"fit", fit},
          {"future", future},
          {"probabilityAlive", alive},
          {"expectedPurchases", expected},
          {"intervals", {{"probabilityAlive", aliveI}, {"expectedPurchases", expectedI}}},
          {"method", kDelta}};
}

}  // namespace selfcrm::scores
