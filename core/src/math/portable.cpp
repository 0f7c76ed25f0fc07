#include "selfcrm/math/portable.hpp"

#include <cstdint>
#include <cstring>
#include <limits>

#include "selfcrm/error.hpp"

namespace selfcrm::math {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// ln 2 split so that k·kLn2Hi is exact for |k| < 2^11 (fdlibm's constants).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kSqrt2 = 1.41421356237309514547e+00;
constexpr double kHalfLog2Pi = 0.91893853320467274178;

std::uint64_t bitsOf(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}
double fromBits(std::uint64_t b) {
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}
/// 2^k for −1022 ≤ k ≤ 1023, built from its bits (exact).
double twoTo(int k) { return fromBits(static_cast<std::uint64_t>(k + 1023) << 52); }

}  // namespace

double floor(double x) noexcept {
  if (!(x == x) || x >= 4503599627370496.0 || x <= -4503599627370496.0) return x;
  // Truncation through int64 is exact for |x| < 2^52; step down for negative non-integers.
  double t = static_cast<double>(static_cast<std::int64_t>(x));
  return t > x ? t - 1.0 : t;
}

double log(double x) noexcept {
  if (x != x || x < 0) return kNaN;
  if (x == 0) return -kInf;
  if (x == kInf) return kInf;
  int e = 0;
  if (x < 2.2250738585072014e-308) {  // subnormal: scale into the normal range first
    x *= 18014398509481984.0;         // 2^54
    e = -54;
  }
  std::uint64_t b = bitsOf(x);
  e += static_cast<int>((b >> 52) & 0x7ff) - 1023;
  double m = fromBits((b & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);  // [1, 2)
  if (m > kSqrt2) {
    m *= 0.5;
    ++e;
  }
  // log m = 2·atanh(s), s = (m−1)/(m+1), |s| ≤ 0.1716: the odd series converges in 12 terms.
  static constexpr double kOdd[] = {1.0,      1.0 / 3,  1.0 / 5,  1.0 / 7,  1.0 / 9,  1.0 / 11, 1.0 / 13,
                                    1.0 / 15, 1.0 / 17, 1.0 / 19, 1.0 / 21, 1.0 / 23, 1.0 / 25};
  double s = (m - 1.0) / (m + 1.0);
  double z = s * s;
  double poly = kOdd[12];
  for (int k = 11; k >= 0; --k) poly = poly * z + kOdd[k];
  double logm = 2.0 * s * poly;
  double de = static_cast<double>(e);
  return de * kLn2Hi + (logm + de * kLn2Lo);
}

double exp(double x) noexcept {
  if (x != x) return x;
  if (x > 709.782712893384) return kInf;
  if (x < -745.1332191019412) return 0.0;
  // x = k·ln2 + r with |r| ≤ ln2/2, then e^r by its Taylor polynomial (error < 1e-17).
  double k = floor(x * kInvLn2 + 0.5);
  double r = (x - k * kLn2Hi) - k * kLn2Lo;
  // 1/n! for n = 0…15, as double constants (products of exact reciprocals would round twice).
  static constexpr double kInvFactorial[] = {
      1.0, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880,
      1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800.0, 1.0 / 87178291200.0,
      1.0 / 1307674368000.0};
  double poly = kInvFactorial[15];
  for (int n = 14; n >= 0; --n) poly = poly * r + kInvFactorial[n];
  int ki = static_cast<int>(k);
  if (ki < -1021) return poly * twoTo(ki + 600) * twoTo(-600);  // subnormal results
  if (ki > 1023) return poly * twoTo(ki - 1) * 2.0;
  return poly * twoTo(ki);
}

double pow(double base, double exponent) noexcept {
  if (exponent == 0) return 1.0;
  if (base == 1) return 1.0;
  return exp(exponent * log(base));
}

double lgamma(double x) noexcept {
  if (!(x > 0)) return kNaN;
  if (x == kInf) return kInf;
  // Γ(x) = Γ(x+n) / (x(x+1)…(x+n−1)); Stirling's series is accurate to < 1e-16 from 15 on.
  double shift = 0.0;
  if (x < 15.0) {
    double product = 1.0;
    while (x < 15.0) {
      product *= x;
      x += 1.0;
    }
    shift = log(product);
  }
  double inv = 1.0 / x;
  double inv2 = inv * inv;
  double series =
      inv * (1.0 / 12 + inv2 * (-1.0 / 360 + inv2 * (1.0 / 1260 + inv2 * (-1.0 / 1680 + inv2 * (1.0 / 1188)))));
  return (x - 0.5) * log(x) - x + kHalfLog2Pi + series - shift;
}

double logSumExp(double a, double b) noexcept {
  if (a == -kInf) return b;
  if (b == -kInf) return a;
  double hi = a > b ? a : b;
  double lo = a > b ? b : a;
  return hi + log(1.0 + exp(lo - hi));
}

double hyp2f1(double a, double b, double c, double z) {
  if (!(z >= 0 && z < 1)) throw Error(ErrorCode::Range, "", "hyp2f1 needs 0 <= z < 1");
  if (c <= 0 && floor(c) == c) throw Error(ErrorCode::Range, "", "hyp2f1 needs c not a non-positive integer");
  double term = 1.0;
  double sum = 1.0;
  for (int k = 0; k < 100000; ++k) {
    term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
    double next = sum + term;
    if (next == sum) return sum;
    sum = next;
  }
  throw Error(ErrorCode::Convergence, "", "hyp2f1 series did not converge in 100000 terms");
}

}  // namespace selfcrm::math
