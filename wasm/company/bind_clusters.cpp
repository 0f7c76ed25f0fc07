// k-means over a population's feature rows (segment discovery): company-side (see bind_fit.cpp),
// since a customer holds one profile, not a population. Rows cross as one block of doubles.
#include <emscripten/bind.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "../heap.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/segments/kmeans.hpp"

namespace selfcrm::wasm {
namespace {

using namespace selfcrm::segments;

KMeansOptions options(std::size_t k, double seed, std::size_t maxIterations, double tolerance, bool standardize) {
  KMeansOptions o;
  o.k = k;
  o.seed = static_cast<std::uint64_t>(seed);
  o.maxIterations = maxIterations;
  o.tolerance = tolerance;
  o.standardize = standardize;
  return o;
}

/// Writes n assignments (int32) at `assignmentsOut`; returns the summary envelope.
std::string kmeansRun(std::uintptr_t rows, std::size_t n, std::size_t d, std::size_t k, double seed,
                      std::size_t maxIterations, double tolerance, bool standardize, std::uintptr_t init,
                      std::uintptr_t assignmentsOut) {
  return guarded([&] {
    KMeansOptions o = options(k, seed, maxIterations, tolerance, standardize);
    o.init = init ? heapArray<double>(init) : nullptr;
    KMeansResult r = kmeans(heapArray<double>(rows), n, d, o);
    auto* out = reinterpret_cast<std::int32_t*>(assignmentsOut);
    std::copy(r.assignments.begin(), r.assignments.end(), out);
    return summaryJson(r);
  });
}

std::string kmeansChooseK(std::uintptr_t rows, std::size_t n, std::size_t d, std::size_t kMin, std::size_t kMax,
                          double seed, std::size_t maxIterations, double tolerance, bool standardize,
                          std::size_t sampleSize) {
  return guarded([&] {
    return chooseK(heapArray<double>(rows), n, d, kMin, kMax, options(0, seed, maxIterations, tolerance, standardize),
                   sampleSize);
  });
}

std::string kmeansSilhouette(std::uintptr_t rows, std::size_t n, std::size_t d, std::uintptr_t assignments,
                             std::size_t k, std::size_t sampleSize, double seed) {
  return guarded([&] {
    return silhouette(heapArray<double>(rows), n, d, heapArray<std::int32_t>(assignments), k, sampleSize,
                      static_cast<std::uint64_t>(seed));
  });
}

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_company_clusters) {
  using namespace selfcrm::wasm;
  emscripten::function("kmeansRun", &kmeansRun);
  emscripten::function("kmeansChooseK", &kmeansChooseK);
  emscripten::function("kmeansSilhouette", &kmeansSilhouette);
}
