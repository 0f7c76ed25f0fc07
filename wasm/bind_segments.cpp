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
}
