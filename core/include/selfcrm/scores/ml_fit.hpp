#pragma once
/// @file
/// Maximum-likelihood fitting shared by the customer-base models (BG/NBD, modified BG/NBD,
/// Pareto/NBD, BG/BB, sBG, Gamma-Gamma): several Nelder–Mead starts in log-parameters, standard
/// errors from the observed information (a finite-difference Hessian of −ln L at the optimum),
/// and diagnostics that say when the data do not support the fit — each with what it means and
/// what to do.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/math/minimize.hpp"

namespace selfcrm::scores {

/// One reason to distrust a fit. `code` is one of "at-bound", "flat-likelihood",
/// "no-heterogeneity", "few-repeat-buyers", "few-customers".
struct FitDiagnostic {
  std::string code;
  std::string message;  ///< what was found, with the numbers
  std::string meaning;  ///< what it means for the scores computed with this model
  std::string action;   ///< what to do about it
};

/// A fitted model with its uncertainty.
struct MlFit {
  std::string model;                    ///< "bgnbd", "pareto-nbd", …
  std::vector<std::string> names;       ///< parameter names, in order
  std::vector<double> params;           ///< the estimates (natural scale)
  /// Standard errors (delta method from the log-parameter covariance); NaN (written as null)
  /// when the observed information is not positive definite.
  std::vector<double> standardErrors;
  /// Covariance of the log-parameters: the inverse observed information; empty when singular.
  std::vector<std::vector<double>> covarianceLog;
  double logLikelihood = 0;
  double aic = 0;                       ///< 2k − 2 ln L
  std::size_t observations = 0;         ///< customers (or cohort members) the fit used
  std::size_t distinct = 0;             ///< distinct summaries the likelihood was evaluated on
  std::size_t starts = 0, startsAgreeing = 0;
  math::MinimizeReport report;          ///< the best start's report
  std::vector<FitDiagnostic> diagnostics;
};

/// Fits by maximising `logLikelihood` (of natural-scale parameters; may return −inf or NaN to
/// refuse a point) from each of `starts` (natural scale, all > 0). `observations` scales the
/// objective so tolerances do not depend on the data size. Adds the "at-bound" and
/// "flat-likelihood" diagnostics. Throws E_CONVERGENCE when no start converged.
MlFit maximizeLikelihood(const std::string& model, const std::vector<std::string>& names,
                         const std::function<double(const std::vector<double>&)>& logLikelihood,
                         const std::vector<std::vector<double>>& starts, std::size_t observations);

/// Adds "no-heterogeneity" when a Gamma shape (`shapes`: index of r, q, …) or a Beta's a + b
/// (`betaPairs`: indexes of a and b) is so large that every customer has nearly the same rate,
/// and "few-repeat-buyers" when fewer than 30 customers made a repeat purchase.
void addPopulationDiagnostics(MlFit& fit, const std::vector<std::size_t>& shapes,
                              const std::vector<std::pair<std::size_t, std::size_t>>& betaPairs,
                              double repeatBuyers);

/// A 95 % interval of g(θ) by the delta method on the log (or, for probabilities, logit) scale,
/// with the gradient by central differences in log-parameters. {value, value} when the fit has no
/// covariance.
struct Interval {
  double low = 0, high = 0;
};
Interval deltaInterval(const MlFit& fit, const std::function<double(const std::vector<double>&)>& g,
                       bool probability);

void to_json(nlohmann::json& out, const FitDiagnostic& diagnostic);
/// {"model","params":{name: value},"standardErrors":{name: se|null},"logLikelihood","aic",
///  "observations","distinct","starts","startsAgreeing","optimizer","covarianceLog","diagnostics"}
void to_json(nlohmann::json& out, const MlFit& fit);

}  // namespace selfcrm::scores
