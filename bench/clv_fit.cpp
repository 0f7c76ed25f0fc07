// Fit time of each customer-base model at 10⁴, 10⁵ and 10⁶ customers (simulated from published
// parameters, times rounded to days as transaction data give them), with the number of distinct
// summaries the likelihood runs over, against the physical limit: one pass reading the summaries.
// Built by bench/CMakeLists.txt (selfcrm_clv_fit); bench/clv_fit.mjs runs it for `npm run bench`.
//   build-native/bench/selfcrm_clv_fit [--reps N] SIZE...      (default: 10000 100000)
// Prints one JSON object per line: {"model","customers","distinct","fitMs":[…],"readMs":[…],
// "evaluations","estimates":{…}}.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "selfcrm/scores/repeat_model.hpp"
#include "selfcrm/scores/simulate.hpp"
#include "selfcrm/scores/simulate_models.hpp"

using namespace selfcrm::scores;

namespace {

// CPU time of this process: the machines are shared, and wall time counts the neighbours' work.
double cpuMs(std::clock_t start) { return 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC; }

/// The physical limit of any fit: reading every summary once (a sum the compiler cannot drop).
template <class Row, class Fields>
double readMs(const std::vector<Row>& rows, Fields&& fields) {
  const std::clock_t start = std::clock();
  double sum = 0;
  for (const Row& row : rows) sum += fields(row);
  const double ms = cpuMs(start);
  if (sum == -1) std::printf("%g", sum);
  return ms;
}

template <class Row, class Fields, class Fit>
void timed(const char* model, std::size_t reps, const std::vector<Row>& rows, Fields&& fields, Fit&& fit) {
  std::string fitMs, read;
  MlFit f;
  for (std::size_t i = 0; i < reps; ++i) {
    const std::clock_t start = std::clock();
    f = fit(rows);
    fitMs += (i ? "," : "") + std::to_string(cpuMs(start));
    read += (i ? "," : "") + std::to_string(readMs(rows, fields));
  }
  std::string estimates;
  for (std::size_t i = 0; i < f.params.size(); ++i) {
    estimates += (i ? ",\"" : "\"") + f.names[i] + "\":" + std::to_string(f.params[i]);
  }
  std::printf("{\"model\":\"%s\",\"customers\":%zu,\"distinct\":%zu,\"fitMs\":[%s],\"readMs\":[%s],\"evaluations\":%zu,"
              "\"estimates\":{%s}}\n",
              model, rows.size(), f.distinct, fitMs.c_str(), read.c_str(), f.report.evaluations, estimates.c_str());
  std::fflush(stdout);
}

double summaryFields(const CustomerSummary& c) { return c.frequency + c.recency + c.age + c.monetary; }

}  // namespace

int main(int argc, char** argv) {
  std::size_t reps = 3;
  std::vector<std::size_t> sizes;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--reps" && i + 1 < argc) {
      reps = std::max<std::size_t>(1, std::strtoull(argv[++i], nullptr, 10));
    } else {
      sizes.push_back(std::strtoull(argv[i], nullptr, 10));
    }
  }
  if (sizes.empty()) sizes = {10000, 100000};
  for (std::size_t n : sizes) {
    // Published estimates: CDNOW BG/NBD and Gamma-Gamma (Fader, Hardie & Lee 2005), CDNOW
    // Pareto/NBD, BG/BB (Fader, Hardie & Shang 2010), sBG (Fader & Hardie 2007's "regular" cohort).
    const auto bg = roundedToDays(simulateCustomers({0.243, 4.414, 0.793, 2.426}, {6.25, 3.74, 15.44}, n, 27, 39, 1));
    timed("bgnbd", reps, bg, summaryFields, [](const auto& c) { return fitRepeatModel(RepeatModel::BgNbd, c); });
    const auto modified = roundedToDays(simulateModifiedBgNbd({0.5, 6, 0.6, 3}, n, 27, 39, 2));
    timed("modified-bgnbd", reps, modified, summaryFields,
          [](const auto& c) { return fitRepeatModel(RepeatModel::ModifiedBgNbd, c); });
    const auto pareto = roundedToDays(simulateParetoNbd({0.55, 10.58, 0.61, 11.67}, n, 27, 39, 3));
    timed("pareto-nbd", reps, pareto, summaryFields, [](const auto& c) { return fitRepeatModel(RepeatModel::ParetoNbd, c); });
    timed("gamma-gamma", reps, bg, summaryFields, [](const auto& c) { return fitGammaGammaModel(c); });
    const auto bgbb = simulateBgBb({1.204, 0.750, 0.657, 2.783}, n, 6, 4);
    timed("bgbb", reps, bgbb, [](const BgBbSummary& c) { return c.frequency + c.recency + c.opportunities; },
          [](const auto& c) { return fitBgBb(c); });
    // One row per subscriber, as a subscription export gives them, not the cohort's counts.
    std::vector<Tenure> tenures;
    for (const Tenure& t : tenuresFromSurvivors(simulateSbgSurvivors({0.704, 1.182}, n, 7, 5))) {
      tenures.insert(tenures.end(), static_cast<std::size_t>(t.count), Tenure{t.periods, t.churned, 1});
    }
    timed("sbg", reps, tenures, [](const Tenure& t) { return t.periods + t.count; }, [](const auto& t) { return fitSbg(t); });
  }
}
