#include "selfcrm/scores/pareto_nbd.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/math/portable.hpp"
#include "selfcrm/math/series.hpp"
#include "selfcrm/scores/summary_groups.hpp"

namespace selfcrm::scores {
namespace {

using math::lgamma;
using math::log;
constexpr double kNegInf = -std::numeric_limits<double>::infinity();

struct Terms {
  double constant;   ///< ln[Γ(r+x) α^r β^s / Γ(r)]
  double first;      ///< −(r+x) ln(α+T) − s ln(β+T): alive at T
  double logSecond;  ///< ln s + ln ∫_{t_x}^{T}…: dropped out between t_x and T
};

/// ln ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ by Gauss–Legendre panels in y = ln(lo+τ), lo =
/// min(α, β): there the integrand is e^{g(y)} with g(y) = (1−p_lo)·y − p_m·ln(d + e^y) concave and
/// its slope bounded, so panels at most ½ wide over which g changes by at most 1 give ~1e−12 accuracy; past 46 below
/// the running maximum, on the falling side, the rest cannot matter. Used where the series
/// converges slowly (z = d/(m+t_x) > 1/2: one scale far above the other).
double logIntegralByQuadrature(const ParetoNbdParams& p, double rx, double tx, double T) {
  static constexpr double kNodes[4] = {0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363};
  static constexpr double kWeights[4] = {0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};
  const bool alphaSmaller = p.alpha <= p.beta;
  const double lo = alphaSmaller ? p.alpha : p.beta, m = alphaSmaller ? p.beta : p.alpha;
  const double pLo = alphaSmaller ? rx : p.s + 1, pM = alphaSmaller ? p.s + 1 : rx, d = m - lo;
  auto g = [&](double y) { return (1 - pLo) * y - pM * log(d + math::exp(y)); };
  auto slope = [&](double y) {
    const double e = math::exp(y);
    return (1 - pLo) - pM * e / (d + e);
  };
  const double y1 = log(lo + T);
  double y = log(lo + tx), total = kNegInf, best = kNegInf;
  while (y < y1) {
    double h = std::min(y1 - y, 1.0 / std::max(std::fabs(slope(y)), 2.0));
    while (std::fabs(slope(y + h)) * h > 1.0 && h > 1e-12) h *= 0.5;  // concave: |g'| grows inside
    const double mid = y + h / 2, half = h / 2;
    double values[8], top = kNegInf;
    for (int i = 0; i < 4; ++i) {
      values[2 * i] = g(mid - half * kNodes[i]);
      values[2 * i + 1] = g(mid + half * kNodes[i]);
      top = std::max(top, std::max(values[2 * i], values[2 * i + 1]));
    }
    double sum = 0;
    for (int i = 0; i < 4; ++i) sum += kWeights[i] * (math::exp(values[2 * i] - top) + math::exp(values[2 * i + 1] - top));
    total = math::logSumExp(total, top + log(sum * half));
    best = std::max(best, top);
    y += h;
    if (slope(y) < 0 && g(y) < best - 46) break;
  }
  return total;
}

Terms terms(const ParetoNbdParams& p, double x, double tx, double T) {
  const double rx = p.r + x;
  const double a = rx + p.s;  // exponent A of (m+τ)
  const bool alphaLarger = p.alpha >= p.beta;
  const double m = alphaLarger ? p.alpha : p.beta, lo = alphaLarger ? p.beta : p.alpha;
  const double d = m - lo;
  // Exponent b of (1−z)^−b in ∫ z^(A−1)(1−z)^−b dz, and the Euler-transformed series parameter.
  const double b = alphaLarger ? p.s + 1 : rx;
  const double c = alphaLarger ? rx : p.s + 1;
  // ln F(τ) where ∫_{t_x}^{T} = F(t_x) − F(T):
  //   F(τ) = (m+τ)^−A / A · (1−z)^(1−b) · ₂F₁(1, c; A+1; z), z = d/(m+τ), 1−z = (lo+τ)/(m+τ).
  auto logF = [&](double tau) {
    const double lm = log(m + tau);
    const double z = d / (m + tau);
    return -a * lm - log(a) + (1 - b) * (log(lo + tau) - lm) + log(math::hyp2f1One(c, a, z));
  };
  Terms t{lgamma(rx) - lgamma(p.r) + p.r * log(p.alpha) + p.s * log(p.beta),
          -rx * log(p.alpha + T) - p.s * log(p.beta + T), kNegInf};
  if (T > tx) {
    if (d / (m + tx) > 0.5) {
      t.logSecond = log(p.s) + logIntegralByQuadrature(p, rx, tx, T);
    } else {
      const double upper = logF(tx), lower = logF(T);
      const double diff = 1.0 - math::exp(lower - upper);
      if (diff > 0) t.logSecond = log(p.s) + upper + log(diff);
    }
  }
  return t;
}

double termLogLikelihood(const Terms& t) { return t.constant + math::logSumExp(t.first, t.logSecond); }

}  // namespace

void validate(const ParetoNbdParams& p, const std::string& path) {
  const std::pair<const char*, double> fields[] = {{"r", p.r}, {"alpha", p.alpha}, {"s", p.s}, {"beta", p.beta}};
  for (const auto& [name, value] : fields) {
    if (!(std::isfinite(value) && value > 0)) {
      throw Error(ErrorCode::Range, path + "/" + name, std::string("Pareto/NBD ") + name + " must be a finite number > 0");
    }
  }
}

double paretoNbdLogLikelihood(const ParetoNbdParams& p, const CustomerSummary& c) {
  validate(p, "");
  validate(c, "");
  return termLogLikelihood(terms(p, c.frequency, c.recency, c.age));
}

namespace {
double groupedLogLikelihood(const ParetoNbdParams& p, const std::vector<SummaryGroup>& groups) {
  double sum = 0;
  for (const auto& g : groups) sum += g.count * termLogLikelihood(terms(p, g.frequency, g.recency, g.age));
  return sum;
}
}  // namespace

double paretoNbdLogLikelihood(const ParetoNbdParams& p, const std::vector<CustomerSummary>& customers) {
  validate(p, "");
  return groupedLogLikelihood(p, groupSummaries(customers));
}

ParetoNbdParams paretoNbdParams(const MlFit& fit) {
  return {fit.params.at(0), fit.params.at(1), fit.params.at(2), fit.params.at(3)};
}

MlFit fitParetoNbd(const std::vector<CustomerSummary>& customers) {
  const auto groups = groupSummaries(customers);
  double x = 0, ages = 0, n = 0;
  for (const auto& g : groups) x += g.count * g.frequency, ages += g.count * g.age, n += g.count;
  const double repeaters = repeatBuyers(groups);
  if (repeaters == 0) throw Error(ErrorCode::Empty, "", "Pareto/NBD needs at least one customer with a repeat purchase");
  // α is the purchase time scale (r/α ≈ the observed rate), β the lifetime scale (≈ the mean age).
  const double rate = x / ages, meanAge = ages / n;
  MlFit fit = maximizeLikelihood(
      "pareto-nbd", {"r", "alpha", "s", "beta"},
      [&](const std::vector<double>& q) { return groupedLogLikelihood({q[0], q[1], q[2], q[3]}, groups); },
      {{1, 1 / rate, 1, meanAge}, {0.5, 0.5 / rate, 0.5, meanAge}, {2, 2 / rate, 2, 2 * meanAge}}, customers.size());
  fit.distinct = groups.size();
  addPopulationDiagnostics(fit, {0, 2}, {}, repeaters);
  return fit;
}

double paretoNbdProbabilityAlive(const ParetoNbdParams& p, const CustomerSummary& c) {
  validate(p, "/paretoNbd");
  validate(c, "");
  const Terms t = terms(p, c.frequency, c.recency, c.age);
  return math::exp(t.first - math::logSumExp(t.first, t.logSecond));
}

double paretoNbdExpectedPurchases(const ParetoNbdParams& p, const CustomerSummary& c, double t) {
  if (!(std::isfinite(t) && t >= 0)) throw Error(ErrorCode::Range, "/t", "the prediction horizon must be >= 0");
  const double alive = paretoNbdProbabilityAlive(p, c);
  const double span = log(p.beta + c.age + t) - log(p.beta + c.age);
  const double e = p.s - 1;
  // [1 − e^(−e·span)]/e, by its series where e·span is tiny (the closed form cancels there).
  const double lifetime = std::fabs(e * span) < 1e-6 ? span * (1 - e * span / 2) : (1 - math::exp(-e * span)) / e;
  return alive * (p.r + c.frequency) * (p.beta + c.age) / (p.alpha + c.age) * lifetime;
}

void to_json(nlohmann::json& out, const ParetoNbdParams& p) {
  out = {{"r", p.r}, {"alpha", p.alpha}, {"s", p.s}, {"beta", p.beta}};
}

}  // namespace selfcrm::scores
