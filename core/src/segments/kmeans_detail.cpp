#include "kmeans_detail.hpp"

#include <cmath>

namespace selfcrm::segments::detail {

namespace {

// The hot loops with the row width as a compile-time constant (D > 0) so the compiler unrolls
// them; D == 0 reads the width at run time. The order of operations is the same either way.
template <std::size_t D>
void assignRows(const double* x, std::size_t n, std::size_t d, const double* centers, std::size_t k, std::int32_t* out) {
  const std::size_t w = D ? D : d;
  for (std::size_t i = 0; i < n; ++i) {
    const double* row = x + i * w;
    double best = squaredDistance(row, centers, w);
    std::int32_t bestC = 0;
    for (std::size_t c = 1; c < k; ++c) {
      const double dist = squaredDistance(row, centers + c * w, w);
      if (dist < best) {
        best = dist;
        bestC = static_cast<std::int32_t>(c);
      }
    }
    out[i] = bestC;
  }
}

template <std::size_t D>
void sumRows(const double* x, std::size_t n, std::size_t d, const std::int32_t* assignments, double* sums,
             std::size_t* counts) {
  const std::size_t w = D ? D : d;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<std::size_t>(assignments[i]);
    ++counts[c];
    const double* row = x + i * w;
    double* sum = sums + c * w;
    for (std::size_t j = 0; j < w; ++j) sum[j] += row[j];
  }
}

constexpr std::size_t kUnrolledWidths = 12;

template <std::size_t D = 1>
void assignDispatch(const double* x, std::size_t n, std::size_t d, const double* centers, std::size_t k,
                    std::int32_t* out) {
  if constexpr (D > kUnrolledWidths) {
    assignRows<0>(x, n, d, centers, k, out);
  } else {
    if (d == D) return assignRows<D>(x, n, d, centers, k, out);
    assignDispatch<D + 1>(x, n, d, centers, k, out);
  }
}

template <std::size_t D = 1>
void sumDispatch(const double* x, std::size_t n, std::size_t d, const std::int32_t* a, double* sums, std::size_t* counts) {
  if constexpr (D > kUnrolledWidths) {
    sumRows<0>(x, n, d, a, sums, counts);
  } else {
    if (d == D) return sumRows<D>(x, n, d, a, sums, counts);
    sumDispatch<D + 1>(x, n, d, a, sums, counts);
  }
}

}  // namespace

void assignNearest(const double* x, std::size_t n, std::size_t d, const double* centers, std::size_t k,
                   std::int32_t* out) {
  assignDispatch(x, n, d, centers, k, out);
}

void sumByCluster(const double* x, std::size_t n, std::size_t d, const std::int32_t* assignments, double* sums,
                  std::size_t* counts) {
  sumDispatch(x, n, d, assignments, sums, counts);
}

std::size_t farthestRow(const double* x, std::size_t n, std::size_t d, const double* centers,
                        const std::int32_t* assignments, std::vector<std::size_t>& remaining,
                        std::vector<char>& taken) {
  std::size_t far = n;
  double farDist = -1;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<std::size_t>(assignments[i]);
    if (taken[i] || remaining[c] < 2) continue;
    const double dist = squaredDistance(x + i * d, centers + c * d, d);
    if (dist > farDist) {
      farDist = dist;
      far = i;
    }
  }
  if (far == n) {
    // No cluster can spare a row (only when rows repeat): take the first free one.
    for (far = 0; far + 1 < n && taken[far]; ++far) {
    }
  }
  taken[far] = 1;
  --remaining[static_cast<std::size_t>(assignments[far])];
  return far;
}

Scaling scaling(const double* x, std::size_t n, std::size_t d, bool enabled) {
  Scaling s{std::vector<double>(d, 0.0), std::vector<double>(d, 1.0)};
  if (!enabled) return s;
  for (std::size_t j = 0; j < d; ++j) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += x[i * d + j];
    const double mean = sum / static_cast<double>(n);
    double squares = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double diff = x[i * d + j] - mean;
      squares += diff * diff;
    }
    const double sd = std::sqrt(squares / static_cast<double>(n));
    s.mean[j] = mean;
    s.scale[j] = sd > 0 ? sd : 1.0;
  }
  return s;
}

std::vector<double> applyScaling(const double* x, std::size_t n, std::size_t d, const Scaling& s) {
  std::vector<double> out(n * d);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j) out[i * d + j] = (x[i * d + j] - s.mean[j]) / s.scale[j];
  }
  return out;
}

std::vector<double> undoScaling(const double* z, std::size_t n, std::size_t d, const Scaling& s) {
  std::vector<double> out(n * d);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j) out[i * d + j] = z[i * d + j] * s.scale[j] + s.mean[j];
  }
  return out;
}

}  // namespace selfcrm::segments::detail
