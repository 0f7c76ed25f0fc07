#include "selfcrm/scores/modified_bgnbd.hpp"

#include <cmath>

#include "selfcrm/error.hpp"
#include "selfcrm/math/portable.hpp"
#include "selfcrm/scores/summary_groups.hpp"

namespace selfcrm::scores {
namespace {

using math::lgamma;
using math::log;

/// The parts of ln L that depend only on x.
double constant(const BgNbdParams& p, double x) {
  return lgamma(p.r + x) - lgamma(p.r) + p.r * log(p.alpha) + lgamma(p.a + p.b) + lgamma(p.b + x + 1) - lgamma(p.b) -
         lgamma(p.a + p.b + x + 1);
}

double term(const BgNbdParams& p, double c, double x, double tx, double T) {
  const double rx = p.r + x;
  return c + math::logSumExp(-rx * log(p.alpha + T), log(p.a) - log(p.b + x) - rx * log(p.alpha + tx));
}

double grouped(const BgNbdParams& p, const std::vector<SummaryGroup>& groups) {
  double sum = 0, lastX = -1, c = 0;
  for (const auto& g : groups) {  // sorted by frequency: Γ terms once per frequency
    if (g.frequency != lastX) lastX = g.frequency, c = constant(p, lastX);
    sum += g.count * term(p, c, g.frequency, g.recency, g.age);
  }
  return sum;
}

/// grouped(), bit for bit, with ln(α + T), ln(α + t_x) from the table and ln a − ln(b+x) once per x.
double grouped(const BgNbdParams& p, const std::vector<SummaryGroup>& groups, GroupLogTimes& times) {
  times.shift(p.alpha);
  double sum = 0, lastX = -1, c = 0, ratio = 0;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const SummaryGroup& g = groups[i];
    if (g.frequency != lastX) lastX = g.frequency, c = constant(p, lastX), ratio = log(p.a) - log(p.b + lastX);
    const double rx = p.r + g.frequency;
    sum += g.count * (c + math::logSumExp(-rx * times.age(i), ratio - rx * times.recency(i)));
  }
  return sum;
}

}  // namespace

double modifiedBgNbdLogLikelihood(const BgNbdParams& p, const CustomerSummary& c) {
  validate(p, "");
  validate(c, "");
  return term(p, constant(p, c.frequency), c.frequency, c.recency, c.age);
}

double modifiedBgNbdLogLikelihood(const BgNbdParams& p, const std::vector<CustomerSummary>& customers) {
  validate(p, "");
  return grouped(p, groupSummaries(customers));
}

BgNbdParams bgNbdParams(const MlFit& fit) { return {fit.params.at(0), fit.params.at(1), fit.params.at(2), fit.params.at(3)}; }

MlFit fitModifiedBgNbd(const std::vector<CustomerSummary>& customers) {
  const auto groups = groupSummaries(customers);
  double x = 0, ages = 0;
  for (const auto& g : groups) x += g.count * g.frequency, ages += g.count * g.age;
  const double repeaters = repeatBuyers(groups);
  if (repeaters == 0) throw Error(ErrorCode::Empty, "", "modified BG/NBD needs at least one customer with a repeat purchase");
  const double rate = x / ages;
  GroupLogTimes times(groups);
  MlFit fit = maximizeLikelihood(
      "modified-bgnbd", {"r", "alpha", "a", "b"},
      [&](const std::vector<double>& q) { return grouped({q[0], q[1], q[2], q[3]}, groups, times); },
      {{1, 1 / rate, 1, 1}, {0.5, 0.5 / rate, 0.5, 2}, {2, 2 / rate, 2, 5}, {0.25, 0.25 / rate, 1, 4}},
      customers.size());
  fit.distinct = groups.size();
  addPopulationDiagnostics(fit, {0}, {{2, 3}}, repeaters);
  return fit;
}

double modifiedBgNbdProbabilityAlive(const BgNbdParams& p, const CustomerSummary& c) {
  validate(p, "/modifiedBgnbd");
  validate(c, "");
  const double rx = p.r + c.frequency;
  return 1.0 / (1.0 + p.a / (p.b + c.frequency) * math::exp(rx * (log(p.alpha + c.age) - log(p.alpha + c.recency))));
}

double modifiedBgNbdExpectedPurchases(const BgNbdParams& p, const CustomerSummary& c, double t) {
  if (!(std::isfinite(t) && t >= 0)) throw Error(ErrorCode::Range, "/t", "the prediction horizon must be >= 0");
  const double alive = modifiedBgNbdProbabilityAlive(p, c);
  if (p.a == 1.0) throw Error(ErrorCode::Range, "/modifiedBgnbd/a", "predictions need a != 1");
  const double x = c.frequency, rx = p.r + x;
  const double shrink = math::exp(rx * (log(p.alpha + c.age) - log(p.alpha + c.age + t)));
  const double f = math::hyp2f1(rx, p.b + x + 1, p.a + p.b + x, t / (p.alpha + c.age + t));
  return (p.a + p.b + x) / (p.a - 1) * (1.0 - shrink * f) * alive;
}

}  // namespace selfcrm::scores
