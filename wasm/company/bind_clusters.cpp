// k-means over a population's feature rows (segment discovery): company-side (see bind_fit.cpp),
// since a customer holds one profile, not a population. Rows cross as one block of doubles.
#include <emscripten/bind.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../heap.hpp"
#include "../live_objects.hpp"
#include "selfcrm/aggregates/kmeans_aggregate.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/error.hpp"
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

// Distributed k-means (issue 21): the sample and step partials and their merges, the assignment
// filter and the same algorithm in one process. Documents cross as JSON text, written by core.
using aggregates::KMeansSample;
using aggregates::KMeansStep;
using aggregates::PartialHeader;

template <class Fn>
std::string textAcross(Fn&& fn) noexcept {
  return fitsAcross(selfcrm::guardedText(std::forward<Fn>(fn)));
}

std::vector<std::string> columnList(const std::string& json) {
  const auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_array() || parsed.empty()) throw Error(ErrorCode::Schema, "/columns", "expected an array of column names");
  std::vector<std::string> out;
  for (const auto& c : parsed) {
    if (!c.is_string()) throw Error(ErrorCode::Schema, "/columns", "column names are strings");
    out.push_back(c.get<std::string>());
  }
  return out;
}

/// Constructors must not throw into JS: each handle starts empty and begin() reports errors.
class KMeansSampleHandle : Counted {
 public:
  std::string begin(std::string engine, const std::string& columns, std::size_t size) {
    return guarded([&] {
      sample_.emplace(PartialHeader{"", 0, std::move(engine), "", ""}, columnList(columns), size);
      return true;
    });
  }
  std::string addRows(std::uintptr_t rows, std::size_t n) {
    return guarded([&] {
      live().addRows(heapArray<double>(rows), n);
      return live().rowsSeen();
    });
  }
  void countLines(double lines, double rejected) {
    if (sample_) sample_->countLines(static_cast<std::uint64_t>(lines), static_cast<std::uint64_t>(rejected));
  }
  std::string merge(std::uintptr_t text, std::size_t bytes) {
    return guarded([&] {
      live().mergePartial(std::string(heapText(text, bytes)));
      return totals();
    });
  }
  std::string partial() const {
    return textAcross([&] { return live().partialText(); });
  }
  std::string totalsJson() const {
    return guarded([&] { return totals(); });
  }
  std::string initial(std::size_t k, double seed, std::size_t maxIterations, double tolerance) const {
    return textAcross([&] { return live().initialCentroids(k, static_cast<std::uint64_t>(seed), maxIterations, tolerance).dump(); });
  }

 private:
  const KMeansSample& live() const {
    if (!sample_) throw Error(ErrorCode::Internal, "", "begin() first");
    return *sample_;
  }
  KMeansSample& live() { return const_cast<KMeansSample&>(std::as_const(*this).live()); }
  nlohmann::json totals() const {
    return {{"lines", live().lines()}, {"rejected", live().rejected()}, {"rows", live().rowsSeen()}, {"sampled", live().sampled()}};
  }
  std::optional<KMeansSample> sample_;
};

class KMeansStepHandle : Counted {
 public:
  std::string begin(std::string engine, const std::string& centroids) {
    return guarded([&] {
      step_.emplace(PartialHeader{"", 0, std::move(engine), "", ""}, aggregates::parseCentroids(centroids));
      return true;
    });
  }
  std::string addRows(std::uintptr_t rows, std::size_t n) {
    return guarded([&] {
      live().addRows(heapArray<double>(rows), n);
      return live().rows();
    });
  }
  void countLines(double lines, double rejected) {
    if (step_) step_->countLines(static_cast<std::uint64_t>(lines), static_cast<std::uint64_t>(rejected));
  }
  std::string merge(std::uintptr_t text, std::size_t bytes) {
    return guarded([&] {
      live().mergePartial(std::string(heapText(text, bytes)));
      return totals();
    });
  }
  std::string partial() const {
    return textAcross([&] { return live().partialText(); });
  }
  std::string totalsJson() const {
    return guarded([&] { return totals(); });
  }
  std::string next(double tolerance) const {
    return textAcross([&] { return live().next(tolerance).dump(); });
  }

 private:
  const KMeansStep& live() const {
    if (!step_) throw Error(ErrorCode::Internal, "", "begin() first");
    return *step_;
  }
  KMeansStep& live() { return const_cast<KMeansStep&>(std::as_const(*this).live()); }
  nlohmann::json totals() const { return {{"lines", live().lines()}, {"rejected", live().rejected()}, {"rows", live().rows()}}; }
  std::optional<KMeansStep> step_;
};

/// Writes n assignments (int32) at `assignmentsOut`; returns {k, d}.
std::string kmeansAssign(const std::string& centroids, std::uintptr_t rows, std::size_t n, std::uintptr_t assignmentsOut) {
  return guarded([&] {
    const auto c = aggregates::parseCentroids(centroids);
    const auto a = aggregates::assignToCentroids(c, heapArray<double>(rows), n);
    std::copy(a.begin(), a.end(), reinterpret_cast<std::int32_t*>(assignmentsOut));
    return nlohmann::json{{"k", c.k}, {"d", c.columns.size()}};
  });
}

/// Writes n assignments at `assignmentsOut`; returns the last centroids document.
std::string kmeansBySampleRun(std::uintptr_t rows, std::size_t n, const std::string& columns, std::size_t k, double seed,
                              std::size_t sampleSize, std::size_t maxIterations, double tolerance,
                              std::uintptr_t assignmentsOut) {
  return textAcross([&] {
    auto r = aggregates::kmeansBySample(heapArray<double>(rows), n, columnList(columns), k, static_cast<std::uint64_t>(seed),
                                        sampleSize, maxIterations, tolerance);
    std::copy(r.assignments.begin(), r.assignments.end(), reinterpret_cast<std::int32_t*>(assignmentsOut));
    return r.centroids.dump();
  });
}

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_company_clusters) {
  using namespace selfcrm::wasm;
  emscripten::function("kmeansRun", &kmeansRun);
  emscripten::function("kmeansChooseK", &kmeansChooseK);
  emscripten::function("kmeansSilhouette", &kmeansSilhouette);
  emscripten::function("kmeansAssign", &kmeansAssign);
  emscripten::function("kmeansBySample", &kmeansBySampleRun);
  emscripten::class_<KMeansSampleHandle>("KMeansSample")
      .constructor<>()
      .function("begin", &KMeansSampleHandle::begin)
      .function("addRows", &KMeansSampleHandle::addRows)
      .function("countLines", &KMeansSampleHandle::countLines)
      .function("merge", &KMeansSampleHandle::merge)
      .function("partial", &KMeansSampleHandle::partial)
      .function("totals", &KMeansSampleHandle::totalsJson)
      .function("initial", &KMeansSampleHandle::initial);
  emscripten::class_<KMeansStepHandle>("KMeansStep")
      .constructor<>()
      .function("begin", &KMeansStepHandle::begin)
      .function("addRows", &KMeansStepHandle::addRows)
      .function("countLines", &KMeansStepHandle::countLines)
      .function("merge", &KMeansStepHandle::merge)
      .function("partial", &KMeansStepHandle::partial)
      .function("totals", &KMeansStepHandle::totalsJson)
      .function("next", &KMeansStepHandle::next);
}
