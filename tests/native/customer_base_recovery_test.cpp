// Parameter recovery: populations simulated with published parameters, refitted. Tolerance: each
// estimate within 3 of its own standard errors (from the observed information) of the truth, and
// the fit beats the truth's likelihood on its own sample. Sized to take seconds; bench/clv_fit.mjs
// runs 10⁴–10⁶ customers.
#include <catch2/catch.hpp>

#include <cmath>

#include "selfcrm/scores/bgbb.hpp"
#include "selfcrm/scores/modified_bgnbd.hpp"
#include "selfcrm/scores/pareto_nbd.hpp"
#include "selfcrm/scores/repeat_model.hpp"
#include "selfcrm/scores/sbg.hpp"
#include "selfcrm/scores/simulate.hpp"
#include "selfcrm/scores/simulate_models.hpp"

using namespace selfcrm;
using namespace selfcrm::scores;

namespace {

void checkWithin3Se(const MlFit& fit, const std::vector<double>& truth) {
  REQUIRE(fit.report.converged);
  for (std::size_t i = 0; i < truth.size(); ++i) {
    INFO(fit.model << " " << fit.names[i] << ": fitted " << fit.params[i] << " ± " << fit.standardErrors[i] << ", truth " << truth[i]);
    REQUIRE(std::isfinite(fit.standardErrors[i]));
    CHECK(std::fabs(fit.params[i] - truth[i]) <= 3 * fit.standardErrors[i]);
  }
}

}  // namespace

TEST_CASE("Pareto/NBD recovers Fader-Hardie-Lee's CDNOW estimates", "[scores][pareto][recovery]") {
  const ParetoNbdParams truth{0.55, 10.58, 0.61, 11.67};
  const auto customers = roundedToDays(simulateParetoNbd(truth, 3000, 27, 39, 11));
  const MlFit fit = fitRepeatModel(RepeatModel::ParetoNbd, customers);
  checkWithin3Se(fit, {truth.r, truth.alpha, truth.s, truth.beta});
  CHECK(fit.logLikelihood >= paretoNbdLogLikelihood(truth, customers));
  CHECK(fit.distinct < customers.size());
}

TEST_CASE("BG/NBD recovers the CDNOW estimates with standard errors", "[scores][bgnbd][recovery]") {
  const BgNbdParams truth{0.243, 4.414, 0.793, 2.426};
  const auto customers = roundedToDays(simulateCustomers(truth, {6.25, 3.74, 15.44}, 3000, 27, 39, 12));
  const MlFit fit = fitRepeatModel(RepeatModel::BgNbd, customers);
  checkWithin3Se(fit, {truth.r, truth.alpha, truth.a, truth.b});
  CHECK(fit.logLikelihood >= bgnbdLogLikelihood(truth, customers));
}

TEST_CASE("modified BG/NBD recovers simulated parameters", "[scores][mbgnbd][recovery]") {
  const BgNbdParams truth{0.5, 6, 0.6, 3};
  const auto customers = roundedToDays(simulateModifiedBgNbd(truth, 3000, 26, 78, 13));
  const MlFit fit = fitRepeatModel(RepeatModel::ModifiedBgNbd, customers);
  checkWithin3Se(fit, {truth.r, truth.alpha, truth.a, truth.b});
  CHECK(fit.logLikelihood >= modifiedBgNbdLogLikelihood(truth, customers));
}

TEST_CASE("BG/BB recovers Fader-Hardie-Shang's donation estimates", "[scores][bgbb][recovery]") {
  const BgBbParams truth{1.204, 0.750, 0.657, 2.783};
  const auto customers = simulateBgBb(truth, 5000, 6, 14);
  const MlFit fit = fitBgBb(customers);
  checkWithin3Se(fit, {truth.alpha, truth.beta, truth.gamma, truth.delta});
  CHECK(fit.distinct <= 22);  // (x, t_x) pairs over 6 opportunities
}

TEST_CASE("sBG recovers the 'high end' segment's parameters from a simulated cohort", "[scores][sbg][recovery]") {
  const SbgParams truth{0.668, 3.806};  // Fader & Hardie 2007, high-end segment
  const auto survivors = simulateSbgSurvivors(truth, 5000, 7, 15);
  const MlFit fit = fitSbg(tenuresFromSurvivors(survivors));
  checkWithin3Se(fit, {truth.alpha, truth.beta});
}

TEST_CASE("fits say when the data do not support them", "[scores][diagnostics]") {
  // One customer: nothing identifies the heterogeneity (issue 23's Gamma-Gamma p = q = 162,754).
  const std::vector<CustomerSummary> one{{3, 20, 30, 25.0}};
  const MlFit spend = fitGammaGammaModel(one);
  auto has = [](const MlFit& f, const std::string& code) {
    for (const auto& d : f.diagnostics) {
      if (d.code == code) return !d.meaning.empty() && !d.action.empty() && !d.message.empty();
    }
    return false;
  };
  CHECK(has(spend, "few-repeat-buyers"));
  CHECK((has(spend, "at-bound") || has(spend, "flat-likelihood") || has(spend, "no-heterogeneity")));
  // Everyone buys at the same steady rate and nobody leaves: no heterogeneity to learn.
  std::vector<CustomerSummary> steady;
  for (int i = 0; i < 400; ++i) steady.push_back({10, static_cast<double>(50 - i % 3), 52, 10});
  const MlFit bg = fitRepeatModel(RepeatModel::BgNbd, steady);
  CHECK(!bg.diagnostics.empty());
  // A healthy simulated base has none.
  const auto healthy = roundedToDays(simulateCustomers({0.243, 4.414, 0.793, 2.426}, {6.25, 3.74, 15.44}, 2000, 27, 39, 16));
  CHECK(fitRepeatModel(RepeatModel::BgNbd, healthy).diagnostics.empty());
}
