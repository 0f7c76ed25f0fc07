// Net Promoter Score: one call per batch of answers, results as envelopes (never a throw into JS).
#include <emscripten/bind.h>

#include <string>

#include "heap.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/nps.hpp"
#include "selfcrm/nps_ndjson.hpp"

namespace selfcrm::wasm {
namespace {

std::string npsClassify(double score) {
  return guarded([&] { return std::string(categoryName(classifyNps(score))); });
}

std::string npsSummary(std::uintptr_t scores, std::size_t count) {
  return guarded([&] { return summarizeNps(heapArray<double>(scores), count); });
}

std::string npsClassifyNdjson(std::uintptr_t text, std::size_t bytes, std::size_t firstLine) {
  return guardedLines([&] { return classifyNpsNdjson(heapText(text, bytes), firstLine); });
}

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_nps) {
  using namespace selfcrm::wasm;
  emscripten::function("npsClassify", &npsClassify);
  emscripten::function("npsSummary", &npsSummary);
  emscripten::function("npsClassifyNdjson", &npsClassifyNdjson);
}
