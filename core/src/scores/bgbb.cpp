#include "selfcrm/scores/bgbb.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/math/portable.hpp"

namespace selfcrm::scores {
namespace {

using math::lgamma;
using math::log;

double lbeta(double u, double v) { return lgamma(u) + lgamma(v) - lgamma(u + v); }

struct Weighted {
  BgBbSummary summary;
  double count;
};

double term(const BgBbParams& p, double x, double tx, double n) {
  const double base = lbeta(p.alpha, p.beta) + lbeta(p.gamma, p.delta);
  const double alive = lbeta(p.alpha + x, p.beta + n - x) + lbeta(p.gamma, p.delta + n) - base;
  const auto steps = static_cast<long>(n - tx);
  if (steps <= 0) return alive;
  // Σ_i B(α+x, β+t_x−x+i)·B(γ+1, δ+t_x+i): term i+1 / term i = (β+t_x−x+i)/(α+β+t_x+i)·(δ+t_x+i)/(γ+δ+1+t_x+i).
  const double first = lbeta(p.alpha + x, p.beta + tx - x) + lbeta(p.gamma + 1, p.delta + tx) - base;
  double t = 1, sum = 1;
  for (long i = 0; i + 1 < steps; ++i) {
    const double k = static_cast<double>(i);
    t *= (p.beta + tx - x + k) / (p.alpha + p.beta + tx + k) * (p.delta + tx + k) / (p.gamma + p.delta + 1 + tx + k);
    const double next = sum + t;
    if (next == sum) break;
    sum = next;
  }
  return math::logSumExp(alive, first + log(sum));
}

std::vector<Weighted> grouped(const std::vector<BgBbSummary>& customers) {
  std::vector<Weighted> all;
  for (std::size_t i = 0; i < customers.size(); ++i) {
    validate(customers[i], pointerAppend("", i));
    all.push_back({customers[i], 1});
  }
  auto key = [](const Weighted& w) { return std::tie(w.summary.frequency, w.summary.recency, w.summary.opportunities); };
  std::sort(all.begin(), all.end(), [&](const auto& l, const auto& r) { return key(l) < key(r); });
  std::vector<Weighted> out;
  for (const auto& w : all) {
    if (!out.empty() && key(out.back()) == key(w)) out.back().count += 1;
    else out.push_back(w);
  }
  return out;
}

double sum(const BgBbParams& p, const std::vector<Weighted>& groups) {
  double s = 0;
  for (const auto& g : groups) s += g.count * term(p, g.summary.frequency, g.summary.recency, g.summary.opportunities);
  return s;
}

}  // namespace

void validate(const BgBbSummary& c, const std::string& path) {
  auto whole = [](double v) { return std::isfinite(v) && v >= 0 && v == math::floor(v) && v <= 1e6; };
  if (!whole(c.opportunities)) throw Error(ErrorCode::Range, path + "/opportunities", "opportunities must be a whole number in [0, 1e6]");
  if (!whole(c.frequency) || c.frequency > c.opportunities) {
    throw Error(ErrorCode::Range, path + "/frequency", "frequency must be a whole number in [0, opportunities]");
  }
  if (!whole(c.recency) || c.recency > c.opportunities || c.recency < c.frequency || (c.frequency == 0 && c.recency != 0)) {
    throw Error(ErrorCode::Range, path + "/recency", "recency must be a whole number with frequency <= recency <= opportunities (0 when frequency is 0)");
  }
}

void validate(const BgBbParams& p, const std::string& path) {
  const std::pair<const char*, double> fields[] = {{"alpha", p.alpha}, {"beta", p.beta}, {"gamma", p.gamma}, {"delta", p.delta}};
  for (const auto& [name, value] : fields) {
    if (!(std::isfinite(value) && value > 0)) {
      throw Error(ErrorCode::Range, path + "/" + name, std::string("BG/BB ") + name + " must be a finite number > 0");
    }
  }
}

double bgbbLogLikelihood(const BgBbParams& p, const BgBbSummary& c) {
  validate(p, "");
  validate(c, "");
  return term(p, c.frequency, c.recency, c.opportunities);
}

double bgbbLogLikelihood(const BgBbParams& p, const std::vector<BgBbSummary>& customers) {
  validate(p, "");
  return sum(p, grouped(customers));
}

BgBbParams bgbbParams(const MlFit& fit) { return {fit.params.at(0), fit.params.at(1), fit.params.at(2), fit.params.at(3)}; }

MlFit fitBgBb(const std::vector<BgBbSummary>& customers) {
  if (customers.empty()) throw Error(ErrorCode::Empty, "", "BG/BB needs at least one customer");
  const auto groups = grouped(customers);
  double repeaters = 0;
  for (const auto& g : groups) repeaters += g.summary.frequency > 1 ? g.count : 0;
  MlFit fit = maximizeLikelihood(
      "bgbb", {"alpha", "beta", "gamma", "delta"},
      [&](const std::vector<double>& q) { return sum({q[0], q[1], q[2], q[3]}, groups); },
      {{1, 1, 1, 1}, {0.5, 2, 0.5, 2}, {2, 0.5, 2, 5}}, customers.size());
  fit.distinct = groups.size();
  addPopulationDiagnostics(fit, {}, {{0, 1}, {2, 3}}, repeaters);
  return fit;
}

double bgbbProbabilityAlive(const BgBbParams& p, const BgBbSummary& c) {
  validate(p, "/bgbb");
  validate(c, "");
  const double x = c.frequency, n = c.opportunities;
  const double aliveNext = lbeta(p.alpha + x, p.beta + n - x) + lbeta(p.gamma, p.delta + n + 1) - lbeta(p.alpha, p.beta) -
                           lbeta(p.gamma, p.delta);
  return math::exp(aliveNext - term(p, x, c.recency, n));
}

double bgbbExpectedPurchases(const BgBbParams& p, const BgBbSummary& c, double future) {
  validate(p, "/bgbb");
  validate(c, "");
  if (!(std::isfinite(future) && future >= 0)) throw Error(ErrorCode::Range, "/future", "future opportunities must be >= 0");
  if (p.gamma == 1.0) throw Error(ErrorCode::Range, "/bgbb/gamma", "predictions need gamma != 1");
  const double x = c.frequency, n = c.opportunities;
  const double k = lbeta(p.alpha + x + 1, p.beta + n - x) - lbeta(p.alpha, p.beta) + log(p.delta) -
                   log(std::fabs(p.gamma - 1)) + lgamma(p.gamma + p.delta) - lgamma(1 + p.delta) -
                   term(p, x, c.recency, n);
  const double now = lgamma(1 + p.delta + n) - lgamma(p.gamma + p.delta + n);
  const double later = lgamma(1 + p.delta + n + future) - lgamma(p.gamma + p.delta + n + future);
  // The bracket Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*) has the sign of γ−1; its magnitude:
  const double hi = std::max(now, later), lo = std::min(now, later);
  return math::exp(k + hi) * (1 - math::exp(lo - hi));
}

void to_json(nlohmann::json& out, const BgBbParams& p) {
  out = {{"alpha", p.alpha}, {"beta", p.beta}, {"gamma", p.gamma}, {"delta", p.delta}};
}

}  // namespace selfcrm::scores
