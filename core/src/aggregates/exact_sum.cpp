#include "selfcrm/aggregates/exact_sum.hpp"

#include <cmath>

#include "selfcrm/error.hpp"

namespace selfcrm::aggregates {

namespace {

void requireFinite(double x) {
  if (!std::isfinite(x)) throw Error(ErrorCode::Range, "", "an exact sum takes finite numbers only");
}

/// Python's msum step: folds x into the partials, keeping them exact and non-overlapping.
void fold(std::vector<double>& partials, double x) {
  std::size_t i = 0;
  for (double y : partials) {
    if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
    const double hi = x + y;
    const double lo = y - (hi - x);
    if (lo != 0) partials[i++] = lo;
    x = hi;
  }
  partials.resize(i);
  partials.push_back(x);
}

/// CPython's fsum rounding of an expansion: the top partials summed, then the half-way case
/// corrected by the sign of the next partial down.
double rounded(const std::vector<double>& p) {
  std::size_t n = p.size();
  if (n == 0) return 0.0;
  double hi = p[--n];
  double lo = 0;
  while (n > 0) {
    const double x = hi;
    const double y = p[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo != 0) break;
  }
  if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
    const double y = lo * 2;
    const double x = hi + y;
    if (y == x - hi) hi = x;
  }
  return hi;
}

/// Veltkamp's split of a into two halves of 26 bits each (a = high + low exactly).
void split(double a, double& high, double& low) {
  const double c = 134217729.0 * a;  // 2^27 + 1
  high = c - (c - a);
  low = a - high;
}

}  // namespace

void ExactSum::add(double x) {
  requireFinite(x);
  fold(partials_, x);
  if (!std::isfinite(partials_.back())) throw Error(ErrorCode::Range, "", "the exact sum overflows a double");
}

void ExactSum::addTimes(double x, std::uint64_t count) {
  // count < 2^53 is exact as a double; larger counts are added in exact halves.
  while (count > (std::uint64_t{1} << 52)) {
    addTimes(x, std::uint64_t{1} << 52);
    count -= std::uint64_t{1} << 52;
  }
  const double c = static_cast<double>(count);
  const double product = x * c;
  double xh, xl, ch, cl;
  split(x, xh, xl);
  split(c, ch, cl);
  // Dekker's two-product: product + error == x·c exactly (barring overflow, refused by add()).
  const double error = ((xh * ch - product) + xh * cl + xl * ch) + xl * cl;
  add(product);
  add(error);
}

void ExactSum::merge(const ExactSum& other) {
  for (double x : other.partials_) add(x);
}

double ExactSum::value() const {
  const double v = rounded(partials_);
  if (!std::isfinite(v)) throw Error(ErrorCode::Range, "", "the exact sum overflows a double");
  return v;
}

std::vector<double> ExactSum::canonical() const {
  std::vector<double> out;
  std::vector<double> rest = partials_;
  for (;;) {
    const double head = rounded(rest);
    if (head == 0) return out;
    out.push_back(head);
    fold(rest, -head);  // exact: the rest shrinks by at least 53 bits each turn
  }
}

ExactSum ExactSum::fromTerms(const std::vector<double>& terms) {
  ExactSum s;
  for (double t : terms) s.add(t);
  return s;
}

}  // namespace selfcrm::aggregates
