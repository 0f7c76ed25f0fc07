#include "selfcrm/scores/repeat_model.hpp"

#include "selfcrm/error.hpp"
#include "selfcrm/scores/bgnbd.hpp"
#include "selfcrm/scores/gamma_gamma.hpp"
#include "selfcrm/scores/modified_bgnbd.hpp"
#include "selfcrm/scores/pareto_nbd.hpp"
#include "selfcrm/scores/summary_groups.hpp"

namespace selfcrm::scores {
namespace {

BgNbdParams bg(const std::vector<double>& q) { return {q.at(0), q.at(1), q.at(2), q.at(3)}; }
ParetoNbdParams pareto(const std::vector<double>& q) { return {q.at(0), q.at(1), q.at(2), q.at(3)}; }

MlFit fitBgNbdModel(const std::vector<CustomerSummary>& customers) {
  const auto groups = groupSummaries(customers);
  double x = 0, ages = 0;
  for (const auto& g : groups) x += g.count * g.frequency, ages += g.count * g.age;
  const double repeaters = repeatBuyers(groups);
  if (repeaters == 0) throw Error(ErrorCode::Empty, "", "BG/NBD needs at least one customer with a repeat purchase");
  const double rate = x / ages;  // α is a time scale: start it where r/α matches the purchase rate
  GroupLogTimes times(groups);
  MlFit fit = maximizeLikelihood(
      "bgnbd", {"r", "alpha", "a", "b"},
      [&](const std::vector<double>& q) { return bgnbdLogLikelihood(bg(q), groups, times); },
      {{1, 1 / rate, 1, 1}, {0.5, 0.5 / rate, 0.5, 2}, {2, 2 / rate, 2, 5}, {0.25, 0.25 / rate, 1, 4}},
      customers.size());
  fit.distinct = groups.size();
  addPopulationDiagnostics(fit, {0}, {{2, 3}}, repeaters);
  return fit;
}

}  // namespace

const char* repeatModelName(RepeatModel m) {
  switch (m) {
    case RepeatModel::BgNbd: return "bgnbd";
    case RepeatModel::ModifiedBgNbd: return "modified-bgnbd";
    case RepeatModel::ParetoNbd: return "pareto-nbd";
  }
  return "";
}

const char* repeatModelKey(RepeatModel m) {
  switch (m) {
    case RepeatModel::BgNbd: return "bgnbd";
    case RepeatModel::ModifiedBgNbd: return "modifiedBgnbd";
    case RepeatModel::ParetoNbd: return "paretoNbd";
  }
  return "";
}

RepeatModel parseRepeatModel(const std::string& name, const std::string& path) {
  for (RepeatModel m : kRepeatModels) {
    if (name == repeatModelName(m)) return m;
  }
  throw Error(ErrorCode::Schema, path, "unknown model \"" + name + "\": use bgnbd, modified-bgnbd or pareto-nbd");
}

MlFit fitRepeatModel(RepeatModel m, const std::vector<CustomerSummary>& customers) {
  switch (m) {
    case RepeatModel::BgNbd: return fitBgNbdModel(customers);
    case RepeatModel::ModifiedBgNbd: return fitModifiedBgNbd(customers);
    case RepeatModel::ParetoNbd: return fitParetoNbd(customers);
  }
  throw Error(ErrorCode::Schema, "", "unknown repeat-purchase model");
}

double repeatProbabilityAlive(RepeatModel m, const std::vector<double>& q, const CustomerSummary& c) {
  switch (m) {
    case RepeatModel::BgNbd: return probabilityAlive(bg(q), c);
    case RepeatModel::ModifiedBgNbd: return modifiedBgNbdProbabilityAlive(bg(q), c);
    case RepeatModel::ParetoNbd: return paretoNbdProbabilityAlive(pareto(q), c);
  }
  return 0;
}

double repeatExpectedPurchases(RepeatModel m, const std::vector<double>& q, const CustomerSummary& c, double t) {
  switch (m) {
    case RepeatModel::BgNbd: return expectedPurchases(bg(q), c, t);
    case RepeatModel::ModifiedBgNbd: return modifiedBgNbdExpectedPurchases(bg(q), c, t);
    case RepeatModel::ParetoNbd: return paretoNbdExpectedPurchases(pareto(q), c, t);
  }
  return 0;
}

std::vector<double> repeatExpectedCurve(RepeatModel m, const std::vector<double>& q, const CustomerSummary& c,
                                        std::size_t periods) {
  if (m == RepeatModel::BgNbd) return expectedPurchasesCurve(bg(q), c, periods);
  std::vector<double> out(periods);
  for (std::size_t i = 0; i < periods; ++i) out[i] = repeatExpectedPurchases(m, q, c, static_cast<double>(i + 1));
  return out;
}

MlFit fitGammaGammaModel(const std::vector<CustomerSummary>& customers) {
  const SpendBuyers buyers = spendBuyers(customers);
  const auto& used = buyers.used;
  const double meanSpend = buyers.meanSpend;
  const GammaGammaLikelihood likelihood(used);
  auto ll = [&](const std::vector<double>& q) { return likelihood({q[0], q[1], q[2]}); };
  // γ is a spend scale: start it so that the prior mean pγ/(q−1) matches the observed mean spend.
  MlFit fit = maximizeLikelihood("gamma-gamma", {"p", "q", "gamma"}, ll,
                                 {{1, 2, meanSpend}, {5, 3, 0.5 * meanSpend}, {2, 5, 2 * meanSpend}}, used.size());
  fit.distinct = used.size();
  addPopulationDiagnostics(fit, {1}, {}, static_cast<double>(used.size()));
  return fit;
}

}  // namespace selfcrm::scores
