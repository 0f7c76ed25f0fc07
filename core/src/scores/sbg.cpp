#include "selfcrm/scores/sbg.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/math/portable.hpp"
#include "selfcrm/math/series.hpp"

namespace selfcrm::scores {
namespace {

using math::lgamma;
using math::log;

double lbeta(double u, double v) { return lgamma(u) + lgamma(v) - lgamma(u + v); }

double term(const SbgParams& p, const Tenure& t) {
  return t.churned ? lbeta(p.alpha + 1, p.beta + t.periods - 1) - lbeta(p.alpha, p.beta)
                   : lbeta(p.alpha, p.beta + t.periods) - lbeta(p.alpha, p.beta);
}

std::vector<Tenure> grouped(const std::vector<Tenure>& tenures) {
  std::map<std::pair<double, bool>, double> counts;
  for (std::size_t i = 0; i < tenures.size(); ++i) {
    validate(tenures[i], pointerAppend("", i));
    counts[{tenures[i].periods, tenures[i].churned}] += tenures[i].count;
  }
  std::vector<Tenure> out;
  for (const auto& [key, count] : counts) out.push_back({key.first, key.second, count});
  return out;
}

double sum(const SbgParams& p, const std::vector<Tenure>& groups) {
  double s = 0;
  for (const auto& g : groups) s += g.count * term(p, g);
  return s;
}

}  // namespace

void validate(const SbgParams& p, const std::string& path) {
  const std::pair<const char*, double> fields[] = {{"alpha", p.alpha}, {"beta", p.beta}};
  for (const auto& [name, value] : fields) {
    if (!(std::isfinite(value) && value > 0)) {
      throw Error(ErrorCode::Range, path + "/" + name, std::string("sBG ") + name + " must be a finite number > 0");
    }
  }
}

void validate(const Tenure& t, const std::string& path) {
  if (!(std::isfinite(t.periods) && t.periods >= (t.churned ? 1 : 0) && t.periods <= 1e6 && t.periods == math::floor(t.periods))) {
    throw Error(ErrorCode::Range, path + "/periods",
                t.churned ? "a churned tenure must be a whole number of periods >= 1" : "tenure must be a whole number of periods >= 0");
  }
  if (!(std::isfinite(t.count) && t.count > 0)) throw Error(ErrorCode::Range, path + "/count", "count must be > 0");
}

std::vector<Tenure> tenuresFromSurvivors(const std::vector<double>& survivors) {
  if (survivors.size() < 2) throw Error(ErrorCode::Empty, "", "survivor counts need the cohort size and at least one period");
  std::vector<Tenure> out;
  for (std::size_t t = 0; t < survivors.size(); ++t) {
    const double n = survivors[t];
    if (!(std::isfinite(n) && n >= 0 && n == math::floor(n)) || (t > 0 && n > survivors[t - 1])) {
      throw Error(ErrorCode::Range, pointerAppend("", t), "survivor counts must be whole numbers that never increase");
    }
    if (t > 0 && survivors[t - 1] > n) out.push_back({static_cast<double>(t), true, survivors[t - 1] - n});
  }
  if (survivors.back() > 0) out.push_back({static_cast<double>(survivors.size() - 1), false, survivors.back()});
  return out;
}

double sbgLogLikelihood(const SbgParams& p, const std::vector<Tenure>& tenures) {
  validate(p, "");
  return sum(p, grouped(tenures));
}

SbgParams sbgParams(const MlFit& fit) { return {fit.params.at(0), fit.params.at(1)}; }

MlFit fitSbg(const std::vector<Tenure>& tenures) {
  const auto groups = grouped(tenures);
  double n = 0, churned = 0;
  for (const auto& g : groups) n += g.count, churned += g.churned ? g.count : 0;
  if (n == 0) throw Error(ErrorCode::Empty, "", "sBG needs at least one subscriber");
  MlFit fit = maximizeLikelihood(
      "sbg", {"alpha", "beta"}, [&](const std::vector<double>& q) { return sum({q[0], q[1]}, groups); },
      {{1, 1}, {0.5, 3}, {3, 0.5}}, static_cast<std::size_t>(n));
  fit.distinct = groups.size();
  // Churners carry the information about θ: with fewer than 30 the mixing distribution is a guess.
  addPopulationDiagnostics(fit, {}, {{0, 1}}, churned);
  for (auto& d : fit.diagnostics) {
    if (d.code == "few-repeat-buyers") d.code = "few-customers", d.message = "only " + std::to_string(static_cast<long long>(churned)) + " subscribers churned";
  }
  return fit;
}

double sbgSurvival(const SbgParams& p, double t) {
  validate(p, "/sbg");
  if (!(std::isfinite(t) && t >= 0)) throw Error(ErrorCode::Range, "/t", "t must be >= 0");
  return math::exp(lbeta(p.alpha, p.beta + t) - lbeta(p.alpha, p.beta));
}

double sbgRetentionRate(const SbgParams& p, double t) {
  validate(p, "/sbg");
  if (!(std::isfinite(t) && t >= 1)) throw Error(ErrorCode::Range, "/t", "t must be >= 1");
  return (p.beta + t - 1) / (p.alpha + p.beta + t - 1);
}

std::vector<double> sbgSurvivalCurve(const SbgParams& p, std::size_t periods) {
  validate(p, "/sbg");
  std::vector<double> out(periods);
  double s = 1;
  for (std::size_t t = 1; t <= periods; ++t) {
    s *= (p.beta + static_cast<double>(t) - 1) / (p.alpha + p.beta + static_cast<double>(t) - 1);
    out[t - 1] = s;
  }
  return out;
}

double sbgDiscountedResidualLifetime(const SbgParams& p, double renewals, double discountRate) {
  validate(p, "/sbg");
  if (!(std::isfinite(renewals) && renewals >= 0)) throw Error(ErrorCode::Range, "/renewals", "renewals must be >= 0");
  if (!(std::isfinite(discountRate) && discountRate > 0)) throw Error(ErrorCode::Range, "/discountRate", "the discount rate must be > 0");
  const double n = renewals + 1;
  return (p.beta + n - 1) / (p.alpha + p.beta + n - 1) *
         math::hyp2f1One(p.beta + n, p.alpha + p.beta + n - 1, 1 / (1 + discountRate));
}

void to_json(nlohmann::json& out, const SbgParams& p) { out = {{"alpha", p.alpha}, {"beta", p.beta}}; }

}  // namespace selfcrm::scores
