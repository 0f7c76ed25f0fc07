#pragma once
/// @file
/// Gamma-Gamma spend model (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"):
/// spend per transaction ~ Gamma(p, ν), ν ~ Gamma(q, γ). Fitted on customers with repeat purchases.

#include <cstddef>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/math/minimize.hpp"
#include "selfcrm/scores/customer_summary.hpp"

namespace selfcrm::scores {

struct GammaGammaParams {
  double p = 0, q = 0, gamma = 0;
};

/// Throws Error(E_RANGE, path + "/p" …) unless every parameter is finite and > 0.
void validate(const GammaGammaParams& params, const std::string& path);

/// ln L of one customer's mean spend m̄ over x > 0 transactions:
/// ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + x m̄).
/// Throws E_RANGE unless x > 0 and m̄ > 0.
double gammaGammaLogLikelihood(const GammaGammaParams& params, double frequency, double monetary);

struct GammaGammaFit {
  GammaGammaParams params;
  double logLikelihood = 0;
  std::size_t customers = 0;  ///< customers used: x > 0 and monetary > 0
  std::size_t starts = 0;
  std::size_t startsAgreeing = 0;
  math::MinimizeReport report;
};

/// The customers Gamma-Gamma is fitted on, as (x, m̄) pairs: those with x > 0 and m̄ > 0 (each
/// summary validated, E_RANGE with its index), and their mean spend. Throws E_EMPTY when there are none.
struct SpendBuyers {
  std::vector<std::pair<double, double>> used;
  double meanSpend = 0;
};
SpendBuyers spendBuyers(const std::vector<CustomerSummary>& customers);

/// Σ gammaGammaLogLikelihood over the buyers in their order, bit for bit, for the fit's objective:
/// the ln Γ terms and px ln x once per distinct x, ln m̄ once per buyer (not per evaluation), so an
/// evaluation costs one logarithm per buyer instead of three ln Γ and four logarithms.
class GammaGammaLikelihood {
 public:
  explicit GammaGammaLikelihood(const std::vector<std::pair<double, double>>& used);
  double operator()(const GammaGammaParams& params) const;

 private:
  struct Buyer {
    double frequency, monetary, logMonetary;
    std::size_t x;  ///< index into xs_
  };
  std::vector<Buyer> buyers_;
  std::vector<double> xs_, logXs_;  ///< distinct frequencies, ascending, and their logarithms
  mutable std::vector<double> leading_;  ///< per distinct x: ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ
};

/// Maximum-likelihood fit on customers with x > 0 and monetary > 0. Throws E_EMPTY when there are
/// none, E_CONVERGENCE when no start converged.
GammaGammaFit fitGammaGamma(const std::vector<CustomerSummary>& customers);

/// E[M | x, m̄] = (γ + x m̄)·p / (p x + q − 1): the posterior mean spend per transaction. For x = 0
/// this is the population mean pγ/(q−1). Throws E_RANGE when q ≤ 1 (the mean does not exist).
double expectedSpend(const GammaGammaParams& params, double frequency, double monetary);

void to_json(nlohmann::json& out, const GammaGammaParams& params);
void to_json(nlohmann::json& out, const GammaGammaFit& fit);

}  // namespace selfcrm::scores
