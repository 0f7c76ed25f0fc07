#include <catch2/catch.hpp>

#include "require_error.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "selfcrm/aggregates/kmeans_aggregate.hpp"
#include "selfcrm/error.hpp"
#include "selfcrm/math/random.hpp"

using selfcrm::ErrorCode;
using namespace selfcrm::aggregates;
using selfcrm::test::requireError;

namespace {

const std::vector<std::string> kColumns = {"a", "b", "c"};
PartialHeader header() { return {"", 0, "test-1", "", ""}; }

// Four blobs of 3-feature rows with noise that is not a short binary fraction, so the sums round.
std::vector<double> blobRows(std::size_t n, std::uint64_t seed) {
  selfcrm::math::Random rng(seed);
  const double centres[4][3] = {{0, 0, 0}, {10, 10, 1}, {20, 0, -3}, {5, 25, 7}};
  std::vector<double> rows;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& c = centres[rng.next() % 4];
    for (int j = 0; j < 3; ++j) rows.push_back(c[j] + static_cast<double>(rng.next() % 100000) / 30001.0 - 1.7);
  }
  return rows;
}

// The rows split at `cuts` (row indices), each part summarised on its own.
template <class Aggregate, class Make>
std::vector<std::string> partials(const std::vector<double>& rows, const std::vector<std::size_t>& cuts, Make make) {
  std::vector<std::string> out;
  for (std::size_t p = 0; p + 1 < cuts.size(); ++p) {
    Aggregate a = make();
    a.addRows(rows.data() + cuts[p] * 3, cuts[p + 1] - cuts[p]);
    a.countLines(cuts[p + 1] - cuts[p], 0);
    out.push_back(a.partialText());
  }
  return out;
}

std::vector<std::vector<std::size_t>> splits(std::size_t n) {
  return {{0, n}, {0, 1, n / 2, n}, {0, 3, 50, 51, 200, 333, n - 1, n}};
}

}  // namespace

TEST_CASE("a row's hash reads -0 as +0 and tells rows apart", "[kmeans-merge]") {
  const double a[] = {0.0, 1.5}, b[] = {-0.0, 1.5}, c[] = {1.5, 0.0};
  CHECK(rowHash(a, 2) == rowHash(b, 2));
  CHECK(rowHash(a, 2) != rowHash(c, 2));
}

TEST_CASE("k-means sample and steps merge to the same bytes for any split, order and grouping", "[kmeans-merge]") {
  const auto rows = blobRows(400, 7);
  std::string firstInit, firstNext;
  for (const auto& cuts : splits(400)) {
    auto parts = partials<KMeansSample>(rows, cuts, [] { return KMeansSample(header(), kColumns, 64); });
    std::reverse(parts.begin(), parts.end());
    KMeansSample merged(header(), kColumns, 64);
    for (const auto& p : parts) merged.mergePartial(p);
    CHECK(merged.sampled() == 64);
    CHECK(merged.rowsSeen() == 400);
    const std::string init = merged.initialCentroids(4, 3, 100, 1e-6).dump();
    if (firstInit.empty()) firstInit = init;
    CHECK(init == firstInit);

    auto steps = partials<KMeansStep>(rows, cuts, [&] { return KMeansStep(header(), parseCentroids(init)); });
    std::rotate(steps.begin(), steps.begin() + static_cast<long>(steps.size() / 2), steps.end());
    // A tree: the first half merged into one partial, then merged with the rest.
    KMeansStep left(header(), parseCentroids(init)), root(header(), parseCentroids(init));
    for (std::size_t i = 0; i < steps.size(); ++i) (i < steps.size() / 2 ? left : root).mergePartial(steps[i]);
    if (steps.size() > 1) root.mergePartial(left.partialText());
    const std::string next = root.next(1e-6).dump();
    if (firstNext.empty()) firstNext = next;
    CHECK(next == firstNext);
  }
  const auto doc = nlohmann::json::parse(firstNext);
  CHECK(doc["iteration"] == 1);
  CHECK(doc["sizes"].size() == 4);
}

TEST_CASE("k-means by sample in one process is the merged steps' result and ignores row order", "[kmeans-merge]") {
  auto rows = blobRows(600, 11);
  const auto one = kmeansBySample(rows.data(), 600, kColumns, 4, 5, 100, 100, 1e-9);
  CHECK(one.centroids["converged"] == true);
  CHECK(one.assignments.size() == 600);
  // The blobs are found: every centroid is within 1.5 of a blob centre.
  for (const auto& c : one.centroids["centroids"]) {
    const double x = c[0], y = c[1];
    const bool near = std::hypot(x, y) < 1.5 || std::hypot(x - 10, y - 10) < 1.5 || std::hypot(x - 20, y) < 1.5 || std::hypot(x - 5, y - 25) < 1.5;
    CHECK(near);
  }
  // Driven by hand over three parts, as the cluster driver does.
  KMeansSample sample(header(), kColumns, 100);
  for (const auto& p : partials<KMeansSample>(rows, {0, 100, 450, 600}, [] { return KMeansSample(header(), kColumns, 100); })) sample.mergePartial(p);
  std::string doc = sample.initialCentroids(4, 5, 100, 1e-9).dump();
  for (int i = 0; i < 100 && !nlohmann::json::parse(doc)["converged"].get<bool>(); ++i) {
    KMeansStep step(header(), parseCentroids(doc));
    for (const auto& p : partials<KMeansStep>(rows, {0, 7, 300, 600}, [&] { return KMeansStep(header(), parseCentroids(doc)); })) step.mergePartial(p);
    doc = step.next(1e-9).dump();
  }
  CHECK(doc == one.centroids.dump());
  // Rows reversed: the same sample, the same sums, the same bytes.
  std::vector<double> reversed;
  for (std::size_t i = 600; i-- > 0;) reversed.insert(reversed.end(), rows.begin() + static_cast<long>(i * 3), rows.begin() + static_cast<long>(i * 3 + 3));
  CHECK(kmeansBySample(reversed.data(), 600, kColumns, 4, 5, 100, 100, 1e-9).centroids.dump() == one.centroids.dump());
}

