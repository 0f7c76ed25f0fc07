// Segments, scoring plans, personas and k-means: packs live in handles; facts cross as JSON text
// in one heap buffer per call; k-means rows as one block of doubles, assignments written back in place.
#include <emscripten/bind.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "heap.hpp"
#include "live_objects.hpp"
#include "seconds.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/error.hpp"
#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/segments/kmeans.hpp"
#include "selfcrm/segments/persona_pack.hpp"
#include "selfcrm/segments/segment_ndjson.hpp"
#include "selfcrm/segments/segment_pack.hpp"

namespace selfcrm::wasm {
namespace {

using namespace selfcrm::segments;

nlohmann::json parseFacts(std::uintptr_t text, std::size_t bytes) {
  return parseJson(heapText(text, bytes), "the facts");
}

template <class Pack>
const Pack& loaded(const std::optional<Pack>& pack) {
  if (!pack) throw Error(ErrorCode::Internal, "", "pack used before it was loaded");
  return *pack;
}

class SegmentPackHandle : Counted {
 public:
  std::string load(std::uintptr_t text, std::size_t bytes) {
    return guarded([&] {
      pack_ = SegmentPack::fromText(heapText(text, bytes));
      return pack_->segmentNames();
    });
  }
  std::string loadDefault() {
    return guarded([&] {
      pack_ = SegmentPack::defaults();
      return pack_->segmentNames();
    });
  }
  std::string evaluate(std::uintptr_t text, std::size_t bytes, double asOf) {
    return guarded([&] { return loaded(pack_).evaluate(parseFacts(text, bytes), asOfSeconds(asOf)); });
  }
  const std::optional<SegmentPack>& pack() const { return pack_; }

 private:
  std::optional<SegmentPack> pack_;
};

class PersonaPackHandle : Counted {
 public:
  std::string load(std::uintptr_t text, std::size_t bytes) {
    return guarded([&] {
      pack_ = PersonaPack::fromText(heapText(text, bytes));
      return true;
    });
  }
  std::string loadDefault() {
    return guarded([&] {
      pack_ = PersonaPack::defaults();
      return true;
    });
  }
  std::string assign(std::uintptr_t text, std::size_t bytes, double asOf) {
    return guarded([&] {
      return loaded(pack_).assign(parseFacts(text, bytes), EvalContext{asOfSeconds(asOf), nullptr});
    });
  }
  const std::optional<PersonaPack>& pack() const { return pack_; }

 private:
  std::optional<PersonaPack> pack_;
};

std::string segmentNdjsonBatch(const SegmentPackHandle& segments, const PersonaPackHandle& personas,
                               std::uintptr_t text, std::size_t bytes, std::size_t firstLine, double asOf,
                               bool explain) {
  return guarded([&] {
    return segmentNdjson(loaded(segments.pack()), loaded(personas.pack()), heapText(text, bytes), firstLine,
                         asOfSeconds(asOf), explain);
  });
}

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

EMSCRIPTEN_BINDINGS(selfcrm_segments) {
  using namespace selfcrm::wasm;
  emscripten::class_<SegmentPackHandle>("SegmentPack")
      .constructor<>()
      .function("load", &SegmentPackHandle::load)
      .function("loadDefault", &SegmentPackHandle::loadDefault)
      .function("evaluate", &SegmentPackHandle::evaluate);
  emscripten::class_<PersonaPackHandle>("PersonaPack")
      .constructor<>()
      .function("load", &PersonaPackHandle::load)
      .function("loadDefault", &PersonaPackHandle::loadDefault)
      .function("assign", &PersonaPackHandle::assign);
  emscripten::function("segmentNdjson", &segmentNdjsonBatch);
  emscripten::function("kmeansRun", &kmeansRun);
  emscripten::function("kmeansChooseK", &kmeansChooseK);
  emscripten::function("kmeansSilhouette", &kmeansSilhouette);
}
