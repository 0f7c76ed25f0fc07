#include <catch2/catch.hpp>

#include "require_error.hpp"

#include <cmath>
#include <limits>
#include <set>
#include <vector>

#include "selfcrm/error.hpp"
#include "selfcrm/segments/kmeans.hpp"

using selfcrm::Error;
using selfcrm::ErrorCode;
using namespace selfcrm::segments;
using selfcrm::test::requireError;

namespace {
// Three blobs of 4 points each, at (0,0), (10,10) and (20,0), each point 1 away from its centre.
std::vector<double> blobs(double yScale = 1) {
  const double centres[3][2] = {{0, 0}, {10, 10}, {20, 0}};
  const double offsets[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
  std::vector<double> rows;
  for (const auto& o : offsets) {  // interleaved, so blobs are not contiguous
    for (const auto& c : centres) {
      rows.push_back(c[0] + o[0]);
      rows.push_back((c[1] + o[1]) * yScale);
    }
  }
  return rows;
}

}  // namespace

TEST_CASE("k-means++ finds three separated blobs for any seed", "[kmeans]") {
  auto rows = blobs();
  for (std::uint64_t seed : {1ULL, 2ULL, 42ULL, 2024ULL}) {
    KMeansOptions o;
    o.k = 3;
    o.seed = seed;
    auto r = kmeans(rows.data(), 12, 2, o);
    INFO("seed " << seed);
    CHECK(r.converged);
    CHECK(r.inertia == 12.0);
    CHECK(r.sizes == std::vector<std::size_t>{4, 4, 4});
    // Row i belongs to blob i % 3: rows of one blob share a cluster, blobs differ.
    std::set<std::int32_t> clusters;
    for (int b = 0; b < 3; ++b) {
      for (int i = b; i < 12; i += 3) CHECK(r.assignments[i] == r.assignments[b]);
      clusters.insert(r.assignments[b]);
      const double* c = &r.centroids[2 * r.assignments[b]];
      CHECK(c[0] == (b == 0 ? 0 : b == 1 ? 10 : 20));
      CHECK(c[1] == (b == 1 ? 10 : 0));
    }
    CHECK(clusters.size() == 3);
  }
}

TEST_CASE("Lloyd iterations from given centroids, traced by hand", "[kmeans]") {
  const std::vector<double> rows{0, 1, 2, 10, 11, 12};
  const double init[] = {0, 1};
  KMeansOptions o;
  o.k = 2;
  o.init = init;
  auto r = kmeans(rows.data(), 6, 1, o);
  // centres (0,1) → (0, 7.2) → (1, 11) → unchanged.
  CHECK(r.iterations == 3);
  CHECK(r.converged);
  CHECK(r.assignments == std::vector<std::int32_t>{0, 0, 0, 1, 1, 1});
  CHECK(r.centroids == std::vector<double>{1, 11});
  CHECK(r.inertia == 4.0);
  // With one iteration allowed it stops unconverged after the first update.
  o.maxIterations = 1;
  auto once = kmeans(rows.data(), 6, 1, o);
  CHECK_FALSE(once.converged);
  CHECK(once.assignments == std::vector<std::int32_t>{0, 1, 1, 1, 1, 1});
  CHECK(once.centroids == std::vector<double>{0, 7.2});
}

TEST_CASE("an empty cluster takes the row farthest from its centre", "[kmeans]") {
  const std::vector<double> rows{0, 1, 2, 10, 11, 12};
  const double init[] = {0, 11, 1000};
  KMeansOptions o;
  o.k = 3;
  o.init = init;
  auto r = kmeans(rows.data(), 6, 1, o);
  CHECK(r.reseeded == 1);
  CHECK(r.converged);
  CHECK(r.iterations == 3);
  CHECK(r.centroids == std::vector<double>{0.5, 11, 2});
  CHECK(r.sizes == std::vector<std::size_t>{2, 3, 1});
  CHECK(r.inertia == 2.5);
}

TEST_CASE("standardised features; centroids reported in input units", "[kmeans]") {
  auto rows = blobs(1000);  // y in thousands: unscaled, y would dominate
  KMeansOptions o;
  o.k = 3;
  o.seed = 7;
  o.standardize = true;
  auto r = kmeans(rows.data(), 12, 2, o);
  CHECK(r.sizes == std::vector<std::size_t>{4, 4, 4});
  for (int b = 0; b < 3; ++b) {
    const double* c = &r.centroids[2 * r.assignments[b]];
    CHECK(c[0] == Approx(b == 0 ? 0 : b == 1 ? 10 : 20).margin(1e-12));
    CHECK(c[1] == Approx(b == 1 ? 10000 : 0).margin(1e-9));
  }
}

TEST_CASE("the same seed gives the same clustering", "[kmeans]") {
  std::vector<double> rows;
  std::uint32_t s = 11;
  for (int i = 0; i < 600; ++i) {
    s = s * 1664525u + 1013904223u;
    rows.push_back(static_cast<double>(s >> 8) / 16777216.0);
  }
  KMeansOptions o;
  o.k = 4;
  o.seed = 99;
  auto a = kmeans(rows.data(), 200, 3, o);
  auto b = kmeans(rows.data(), 200, 3, o);
  CHECK(a.assignments == b.assignments);
  CHECK(a.centroids == b.centroids);
  CHECK(a.inertia == b.inertia);
}

TEST_CASE("k-means rejects bad input with codes and pointers", "[kmeans][malformed]") {
  std::vector<double> rows{0, 1, 2, 3};
  KMeansOptions o;
  o.k = 2;
  requireError([&] { kmeans(rows.data(), 0, 2, o); }, ErrorCode::Empty, "");
  requireError([&] { kmeans(rows.data(), 2, 0, o); }, ErrorCode::Range, "");
  o.k = 0;
  requireError([&] { kmeans(rows.data(), 2, 2, o); }, ErrorCode::Range, "/k");
  o.k = 3;
  requireError([&] { kmeans(rows.data(), 2, 2, o); }, ErrorCode::Range, "/k");
  o.k = 2;
  o.maxIterations = 0;
  requireError([&] { kmeans(rows.data(), 2, 2, o); }, ErrorCode::Range, "/maxIterations");
  o.maxIterations = 10;
  o.tolerance = -1;
  requireError([&] { kmeans(rows.data(), 2, 2, o); }, ErrorCode::Range, "/tolerance");
  o.tolerance = 0;
  rows[2] = std::numeric_limits<double>::quiet_NaN();
  requireError([&] { kmeans(rows.data(), 2, 2, o); }, ErrorCode::Range, "/1/0");
  rows[2] = 2;
  const double init[] = {0, 0, 1, INFINITY};
  o.init = init;
  requireError([&] { kmeans(rows.data(), 2, 2, o); }, ErrorCode::Range, "/init/1/1");
}

TEST_CASE("silhouette, computed by hand", "[kmeans]") {
  const std::vector<double> rows{0, 1, 10, 11};
  const std::vector<std::int32_t> labels{0, 0, 1, 1};
  const double expected = (2 * (9.5 / 10.5) + 2 * (8.5 / 9.5)) / 4;
  CHECK(silhouette(rows.data(), 4, 1, labels.data(), 2, 100, 0) == Approx(expected).epsilon(1e-15));
  // A lone row scores 0; here row 0 is alone and rows 1, 10, 11 share cluster 1.
  const std::vector<std::int32_t> lone{0, 1, 1, 1};
  // Row 0 alone: 0. Row 1 (cluster 1 with 10, 11): a = (9 + 10)/2 = 9.5, b = 1 → (1 − 9.5)/9.5.
  // Row 10: a = (9 + 1)/2 = 5, b = 10 → 0.5. Row 11: a = (10 + 1)/2 = 5.5, b = 11 → 0.5.
  const double lonely = (0 + (1 - 9.5) / 9.5 + 0.5 + 0.5) / 4;
  CHECK(silhouette(rows.data(), 4, 1, lone.data(), 2, 100, 0) == Approx(lonely).epsilon(1e-15));
  const std::vector<std::int32_t> one{0, 0, 0, 0};
  requireError([&] { silhouette(rows.data(), 4, 1, one.data(), 2, 100, 0); }, ErrorCode::Range, "/k");
}

TEST_CASE("chooseK picks the number of blobs", "[kmeans]") {
  auto rows = blobs();
  KMeansOptions o;
  o.seed = 3;
  auto choice = chooseK(rows.data(), 12, 2, 2, 5, o);
  CHECK(choice.best == 3);
  REQUIRE(choice.candidates.size() == 4);
  CHECK(choice.candidates[1].k == 3);
  CHECK(choice.candidates[1].inertia == 12.0);
  for (const auto& c : choice.candidates) CHECK(c.silhouette <= choice.candidates[1].silhouette);
  requireError([&] { chooseK(rows.data(), 12, 2, 1, 3, o); }, ErrorCode::Range, "/kMin");
  requireError([&] { chooseK(rows.data(), 12, 2, 4, 3, o); }, ErrorCode::Range, "/kMax");
  requireError([&] { chooseK(rows.data(), 12, 2, 2, 13, o); }, ErrorCode::Range, "/kMax");
}
