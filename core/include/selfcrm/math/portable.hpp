#pragma once
/// @file
/// Elementary and special functions built only from + − × ÷ and sqrt (exact IEEE operations), so
/// the native build (glibc) and the wasm build (musl) give bit-identical results. Accuracy is a few
/// ulps, which is far below the statistical noise of any score computed with them.

namespace selfcrm::math {

/// Natural logarithm for x > 0 (−inf at 0, NaN below 0 or for NaN, +inf at +inf).
double log(double x) noexcept;

/// e^x; 0 below −745.2, +inf above 709.8.
double exp(double x) noexcept;

/// base^exponent for base > 0, as exp(exponent·log(base)); 1 when exponent is 0.
double pow(double base, double exponent) noexcept;

/// ln Γ(x) for x > 0 (Stirling series after shifting x up to ≥ 15). NaN for x ≤ 0.
double lgamma(double x) noexcept;

/// Largest integer not greater than x (exact).
double floor(double x) noexcept;

/// ln(e^a + e^b) without overflow.
double logSumExp(double a, double b) noexcept;

/// Gauss hypergeometric ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series, summed until a term
/// no longer changes the sum. Throws Error(E_CONVERGENCE) when that takes more than 100 000 terms
/// and Error(E_RANGE) for z outside [0, 1) or c a non-positive integer.
double hyp2f1(double a, double b, double c, double z);

}  // namespace selfcrm::math
