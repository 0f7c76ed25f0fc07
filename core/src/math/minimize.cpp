#include "selfcrm/math/minimize.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <nlohmann/json.hpp>

namespace selfcrm::math {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Simplex {
  std::vector<std::vector<double>> points;
  std::vector<double> values;
};

/// One Nelder–Mead run from `start`; returns the best point when the values meet the tolerance
/// or the evaluation budget is spent.
bool runSimplex(const std::function<double(const std::vector<double>&)>& eval, std::vector<double>& best,
                double& bestValue, const MinimizeOptions& o, std::size_t& evaluations) {
  const std::size_t n = best.size();
  auto clamp = [&](std::vector<double>& p) {
    for (auto& v : p) v = std::min(o.upperBound, std::max(o.lowerBound, v));
  };
  Simplex s;
  s.points.push_back(best);
  s.values.push_back(bestValue);
  for (std::size_t i = 0; i < n; ++i) {
    auto p = best;
    p[i] += (p[i] + o.initialStep > o.upperBound) ? -o.initialStep : o.initialStep;
    clamp(p);
    s.points.push_back(p);
    s.values.push_back(eval(p));
    ++evaluations;
  }
  std::vector<std::size_t> order(n + 1);
  bool converged = false;
  while (evaluations < o.maxEvaluations) {
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return s.values[a] < s.values[b]; });
    const double lo = s.values[order.front()];
    const double hi = s.values[order.back()];
    if (std::fabs(hi - lo) <= o.tolerance * (std::fabs(lo) + o.tolerance)) {
      converged = true;
      break;
    }
    const std::size_t worst = order.back();
    const std::size_t second = order[n - 1];
    std::vector<double> centroid(n, 0.0);
    for (std::size_t i = 0; i + 1 < order.size(); ++i) {
      for (std::size_t j = 0; j < n; ++j) centroid[j] += s.points[order[i]][j] / static_cast<double>(n);
    }
    auto along = [&](double t) {
      std::vector<double> p(n);
      for (std::size_t j = 0; j < n; ++j) p[j] = centroid[j] + t * (s.points[worst][j] - centroid[j]);
      clamp(p);
      return p;
    };
    auto reflected = along(-1.0);
    double fr = eval(reflected);
    ++evaluations;
    if (fr < lo) {
      auto expanded = along(-2.0);
      double fe = eval(expanded);
      ++evaluations;
      if (fe < fr) {
        s.points[worst] = expanded, s.values[worst] = fe;
      } else {
        s.points[worst] = reflected, s.values[worst] = fr;
      }
    } else if (fr < s.values[second]) {
      s.points[worst] = reflected, s.values[worst] = fr;
    } else {
      auto contracted = fr < s.values[worst] ? along(-0.5) : along(0.5);
      double fc = eval(contracted);
      ++evaluations;
      if (fc < std::min(fr, s.values[worst])) {
        s.points[worst] = contracted, s.values[worst] = fc;
      } else {
        // Shrink every point halfway towards the best one.
        const auto& b = s.points[order.front()];
        for (std::size_t i = 1; i < order.size(); ++i) {
          auto& p = s.points[order[i]];
          for (std::size_t j = 0; j < n; ++j) p[j] = b[j] + 0.5 * (p[j] - b[j]);
          s.values[order[i]] = eval(p);
          ++evaluations;
        }
      }
    }
  }
  const auto at = static_cast<std::size_t>(std::min_element(s.values.begin(), s.values.end()) - s.values.begin());
  best = s.points[at];
  bestValue = s.values[at];
  return converged;
}

}  // namespace

MinimizeReport nelderMead(const std::function<double(const std::vector<double>&)>& f,
                          std::vector<double> start, const MinimizeOptions& options) {
  auto eval = [&](const std::vector<double>& p) {
    double v = f(p);
    return std::isfinite(v) ? v : kInf;
  };
  for (auto& v : start) v = std::min(options.upperBound, std::max(options.lowerBound, v));
  MinimizeReport report;
  report.x = std::move(start);
  report.value = eval(report.x);
  report.evaluations = 1;
  MinimizeOptions o = options;
  for (;;) {
    double before = report.value;
    bool met = runSimplex(eval, report.x, report.value, o, report.evaluations);
    // A converged simplex can still sit on a ridge; restarting with a smaller simplex around the
    // best point is the standard check that it is a true minimum.
    bool improved = report.value < before - options.tolerance * (std::fabs(before) + options.tolerance);
    if (met && !improved && report.restarts > 0) {
      report.converged = true;
      break;
    }
    if (report.evaluations >= options.maxEvaluations) break;
    ++report.restarts;
    o.initialStep = std::max(options.initialStep * 0.1, o.initialStep * 0.5);
  }
  for (double v : report.x) {
    report.atBound = report.atBound || v < options.lowerBound + 0.5 || v > options.upperBound - 0.5;
  }
  return report;
}

void to_json(nlohmann::json& out, const MinimizeReport& report) {
  out = {{"converged", report.converged},
         {"objective", report.value},
         {"evaluations", report.evaluations},
         {"restarts", report.restarts},
         {"atBound", report.atBound}};
}

}  // namespace selfcrm::math
