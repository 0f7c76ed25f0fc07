// How good a clustering is: silhouette (cohesion against separation) and the choice of k.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <cmath>
#include <numeric>
#include <string>

#include "kmeans_detail.hpp"
#include "random.hpp"
#include "selfcrm/error.hpp"
#include "selfcrm/segments/kmeans.hpp"

namespace selfcrm::segments {
namespace {

// A seeded sample of `m` distinct rows (partial Fisher–Yates), sorted for cache-friendly reads.
std::vector<std::size_t> sampleRows(std::size_t n, std::size_t m, std::uint64_t seed) {
  std::vector<std::size_t> all(n);
  std::iota(all.begin(), all.end(), std::size_t{0});
  if (m >= n) return all;
  Random rng(seed);
  for (std::size_t i = 0; i < m; ++i) std::swap(all[i], all[i + rng.below(n - i)]);
  all.resize(m);
  std::sort(all.begin(), all.end());
  return all;
}

}  // namespace

std::size_t chooseKMaxBound(std::size_t n) noexcept {
  const auto root = static_cast<std::size_t>(std::floor(std::sqrt(static_cast<double>(n))));
  return std::min({n, std::size_t{100}, std::max(std::size_t{10}, root)});
}

double silhouette(const double* rows, std::size_t n, std::size_t d, const std::int32_t* assignments,
                  std::size_t k, std::size_t sampleSize, std::uint64_t seed) {
  if (sampleSize < 2) throw Error(ErrorCode::Range, "/sampleSize", "the silhouette sample needs at least 2 rows");
  if (sampleSize > kMaxSilhouetteSample) {
    throw Error(ErrorCode::Range, "/sampleSize",
                "the silhouette sample is at most " + std::to_string(kMaxSilhouetteSample) + " rows");
  }
  const std::vector<std::size_t> sample = sampleRows(n, sampleSize, seed);
  std::vector<std::size_t> members(k, 0);
  for (std::size_t i : sample) {
    if (assignments[i] < 0 || static_cast<std::size_t>(assignments[i]) >= k) {
      throw Error(ErrorCode::Range, "/assignments/" + std::to_string(i), "cluster index out of range");
    }
    ++members[static_cast<std::size_t>(assignments[i])];
  }
  std::size_t nonEmpty = 0;
  for (std::size_t m : members) nonEmpty += m ? 1 : 0;
  if (nonEmpty < 2) throw Error(ErrorCode::Range, "/k", "silhouette needs rows in at least two clusters");
  std::vector<double> sums(k);
  double total = 0;
  for (std::size_t i : sample) {
    std::fill(sums.begin(), sums.end(), 0.0);
    for (std::size_t j : sample) {
      if (j != i) sums[static_cast<std::size_t>(assignments[j])] += std::sqrt(detail::squaredDistance(rows + i * d, rows + j * d, d));
    }
    const auto own = static_cast<std::size_t>(assignments[i]);
    if (members[own] < 2) continue;  // a lone row scores 0
    const double a = sums[own] / static_cast<double>(members[own] - 1);
    double b = INFINITY;
    for (std::size_t c = 0; c < k; ++c) {
      if (c != own && members[c]) b = std::min(b, sums[c] / static_cast<double>(members[c]));
    }
    const double spread = std::max(a, b);
    if (spread > 0) total += (b - a) / spread;
  }
  return total / static_cast<double>(sample.size());
}

void to_json(nlohmann::json& out, const KChoice& choice) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : choice.candidates) {
    list.push_back({{"k", c.k}, {"inertia", c.inertia}, {"silhouette", c.silhouette}});
  }
  out = {{"best", choice.best}, {"candidates", list}};
}

KChoice chooseK(const double* rows, std::size_t n, std::size_t d, std::size_t kMin, std::size_t kMax,
                const KMeansOptions& options, std::size_t sampleSize) {
  if (kMin < 2) throw Error(ErrorCode::Range, "/kMin", "kMin must be ≥ 2 (silhouette compares clusters)");
  if (kMax < kMin) throw Error(ErrorCode::Range, "/kMax", "kMax must be ≥ kMin");
  if (kMax > n) throw Error(ErrorCode::Range, "/kMax", "kMax must not exceed the number of rows");
  if (kMax > chooseKMaxBound(n)) {
    throw Error(ErrorCode::Range, "/kMax",
                "kMax is at most max(10, √rows), and at most 100: " + std::to_string(chooseKMaxBound(n)) + " for " +
                    std::to_string(n) + " rows");
  }
  if (sampleSize > kMaxSilhouetteSample) {
    throw Error(ErrorCode::Range, "/sampleSize",
                "the silhouette sample is at most " + std::to_string(kMaxSilhouetteSample) + " rows");
  }
  KMeansOptions o = options;
  o.init = nullptr;
  std::vector<double> scaled;
  const double* x = rows;
  KChoice choice;
  double bestScore = -INFINITY;
  for (std::size_t k = kMin; k <= kMax; ++k) {
    o.k = k;
    KMeansResult r = kmeans(rows, n, d, o);
    if (o.standardize && scaled.empty()) {
      scaled = detail::applyScaling(rows, n, d, detail::scaling(rows, n, d, true));
      x = scaled.data();
    }
    double s = silhouette(x, n, d, r.assignments.data(), k, sampleSize, options.seed);
    choice.candidates.push_back({k, r.inertia, s});
    if (s > bestScore) {
      bestScore = s;
      choice.best = k;
    }
  }
  return choice;
}

}  // namespace selfcrm::segments
