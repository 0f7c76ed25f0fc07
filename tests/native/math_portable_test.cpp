#include <catch2/catch.hpp>

#include <cmath>

#include "selfcrm/error.hpp"
#include "selfcrm/math/portable.hpp"
#include "selfcrm/math/random.hpp"

using namespace selfcrm;

// The portable functions must agree with the platform's libm to a few ulps (they are compared
// here against libm only for accuracy; bit identity across builds is checked by golden cases).
TEST_CASE("portable log and exp match libm closely", "[math]") {
  for (double x : {1e-310, 1e-300, 1e-10, 0.1, 0.5, 0.999999, 1.0, 1.0000001, 2.0, 3.14159, 10.0, 1234.5, 1e100, 1.7e308}) {
    INFO(x);
    CHECK(math::log(x) == Approx(std::log(x)).epsilon(4e-16).margin(1e-300));
  }
  CHECK(math::log(1.0) == 0.0);
  CHECK(std::isnan(math::log(-1.0)));
  CHECK(math::log(0.0) == -INFINITY);
  for (double x : {-745.0, -700.0, -20.5, -1.0, -1e-8, 0.0, 1e-8, 0.5, 1.0, 2.302585092994046, 100.0, 709.0}) {
    INFO(x);
    CHECK(math::exp(x) == Approx(std::exp(x)).epsilon(4e-16).margin(1e-320));
  }
  CHECK(math::exp(0.0) == 1.0);
  CHECK(math::exp(800.0) == INFINITY);
  CHECK(math::exp(-800.0) == 0.0);
  CHECK(math::pow(2.0, 10.0) == Approx(1024.0).epsilon(1e-15));
}

TEST_CASE("portable lgamma matches known values", "[math]") {
  // Γ(1) = Γ(2) = 1, Γ(5) = 24, Γ(1/2) = √π, Γ(10.5) = 1133278.3889487855…
  CHECK(math::lgamma(1.0) == Approx(0.0).margin(1e-14));
  CHECK(math::lgamma(2.0) == Approx(0.0).margin(1e-14));
  CHECK(math::lgamma(5.0) == Approx(std::log(24.0)).epsilon(1e-15));
  CHECK(math::lgamma(0.5) == Approx(0.5 * std::log(3.141592653589793)).epsilon(1e-14));
  CHECK(math::lgamma(10.5) == Approx(std::log(1133278.3889487855)).epsilon(1e-15));
  for (double x : {1e-8, 0.243, 0.793, 2.426, 4.414, 14.9, 15.0, 37.25, 1000.0, 1e7}) {
    INFO(x);
    CHECK(math::lgamma(x) == Approx(std::lgamma(x)).epsilon(1e-14).margin(1e-14));
  }
  CHECK(std::isnan(math::lgamma(0.0)));
}

TEST_CASE("hyp2f1 matches closed forms", "[math]") {
  // ₂F₁(1, 1; 2; z) = −ln(1−z)/z and ₂F₁(a, b; b; z) = (1−z)^(−a).
  CHECK(math::hyp2f1(1, 1, 2, 0.5) == Approx(-std::log(0.5) / 0.5).epsilon(1e-14));
  CHECK(math::hyp2f1(2.5, 3, 3, 0.3) == Approx(std::pow(0.7, -2.5)).epsilon(1e-14));
  CHECK(math::hyp2f1(1, 1, 2, 0.0) == 1.0);
  CHECK_THROWS_AS(math::hyp2f1(1, 1, 2, 1.0), Error);
  CHECK_THROWS_AS(math::hyp2f1(1, 1, -2, 0.5), Error);
}

TEST_CASE("seeded generator is reproducible and has the right moments", "[math]") {
  math::Random a(42), b(42);
  for (int i = 0; i < 5; ++i) CHECK(a.next() == b.next());
  math::Random rng(7);
  const int n = 200000;
  double sum = 0, sumGamma = 0, sumBeta = 0;
  for (int i = 0; i < n; ++i) {
    sum += rng.uniform();
    sumGamma += rng.gamma(0.243, 4.414);  // mean 0.243 / 4.414 = 0.05505
    sumBeta += rng.beta(0.793, 2.426);    // mean 0.793 / 3.219 = 0.24635
  }
  CHECK(sum / n == Approx(0.5).margin(0.003));
  CHECK(sumGamma / n == Approx(0.243 / 4.414).epsilon(0.02));
  CHECK(sumBeta / n == Approx(0.793 / 3.219).epsilon(0.01));
}

#include "selfcrm/math/minimize.hpp"

TEST_CASE("Nelder-Mead finds the minimum of a bowl and reports parameters at a bound", "[math]") {
  // (x−1)² + 10(y+2)²: minimum 0 at (1, −2).
  auto bowl = [](const std::vector<double>& p) { return (p[0] - 1) * (p[0] - 1) + 10 * (p[1] + 2) * (p[1] + 2); };
  auto r = math::nelderMead(bowl, {5, 5});
  CHECK(r.converged);
  CHECK_FALSE(r.atBound);
  CHECK(r.x[0] == Approx(1).margin(1e-4));
  CHECK(r.x[1] == Approx(-2).margin(1e-4));
  // A function that keeps falling as x grows ends on the upper bound (12).
  auto slope = [](const std::vector<double>& p) { return -p[0]; };
  auto s = math::nelderMead(slope, {0});
  CHECK(s.atBound);
  CHECK(s.x[0] == 12);
  // Non-finite values are treated as +inf: the search stays where f is defined.
  auto wall = [](const std::vector<double>& p) { return p[0] < 0 ? NAN : (p[0] - 3) * (p[0] - 3); };
  CHECK(math::nelderMead(wall, {1}).x[0] == Approx(3).margin(1e-4));
}