TEST_CASE("an empty cluster takes the farthest row, the same from parts", "[kmeans-merge]") {
  const double rows[] = {0, 0, 0, 1, 0, 0, 2, 0, 0, 30, 0, 0, 31, 0, 0};
  const std::string far = R"({"format":"selfcrm.kmeans.centroids","version":1,"columns":["a","b","c"],"k":2,"iteration":4,"centroids":[[1,0,0],[500,500,500]]})";
  KMeansStep whole(header(), parseCentroids(far));
  whole.addRows(rows, 5);
  const auto next = whole.next(1e-6);
  CHECK(next["reseeded"] == 1);
  CHECK(next["converged"] == false);
  CHECK(next["iteration"] == 5);
  CHECK(next["centroids"][1] == nlohmann::ordered_json::array({31.0, 0.0, 0.0}));
  KMeansStep merged(header(), parseCentroids(far)), a(header(), parseCentroids(far)), b(header(), parseCentroids(far));
  a.addRows(rows + 9, 2);
  b.addRows(rows, 3);
  merged.mergePartial(a.partialText());
  merged.mergePartial(b.partialText());
  CHECK(merged.next(1e-6).dump() == next.dump());
}

TEST_CASE("k-means partials of another run are refused and change nothing", "[kmeans-merge]") {
  const auto rows = blobRows(50, 3);
  KMeansSample sample(header(), kColumns, 10);
  sample.addRows(rows.data(), 50);
  const std::string part = sample.partialText();
  KMeansSample other(header(), kColumns, 20);
  requireError([&] { other.mergePartial(part); }, ErrorCode::Conflict, "/sampleSize");
  KMeansSample wider(header(), {"a", "b", "d"}, 10);
  requireError([&] { wider.mergePartial(part); }, ErrorCode::Conflict, "/columns");
  auto bump = nlohmann::json::parse(part);
  bump["version"] = 2;
  requireError([&] { other.mergePartial(bump.dump()); }, ErrorCode::Version, "/version");
  bump = nlohmann::json::parse(part);
  bump["engine"] = "test-0";
  requireError([&] { other.mergePartial(bump.dump()); }, ErrorCode::Conflict, "/engine");
  bump = nlohmann::json::parse(part);
  bump["sample"][1][2] = "x";
  KMeansSample same(header(), kColumns, 10);
  requireError([&] { same.mergePartial(bump.dump()); }, ErrorCode::Schema, "/sample/1/2");
  CHECK(same.rowsSeen() == 0);
  CHECK(same.sampled() == 0);

  const std::string init = [&] {
    KMeansSample s(header(), kColumns, 10);
    s.mergePartial(part);
    return s.initialCentroids(3, 1, 100, 1e-6).dump();
  }();
  KMeansStep step(header(), parseCentroids(init));
  step.addRows(rows.data(), 50);
  const std::string stepPart = step.partialText();
  auto moved = nlohmann::json::parse(init);
  moved["centroids"][0][0] = 1e6;
  KMeansStep elsewhere(header(), parseCentroids(moved.dump()));
  requireError([&] { elsewhere.mergePartial(stepPart); }, ErrorCode::Conflict, "/centroids");
  requireError([&] { elsewhere.mergePartial(part); }, ErrorCode::Schema, "/format");
  auto badSum = nlohmann::json::parse(stepPart);
  badSum["sums"][0][1] = nlohmann::json::array({"1"});
  KMeansStep fresh(header(), parseCentroids(init));
  requireError([&] { fresh.mergePartial(badSum.dump()); }, ErrorCode::Schema, "/sums/0/1/0");
  CHECK(fresh.rows() == 0);
  requireError([&] { parseCentroids(R"({"format":"selfcrm.kmeans.centroids","version":1,"columns":["a"],"k":2,"iteration":0,"centroids":[[1]]})"); },
               ErrorCode::Schema, "/centroids");
  requireError([&] { sample.initialCentroids(11, 1, 100, 1e-6); }, ErrorCode::Range, "/k");
  const double bad[] = {1, NAN, 2};
  requireError([&] { step.addRows(bad, 1); }, ErrorCode::Range, "/0/1");
}
