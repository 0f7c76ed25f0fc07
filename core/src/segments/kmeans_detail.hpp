#pragma once
// Inner loops of k-means shared by kmeans.cpp and kmeans_quality.cpp.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace selfcrm::segments::detail {

/// Σ (a[j] − b[j])², summed in index order (as ml-distance-euclidean does).
inline double squaredDistance(const double* a, const double* b, std::size_t d) {
  double sum = 0;
  for (std::size_t j = 0; j < d; ++j) {
    const double diff = a[j] - b[j];
    sum += diff * diff;
  }
  return sum;
}

/// Writes each row's nearest centre (the first on ties).
void assignNearest(const double* x, std::size_t n, std::size_t d, const double* centers, std::size_t k,
                   std::int32_t* out);

/// Adds each row into its cluster's sum (sums: k × d, zeroed by the caller) and counts it.
void sumByCluster(const double* x, std::size_t n, std::size_t d, const std::int32_t* assignments, double* sums,
                  std::size_t* counts);

/// The row farthest from its own centre among rows not `taken` whose cluster keeps another row;
/// marks it taken and counts it out of `remaining`.
std::size_t farthestRow(const double* x, std::size_t n, std::size_t d, const double* centers,
                        const std::int32_t* assignments, std::vector<std::size_t>& remaining,
                        std::vector<char>& taken);

struct Scaling {
  std::vector<double> mean;
  std::vector<double> scale;  ///< population sd, or 1 for a constant column
};

/// Column means and scales (identity when `enabled` is false).
Scaling scaling(const double* x, std::size_t n, std::size_t d, bool enabled);
std::vector<double> applyScaling(const double* x, std::size_t n, std::size_t d, const Scaling& s);
std::vector<double> undoScaling(const double* z, std::size_t n, std::size_t d, const Scaling& s);

}  // namespace selfcrm::segments::detail
