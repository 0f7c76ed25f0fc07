// Fit time of each customer-base model at 10⁴, 10⁵ and 10⁶ customers (simulated from published
// parameters, times rounded to days as transaction data give them), with the number of distinct
// summaries the likelihood runs over: cost follows distinct summaries, not customers. Run from the
// repository root after scripts/build.sh native:
//   g++ -O2 -std=c++17 -Icore/include bench/clv_fit.cpp build-native/core/libselfcrm_core.a -o /tmp/clv_fit
//   /tmp/clv_fit 10000 100000 1000000      (sizes optional; default 10000 100000)
#include <ctime>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "selfcrm/scores/repeat_model.hpp"
#include "selfcrm/scores/simulate.hpp"
#include "selfcrm/scores/simulate_models.hpp"

using namespace selfcrm::scores;

namespace {

std::vector<CustomerSummary> toDays(std::vector<CustomerSummary> customers) {
  for (auto& c : customers) {
    c.age = std::round(c.age * 7) / 7;
    c.recency = std::min(c.age, std::round(c.recency * 7) / 7);
  }
  return customers;
}

template <class Fn>
void timed(const char* model, std::size_t n, Fn&& fit) {
  // CPU time of this process: the machines are shared, and wall time counts the neighbours' work.
  const std::clock_t start = std::clock();
  const MlFit f = fit();
  const double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  std::string params;
  for (std::size_t i = 0; i < f.params.size(); ++i) params += f.names[i] + "=" + std::to_string(f.params[i]) + " ";
  std::printf("| %-15s | %9zu | %9zu | %8.2f | %5zu | %s|\n", model, n, f.distinct, seconds, f.report.evaluations,
              params.c_str());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::strtoull(argv[i], nullptr, 10));
  if (sizes.empty()) sizes = {10000, 100000};
  std::printf("| model           | customers |  distinct | CPU (s)  | evals (best start) | estimates |\n|---|---|---|---|---|---|\n");
  for (std::size_t n : sizes) {
    const auto bg = toDays(simulateCustomers({0.243, 4.414, 0.793, 2.426}, {6.25, 3.74, 15.44}, n, 27, 39, 1));
    timed("bgnbd", n, [&] { return fitRepeatModel(RepeatModel::BgNbd, bg); });
    const auto modified = toDays(simulateModifiedBgNbd({0.5, 6, 0.6, 3}, n, 27, 39, 2));
    timed("modified-bgnbd", n, [&] { return fitRepeatModel(RepeatModel::ModifiedBgNbd, modified); });
    const auto pareto = toDays(simulateParetoNbd({0.55, 10.58, 0.61, 11.67}, n, 27, 39, 3));
    timed("pareto-nbd", n, [&] { return fitRepeatModel(RepeatModel::ParetoNbd, pareto); });
    timed("gamma-gamma", n, [&] { return fitGammaGammaModel(bg); });
    const auto bgbb = simulateBgBb({1.204, 0.750, 0.657, 2.783}, n, 6, 4);
    timed("bgbb", n, [&] { return fitBgBb(bgbb); });
    const auto tenures = tenuresFromSurvivors(simulateSbgSurvivors({0.704, 1.182}, n, 7, 5));
    timed("sbg", n, [&] { return fitSbg(tenures); });
  }
}
