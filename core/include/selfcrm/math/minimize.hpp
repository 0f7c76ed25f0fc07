#pragma once
/// @file
/// Derivative-free minimisation (Nelder–Mead) with restarts, for maximum-likelihood fits in
/// log-parameter space. Deterministic: same start, same steps, same result on every platform.

#include <cstddef>
#include <functional>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace selfcrm::math {

struct MinimizeOptions {
  std::size_t maxEvaluations = 20000;
  double tolerance = 1e-10;   ///< stop when the simplex's values differ by less than this (relative)
  double initialStep = 0.5;   ///< simplex edge, in the units of the parameters
  double lowerBound = -12;    ///< every coordinate is clamped to [lowerBound, upperBound]
  double upperBound = 12;
};

/// How a minimisation ended.
struct MinimizeReport {
  std::vector<double> x;   ///< the best point found
  double value = 0;        ///< f(x)
  std::size_t evaluations = 0;
  std::size_t restarts = 0;  ///< times the simplex was rebuilt around the best point
  bool converged = false;    ///< the tolerance was met, and a restart did not improve it
  /// Some coordinate ended within 0.5 of a bound: the data do not pin that parameter down (in a
  /// log-parameter fit, it ran off towards 0 or infinity).
  bool atBound = false;
};

/// Minimises f from `start` with Nelder–Mead, restarting from the best point until a restart no
/// longer improves it. Non-finite values of f count as +inf, so f may refuse a region.
MinimizeReport nelderMead(const std::function<double(const std::vector<double>&)>& f,
                          std::vector<double> start, const MinimizeOptions& options = {});

void to_json(nlohmann::json& out, const MinimizeReport& report);

}  // namespace selfcrm::math
