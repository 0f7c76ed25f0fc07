// Bit-identity of the customer-base models: likelihoods over extreme summaries, fits with their
// standard errors and diagnostics, predictions, the sBG and BG/BB reports, and a model fitted with
// comparison and holdout whose scores carry intervals and diagnostics.
#include <string>

#include <nlohmann/json.hpp>

#include "golden.hpp"
#include "transaction_lines.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/math/random.hpp"
#include "selfcrm/scores/discrete_reports.hpp"
#include "selfcrm/scores/modified_bgnbd.hpp"
#include "selfcrm/scores/score_card.hpp"
#include "selfcrm/scores/simulate_models.hpp"
#include "selfcrm/scores/transaction_batch.hpp"

using namespace selfcrm;
using namespace selfcrm::scores;
using nlohmann::json;
using golden::transactionLines;

namespace {
const ParetoNbdParams kPareto{0.55, 10.58, 0.61, 11.67};
const BgNbdParams kBg{0.243, 4.414, 0.793, 2.426};

std::vector<CustomerSummary> extremes() {
  math::Random rng(41);
  std::vector<CustomerSummary> out{{0, 0, 0, 0}, {10000, 9000, 10000, 0}, {10000, 10, 10000, 0}, {0, 0, 10000, 0}};
  for (int i = 0; i < 40; ++i) {
    const double T = 1 + 2000 * rng.uniform();
    const double x = static_cast<double>(static_cast<int>(300 * rng.uniform()));
    out.push_back({x, x > 0 ? T * rng.uniform() : 0, T, 0});
  }
  return out;
}

}  // namespace

SELFCRM_GOLDEN("scores/customer-base-likelihoods") {
  return guarded([] {
    json out = json::array();
    const ParetoNbdParams alphaLarger{0.8, 30, 1.4, 6};
    for (const auto& c : extremes()) {
      out.push_back({paretoNbdLogLikelihood(kPareto, c), paretoNbdLogLikelihood(alphaLarger, c),
                     paretoNbdProbabilityAlive(kPareto, c), paretoNbdExpectedPurchases(kPareto, c, 52),
                     modifiedBgNbdLogLikelihood(kBg, c), modifiedBgNbdProbabilityAlive(kBg, c)});
    }
    const BgBbParams bb{1.204, 0.750, 0.657, 2.783};
    for (const auto& s : simulateBgBb(bb, 30, 11, 42)) {
      out.push_back({bgbbLogLikelihood(bb, s), bgbbProbabilityAlive(bb, s), bgbbExpectedPurchases(bb, s, 7)});
    }
    out.push_back(bgbbLogLikelihood(bb, BgBbSummary{10000, 10000, 10000}));
    return out;
  });
}

SELFCRM_GOLDEN("scores/customer-base-fits") {
  return guarded([] {
    return json{{"pareto", fitRepeatModel(RepeatModel::ParetoNbd, simulateParetoNbd(kPareto, 600, 27, 39, 43))},
                {"modified", fitRepeatModel(RepeatModel::ModifiedBgNbd, simulateModifiedBgNbd(kBg, 600, 27, 39, 44))},
                {"gammaGammaOne", fitGammaGammaModel({{3, 20, 30, 25.0}})}};
  });
}

SELFCRM_GOLDEN("scores/customer-base-reports") {
  return guarded([] {
    const json bgbb = {{"customers", json::array()}, {"future", 5}};
    json request = bgbb;
    for (const auto& s : simulateBgBb({1.204, 0.750, 0.657, 2.783}, 300, 6, 45)) {
      request["customers"].push_back({{"frequency", s.frequency}, {"recency", s.recency}, {"opportunities", s.opportunities}});
    }
    json out = {{"sbg", sbgReport({{"survivors", {1000, 631, 468, 382, 326, 289, 262, 241}}, {"horizon", 12}})}};
    out["bgbb"] = bgbbReport(request);
    out["bgbb"].erase("probabilityAlive");  // the intervals and expected purchases cover the same code
    return out;
  });
}

SELFCRM_GOLDEN("scores/fit-model-compare-holdout") {
  return guarded([] {
    FitOptions options;
    options.asOf = fromCivil(2025, 1, 1);
    options.holdoutFrom = fromCivil(2024, 7, 1);
    options.repeatModel = RepeatModel::ParetoNbd;
    const FitResult r = fitModel(transactionLines(300, 46), options);
    Profile p;
    p.id = "p1";
    for (int k = 0; k < 6; ++k) {
      Transaction t;
      t.id = "t" + std::to_string(k), t.at = fromCivil(2024, 1, 3) + k * 86400 * 20, t.amount = 40.0 + k;
      t.margin = 12, t.currency = "EUR";
      p.history.transactions.push_back(t);
    }
    return json{{"fit", r}, {"card", scoreProfile(p, r.model, fromCivil(2025, 1, 1))}};
  });
}
