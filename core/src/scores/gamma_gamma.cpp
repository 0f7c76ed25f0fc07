#include "selfcrm/scores/gamma_gamma.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/math/portable.hpp"

namespace selfcrm::scores {

using math::lgamma;
using math::log;

void validate(const GammaGammaParams& params, const std::string& path) {
  const std::pair<const char*, double> fields[] = {{"p", params.p}, {"q", params.q}, {"gamma", params.gamma}};
  for (const auto& [name, value] : fields) {
    if (!(std::isfinite(value) && value > 0)) {
      throw Error(ErrorCode::Range, path + "/" + name, std::string("Gamma-Gamma ") + name + " must be a finite number > 0");
    }
  }
}

namespace {
double term(const GammaGammaParams& g, double x, double m) {
  const double px = g.p * x;
  return lgamma(px + g.q) - lgamma(px) - lgamma(g.q) + g.q * log(g.gamma) + (px - 1) * log(m) + px * log(x) -
         (px + g.q) * log(g.gamma + x * m);
}
}  // namespace

double gammaGammaLogLikelihood(const GammaGammaParams& params, double frequency, double monetary) {
  validate(params, "");
  if (!(frequency > 0 && std::isfinite(frequency))) throw Error(ErrorCode::Range, "/frequency", "frequency must be > 0");
  if (!(monetary > 0 && std::isfinite(monetary))) throw Error(ErrorCode::Range, "/monetary", "monetary must be > 0");
  return term(params, frequency, monetary);
}

SpendBuyers spendBuyers(const std::vector<CustomerSummary>& customers) {
  SpendBuyers out;
  for (std::size_t i = 0; i < customers.size(); ++i) {
    validate(customers[i], pointerAppend("", i));
    if (customers[i].frequency > 0 && customers[i].monetary > 0) {
      out.used.emplace_back(customers[i].frequency, customers[i].monetary);
      out.meanSpend += customers[i].monetary;
    }
  }
  if (out.used.empty()) throw Error(ErrorCode::Empty, "", "Gamma-Gamma needs customers with repeat purchases and spend > 0");
  out.meanSpend /= static_cast<double>(out.used.size());
  return out;
}

GammaGammaLikelihood::GammaGammaLikelihood(const std::vector<std::pair<double, double>>& used) {
  for (const auto& [x, m] : used) xs_.push_back(x);
  std::sort(xs_.begin(), xs_.end());
  xs_.erase(std::unique(xs_.begin(), xs_.end()), xs_.end());
  for (double x : xs_) logXs_.push_back(log(x));
  leading_.resize(xs_.size());
  buyers_.reserve(used.size());
  for (const auto& [x, m] : used) {
    const auto at = static_cast<std::size_t>(std::lower_bound(xs_.begin(), xs_.end(), x) - xs_.begin());
    buyers_.push_back({x, m, log(m), at});
  }
}

double GammaGammaLikelihood::operator()(const GammaGammaParams& g) const {
  validate(g, "");
  // term() evaluated left to right, so that every sum is the one it computes.
  const double lgq = lgamma(g.q), qLogGamma = g.q * log(g.gamma);
  for (std::size_t i = 0; i < xs_.size(); ++i) {
    const double px = g.p * xs_[i];
    leading_[i] = lgamma(px + g.q) - lgamma(px) - lgq + qLogGamma;
  }
  double sum = 0;
  for (const Buyer& b : buyers_) {
    const double px = g.p * b.frequency;
    sum += leading_[b.x] + (px - 1) * b.logMonetary + px * logXs_[b.x] - (px + g.q) * log(g.gamma + b.frequency * b.monetary);
  }
  return sum;
}

GammaGammaFit fitGammaGamma(const std::vector<CustomerSummary>& customers) {
  SpendBuyers buyers = spendBuyers(customers);
  auto& used = buyers.used;
  const double meanSpend = buyers.meanSpend;
  const double n = static_cast<double>(used.size());
  // Customers sorted by frequency share ln Γ(px+q) − ln Γ(px) and px ln x: computed once per group.
  std::stable_sort(used.begin(), used.end(), [](const auto& l, const auto& r) { return l.first < r.first; });
  auto objective = [&](const std::vector<double>& theta) {
    const GammaGammaParams g{math::exp(theta[0]), math::exp(theta[1]), math::exp(theta[2])};
    const double common = -lgamma(g.q) + g.q * log(g.gamma);
    double sum = 0, lastX = -1, perX = 0;
    for (const auto& [x, m] : used) {
      const double px = g.p * x;
      if (x != lastX) {
        lastX = x;
        perX = lgamma(px + g.q) - lgamma(px) + common + px * log(x);
      }
      sum += perX + (px - 1) * log(m) - (px + g.q) * log(g.gamma + x * m);
    }
    return -sum / n;
  };
  // γ is a spend scale: start it so that the prior mean pγ/(q−1) matches the observed mean spend.
  const double starts[][3] = {{1, 2, meanSpend}, {5, 3, 0.5 * meanSpend}, {2, 5, 2 * meanSpend}};
  GammaGammaFit fit;
  fit.customers = used.size();
  bool any = false;
  std::vector<double> values;
  for (const auto& s : starts) {
    auto report = math::nelderMead(objective, {log(s[0]), log(s[1]), log(s[2])});
    ++fit.starts;
    values.push_back(report.converged ? report.value : std::numeric_limits<double>::infinity());
    if (report.converged && (!any || report.value < fit.report.value)) {
      fit.report = report;
      any = true;
    }
  }
  if (!any) throw Error(ErrorCode::Convergence, "", "the Gamma-Gamma fit did not converge from any start");
  for (double v : values) fit.startsAgreeing += std::fabs(v - fit.report.value) * n <= 1e-6 * n + 1e-4 ? 1 : 0;
  fit.params = {math::exp(fit.report.x[0]), math::exp(fit.report.x[1]), math::exp(fit.report.x[2])};
  fit.logLikelihood = -fit.report.value * n;
  return fit;
}

double expectedSpend(const GammaGammaParams& g, double frequency, double monetary) {
  validate(g, "/gammaGamma");
  if (!(g.q > 1)) throw Error(ErrorCode::Range, "/gammaGamma/q", "expected spend needs q > 1");
  if (!(std::isfinite(frequency) && frequency >= 0)) throw Error(ErrorCode::Range, "/frequency", "frequency must be >= 0");
  if (!(std::isfinite(monetary) && monetary >= 0)) throw Error(ErrorCode::Range, "/monetary", "monetary must be >= 0");
  return (g.gamma + frequency * monetary) * g.p / (g.p * frequency + g.q - 1);
}

void to_json(nlohmann::json& out, const GammaGammaParams& g) {
  out = {{"p", g.p}, {"q", g.q}, {"gamma", g.gamma}};
}

void to_json(nlohmann::json& out, const GammaGammaFit& fit) {
  out = {{"params", fit.params},   {"logLikelihood", fit.logLikelihood}, {"customers", fit.customers},
         {"starts", fit.starts},   {"startsAgreeing", fit.startsAgreeing}, {"optimizer", fit.report}};
}

}  // namespace selfcrm::scores
