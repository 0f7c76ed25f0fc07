#pragma once
/// @file
/// Batch k-means for segment discovery: optional standardisation, k-means++ seeding from a portable
/// random generator (same seed, same result on every platform), Lloyd iterations to a tolerance,
/// empty-cluster reseeding, inertia, silhouette and a choice of k over a range. Rows are one
/// contiguous row-major block of n × d doubles.

#include <cstddef>
#include <cstdint>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace selfcrm::segments {

struct KMeansOptions {
  std::size_t k = 0;
  std::uint64_t seed = 0;          ///< seeds k-means++ (ignored when `init` is given)
  std::size_t maxIterations = 100;
  /// Converged when no centroid moved by more than this *squared* distance in one iteration
  /// (ml-kmeans' rule, so results agree from the same start).
  double tolerance = 1e-6;
  /// Cluster z-scores (x − mean) / sd per column (population sd; a constant column is only
  /// centred). Centroids are still reported in input units; inertia is in z units.
  bool standardize = false;
  /// Optional k × d initial centroids, in input units.
  const double* init = nullptr;
};

struct KMeansResult {
  std::size_t k = 0;
  std::size_t d = 0;
  std::vector<std::int32_t> assignments;  ///< cluster of each row, from the last assignment step
  std::vector<double> centroids;          ///< k × d, input units, after the last update
  std::vector<std::size_t> sizes;         ///< rows per cluster
  double inertia = 0;     ///< Σ squared distance of each row to its cluster's centroid
  std::size_t iterations = 0;
  bool converged = false;
  std::size_t reseeded = 0;  ///< clusters that went empty and were moved to the farthest row
};

/// Summary without the per-row assignments: {k, d, centroids, sizes, inertia, iterations,
/// converged, reseeded}.
nlohmann::json summaryJson(const KMeansResult& result);

/// Clusters n rows of d features. Errors: E_EMPTY (n = 0), E_RANGE (k < 1 or k > n, d = 0,
/// maxIterations = 0, tolerance < 0, a non-finite value at "/row/column" or "/init/c/column").
KMeansResult kmeans(const double* rows, std::size_t n, std::size_t d, const KMeansOptions& options);

/// Mean silhouette (Euclidean) of a clustering, over all rows when n ≤ sampleSize, else over a
/// seeded sample of sampleSize rows. Rows of a one-row cluster score 0. E_RANGE unless there are
/// at least two clusters with rows.
double silhouette(const double* rows, std::size_t n, std::size_t d, const std::int32_t* assignments,
                  std::size_t k, std::size_t sampleSize, std::uint64_t seed);

struct KCandidate {
  std::size_t k = 0;
  double inertia = 0;
  double silhouette = 0;
};

struct KChoice {
  std::size_t best = 0;  ///< the k with the highest silhouette (the smaller k on ties)
  std::vector<KCandidate> candidates;
};

void to_json(nlohmann::json& out, const KChoice& choice);

/// The largest kMax chooseK takes for n rows: max(10, ⌊√n⌋), at most 100 and at most n. The
/// search costs about n·kMax²·d per iteration; beyond √n clusters a silhouette says little anyway.
std::size_t chooseKMaxBound(std::size_t n) noexcept;
/// The largest silhouette sample: the score costs sample²·d.
inline constexpr std::size_t kMaxSilhouetteSample = 20000;

/// Runs k-means (k-means++ with `options.seed`) for every k in [kMin, kMax] and scores each by
/// silhouette. E_RANGE unless 2 ≤ kMin ≤ kMax ≤ chooseKMaxBound(n), and sampleSize ≤
/// kMaxSilhouetteSample.
KChoice chooseK(const double* rows, std::size_t n, std::size_t d, std::size_t kMin, std::size_t kMax,
                const KMeansOptions& options, std::size_t sampleSize = 2000);

}  // namespace selfcrm::segments
