#include "selfcrm/scores/ml_fit.hpp"

#include <cmath>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/math/portable.hpp"

namespace selfcrm::scores {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kStep = 1e-3;  ///< finite-difference step in log-parameters

std::vector<double> natural(const std::vector<double>& theta) {
  std::vector<double> p(theta.size());
  for (std::size_t i = 0; i < theta.size(); ++i) p[i] = math::exp(theta[i]);
  return p;
}

/// Inverse of a symmetric matrix by Cholesky; empty when it is not positive definite.
std::vector<std::vector<double>> inverseSpd(std::vector<std::vector<double>> a) {
  const std::size_t n = a.size();
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t k = 0; k < j; ++k) a[j][j] -= a[j][k] * a[j][k];
    if (!(a[j][j] > 0) || !std::isfinite(a[j][j])) return {};
    a[j][j] = std::sqrt(a[j][j]);
    for (std::size_t i = j + 1; i < n; ++i) {
      for (std::size_t k = 0; k < j; ++k) a[i][j] -= a[i][k] * a[j][k];
      a[i][j] /= a[j][j];
    }
  }
  // Solve L Lᵀ X = I column by column.
  std::vector<std::vector<double>> inv(n, std::vector<double>(n, 0.0));
  for (std::size_t c = 0; c < n; ++c) {
    std::vector<double> y(n);
    for (std::size_t i = 0; i < n; ++i) {
      double s = i == c ? 1.0 : 0.0;
      for (std::size_t k = 0; k < i; ++k) s -= a[i][k] * y[k];
      y[i] = s / a[i][i];
    }
    for (std::size_t i = n; i-- > 0;) {
      double s = y[i];
      for (std::size_t k = i + 1; k < n; ++k) s -= a[k][i] * inv[k][c];
      inv[i][c] = s / a[i][i];
    }
  }
  return inv;
}

std::string fixed(double v) {
  // Counts read as counts ("1 customers", not "1.0").
  if (v == static_cast<double>(static_cast<long long>(v)) && v < 1e15 && v > -1e15) return std::to_string(static_cast<long long>(v));
  nlohmann::json j = v;
  return j.dump();
}

}  // namespace

MlFit maximizeLikelihood(const std::string& model, const std::vector<std::string>& names,
                         const std::function<double(const std::vector<double>&)>& logLikelihood,
                         const std::vector<std::vector<double>>& starts, std::size_t observations) {
  const double n = static_cast<double>(observations == 0 ? 1 : observations);
  auto negative = [&](const std::vector<double>& theta) {
    const double ll = logLikelihood(natural(theta));
    return std::isnan(ll) ? std::numeric_limits<double>::infinity() : -ll;
  };
  auto objective = [&](const std::vector<double>& theta) { return negative(theta) / n; };
  MlFit fit;
  fit.model = model;
  fit.names = names;
  fit.observations = observations;
  std::vector<double> values;
  bool any = false;
  for (const auto& s : starts) {
    std::vector<double> theta(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) theta[i] = math::log(s[i]);
    math::MinimizeReport report = math::nelderMead(objective, theta);
    ++fit.starts;
    values.push_back(report.converged ? report.value : std::numeric_limits<double>::infinity());
    if (report.converged && (!any || report.value < fit.report.value)) {
      fit.report = report;
      any = true;
    }
  }
  if (!any) throw Error(ErrorCode::Convergence, "", "the " + model + " fit did not converge from any start");
  for (double v : values) fit.startsAgreeing += std::fabs(v - fit.report.value) * n <= 1e-6 * n + 1e-4 ? 1 : 0;
  fit.params = natural(fit.report.x);
  fit.logLikelihood = -fit.report.value * n;
  const std::size_t k = names.size();
  fit.aic = 2.0 * static_cast<double>(k) - 2.0 * fit.logLikelihood;

  // Observed information in log-parameters by central differences of −ln L.
  const std::vector<double>& x = fit.report.x;
  const double f0 = negative(x);
  std::vector<std::vector<double>> h(k, std::vector<double>(k, 0.0));
  auto at = [&](std::size_t i, double di, std::size_t j, double dj) {
    std::vector<double> y = x;
    y[i] += di;
    y[j] += dj;
    return negative(y);
  };
  for (std::size_t i = 0; i < k; ++i) {
    h[i][i] = (at(i, kStep, i, 0) - 2 * f0 + at(i, -kStep, i, 0)) / (kStep * kStep);
    for (std::size_t j = 0; j < i; ++j) {
      h[i][j] = h[j][i] = (at(i, kStep, j, kStep) - at(i, kStep, j, -kStep) - at(i, -kStep, j, kStep) +
                           at(i, -kStep, j, -kStep)) / (4 * kStep * kStep);
    }
  }
  fit.covarianceLog = inverseSpd(h);
  fit.standardErrors.assign(k, kNaN);
  double worstLogSe = 0;
  std::size_t worst = 0;
  if (!fit.covarianceLog.empty()) {
    for (std::size_t i = 0; i < k; ++i) {
      const double se = std::sqrt(fit.covarianceLog[i][i]);
      fit.standardErrors[i] = fit.params[i] * se;
      if (se > worstLogSe) worstLogSe = se, worst = i;
    }
  }
  if (fit.report.atBound) {
    std::string which;
    for (std::size_t i = 0; i < k; ++i) {
      if (x[i] < math::MinimizeOptions{}.lowerBound + 0.5 || x[i] > math::MinimizeOptions{}.upperBound - 0.5) {
        which += (which.empty() ? "" : ", ") + names[i] + " = " + fixed(fit.params[i]);
      }
    }
    fit.diagnostics.push_back(
        {"at-bound", "the " + model + " fit stopped at the edge of the search range (" + which + ")",
         "the data do not pin these parameters down: they ran towards 0 or infinity, and predictions made with "
         "them (P(alive), expected purchases, CLV) are artefacts of where the search stopped",
         "check that the observation period covers several purchase cycles and that asOf is right; compare "
         "models (fit reports each one's log-likelihood and AIC) and prefer one without this diagnostic; "
         "otherwise do not use the probabilistic CLV (scores fall back to the simple one when the parameters "
         "are removed from the model)"});
  }
  if (fit.covarianceLog.empty() || worstLogSe > 1.0) {
    fit.diagnostics.push_back(
        {"flat-likelihood",
         fit.covarianceLog.empty()
             ? "the observed information of the " + model + " fit is not positive definite"
             : "the " + model + " likelihood is nearly flat in " + names[worst] + " (standard error of ln " +
                   names[worst] + " = " + fixed(worstLogSe) + ")",
         "many parameter values explain the data about equally well, so the estimates (and the scores built on "
         "them) are uncertain by more than a factor e in at least one direction",
         "use more customers or a longer observation period, or a simpler model; read the standard errors and "
         "the per-customer intervals before acting on individual scores"});
  }
  return fit;
}

