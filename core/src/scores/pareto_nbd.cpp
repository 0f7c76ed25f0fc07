#include "selfcrm/scores/pareto_nbd.hpp"

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
    const double upper = logF(tx), lower = logF(T);
    const double diff = 1.0 - math::exp(lower - upper);
    if (diff > 0) t.logSecond = log(p.s) + upper + log(diff);
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
