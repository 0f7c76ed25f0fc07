// Lloyd's k-means on a flat row-major block. The step order (assign, update, test movement) and
// the summation order follow ml-kmeans, so from the same centroids both give the same clusters.
#include "selfcrm/segments/kmeans.hpp"
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "kmeans_detail.hpp"
#include "random.hpp"
#include "selfcrm/error.hpp"

namespace selfcrm::segments {
namespace {

using detail::squaredDistance;

void validate(const double* rows, std::size_t n, std::size_t d, const KMeansOptions& o) {
  if (n == 0) throw Error(ErrorCode::Empty, "", "k-means needs at least one row");
  if (d == 0) throw Error(ErrorCode::Range, "", "rows need at least one feature");
  if (o.k < 1 || o.k > n) throw Error(ErrorCode::Range, "/k", "k must be from 1 to the number of rows");
  if (o.maxIterations == 0) throw Error(ErrorCode::Range, "/maxIterations", "maxIterations must be ≥ 1");
  if (!(o.tolerance >= 0) || !std::isfinite(o.tolerance)) throw Error(ErrorCode::Range, "/tolerance", "tolerance must be ≥ 0");
  for (std::size_t i = 0; i < n * d; ++i) {
    if (!std::isfinite(rows[i])) {
      throw Error(ErrorCode::Range, "/" + std::to_string(i / d) + "/" + std::to_string(i % d), "features must be finite numbers");
    }
  }
  if (o.init) {
    for (std::size_t i = 0; i < o.k * d; ++i) {
      if (!std::isfinite(o.init[i])) {
        throw Error(ErrorCode::Range, "/init/" + std::to_string(i / d) + "/" + std::to_string(i % d), "initial centroids must be finite");
      }
    }
  }
}

// k-means++: the first centre uniformly, each next one with probability ∝ squared distance to
// the nearest centre chosen so far.
std::vector<double> seedPlusPlus(const double* x, std::size_t n, std::size_t d, std::size_t k, std::uint64_t seed) {
  Random rng(seed);
  std::vector<double> centers(k * d);
  std::size_t first = rng.below(n);
  std::copy(x + first * d, x + first * d + d, centers.begin());
  std::vector<double> nearest(n);
  for (std::size_t i = 0; i < n; ++i) nearest[i] = squaredDistance(x + i * d, centers.data(), d);
  for (std::size_t c = 1; c < k; ++c) {
    double total = 0;
    for (double v : nearest) total += v;
    std::size_t pick = n - 1;
    if (total > 0) {
      double r = rng.uniform() * total;
      for (std::size_t i = 0; i < n; ++i) {
        r -= nearest[i];
        if (r < 0) {
          pick = i;
          break;
        }
      }
    } else {
      pick = rng.below(n);  // every row sits on a centre already
    }
    double* center = centers.data() + c * d;
    std::copy(x + pick * d, x + pick * d + d, center);
    for (std::size_t i = 0; i < n; ++i) {
      double dist = squaredDistance(x + i * d, center, d);
      if (dist < nearest[i]) nearest[i] = dist;
    }
  }
  return centers;
}

}  // namespace

KMeansResult kmeans(const double* rows, std::size_t n, std::size_t d, const KMeansOptions& o) {
  validate(rows, n, d, o);
  const std::size_t k = o.k;
  detail::Scaling scaling = detail::scaling(rows, n, d, o.standardize);
  std::vector<double> scaled;
  const double* x = rows;
  if (o.standardize) {
    scaled = detail::applyScaling(rows, n, d, scaling);
    x = scaled.data();
  }
  std::vector<double> centers = o.init ? (o.standardize ? detail::applyScaling(o.init, k, d, scaling)
                                                        : std::vector<double>(o.init, o.init + k * d))
                                       : seedPlusPlus(x, n, d, k, o.seed);
  KMeansResult r;
  r.k = k;
  r.d = d;
  r.assignments.assign(n, 0);
  std::vector<double> next(k * d);
  std::vector<std::size_t> counts(k);
  while (!r.converged && r.iterations < o.maxIterations) {
    ++r.iterations;
    detail::assignNearest(x, n, d, centers.data(), k, r.assignments.data());
    std::fill(next.begin(), next.end(), 0.0);
    std::fill(counts.begin(), counts.end(), 0);
    detail::sumByCluster(x, n, d, r.assignments.data(), next.data(), counts.data());
    bool reseededNow = false;
    std::vector<std::size_t> remaining;  // rows left per cluster while empty ones take donors
    std::vector<char> taken;
    for (std::size_t c = 0; c < k; ++c) {
      double* center = next.data() + c * d;
      if (counts[c]) {
        for (std::size_t j = 0; j < d; ++j) center[j] /= static_cast<double>(counts[c]);
      } else {
        // An empty cluster takes the row farthest from its own centre, so no cluster is wasted.
        if (remaining.empty()) {
          remaining = counts;
          taken.assign(n, 0);
        }
        std::size_t far = detail::farthestRow(x, n, d, centers.data(), r.assignments.data(), remaining, taken);
        std::copy(x + far * d, x + far * d + d, center);
        ++r.reseeded;
        reseededNow = true;
      }
    }
    r.converged = !reseededNow;
    for (std::size_t c = 0; c < k && r.converged; ++c) {
      if (squaredDistance(next.data() + c * d, centers.data() + c * d, d) > o.tolerance) r.converged = false;
    }
    centers.swap(next);
  }
  r.sizes.assign(k, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t c = static_cast<std::size_t>(r.assignments[i]);
    ++r.sizes[c];
    r.inertia += squaredDistance(x + i * d, centers.data() + c * d, d);
  }
  r.centroids = o.standardize ? detail::undoScaling(centers.data(), k, d, scaling) : centers;
  return r;
}

nlohmann::json summaryJson(const KMeansResult& r) {
  nlohmann::json centroids = nlohmann::json::array();
  for (std::size_t c = 0; c < r.k; ++c) {
    centroids.push_back(std::vector<double>(r.centroids.begin() + c * r.d, r.centroids.begin() + (c + 1) * r.d));
  }
  return {{"k", r.k},         {"d", r.d},
          {"centroids", centroids}, {"sizes", r.sizes},
          {"inertia", r.inertia},   {"iterations", r.iterations},
          {"converged", r.converged}, {"reseeded", r.reseeded}};
}

}  // namespace selfcrm::segments