void addPopulationDiagnostics(MlFit& fit, const std::vector<std::size_t>& shapes,
                              const std::vector<std::pair<std::size_t, std::size_t>>& betaPairs,
                              double repeatBuyers) {
  std::string found;
  for (std::size_t i : shapes) {
    if (fit.params[i] > 50) found += (found.empty() ? "" : "; ") + fit.names[i] + " = " + fixed(fit.params[i]);
  }
  for (const auto& [a, b] : betaPairs) {
    if (fit.params[a] + fit.params[b] > 500) {
      found += (found.empty() ? "" : "; ") + fit.names[a] + " + " + fit.names[b] + " = " +
               fixed(fit.params[a] + fit.params[b]);
    }
  }
  if (!found.empty()) {
    fit.diagnostics.push_back(
        {"no-heterogeneity", "the " + fit.model + " mixing distribution is almost a point mass (" + found + ")",
         "the fit says every customer has nearly the same rate: customer differences are not being learnt, and "
         "individual predictions differ only through each customer's own history",
         "this often comes with a short observation period or too few repeat buyers; check the data, compare "
         "models, or use the simple CLV"});
  }
  if (repeatBuyers < 30) {
    fit.diagnostics.push_back(
        {"few-repeat-buyers", "only " + fixed(repeatBuyers) + " customers made a repeat purchase",
         "the heterogeneity parameters rest on too few customers to be estimated; the fit may look precise but "
         "will not generalise",
         "fit on more customers (at least a few hundred, with at least 30 repeat buyers), or keep the default "
         "model without fitted parameters"});
  }
}

Interval deltaInterval(const MlFit& fit, const std::function<double(const std::vector<double>&)>& g,
                       bool probability) {
  const double value = g(fit.params);
  if (fit.covarianceLog.empty() || !std::isfinite(value)) return {value, value};
  auto link = [&](double v) { return probability ? math::log(v) - math::log(1 - v) : math::log(v); };
  auto unlink = [&](double u) { return probability ? 1 / (1 + math::exp(-u)) : math::exp(u); };
  if (!(value > 0) || (probability && !(value < 1))) return {value, value};
  const std::size_t k = fit.params.size();
  std::vector<double> grad(k);
  for (std::size_t i = 0; i < k; ++i) {
    std::vector<double> up = fit.report.x, down = fit.report.x;
    up[i] += kStep;
    down[i] -= kStep;
    const double gu = g(natural(up)), gd = g(natural(down));
    grad[i] = (gu > 0 && gd > 0 && (!probability || (gu < 1 && gd < 1))) ? (link(gu) - link(gd)) / (2 * kStep) : 0.0;
  }
  double var = 0;
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) var += grad[i] * fit.covarianceLog[i][j] * grad[j];
  }
  const double sd = std::sqrt(var > 0 ? var : 0.0);
  const double centre = link(value);
  return {unlink(centre - 1.959963984540054 * sd), unlink(centre + 1.959963984540054 * sd)};
}

void to_json(nlohmann::json& out, const FitDiagnostic& d) {
  out = {{"code", d.code}, {"message", d.message}, {"meaning", d.meaning}, {"action", d.action}};
}

void to_json(nlohmann::json& out, const MlFit& fit) {
  using json = nlohmann::json;
  json params = json::object(), errors = json::object();
  for (std::size_t i = 0; i < fit.names.size(); ++i) {
    params[fit.names[i]] = fit.params[i];
    errors[fit.names[i]] = std::isfinite(fit.standardErrors[i]) ? json(fit.standardErrors[i]) : json(nullptr);
  }
  out = {{"model", fit.model},
         {"params", params},
         {"standardErrors", errors},
         {"logLikelihood", fit.logLikelihood},
         {"aic", fit.aic},
         {"observations", fit.observations},
         {"distinct", fit.distinct},
         {"starts", fit.starts},
         {"startsAgreeing", fit.startsAgreeing},
         {"optimizer", fit.report},
         {"covarianceLog", fit.covarianceLog},
         {"diagnostics", fit.diagnostics}};
}

}  // namespace selfcrm::scores
