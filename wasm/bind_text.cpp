// Text: sentiment, intent cues and six degrees. Texts cross as one UTF-8 buffer with offsets;
// batch results are written into arrays the caller allocated in the heap (one call per batch).
#include <emscripten/bind.h>

#include <string>

#include "heap.hpp"
#include "lexicon_entries.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/ndjson.hpp"
#include "selfcrm/text/analysis.hpp"
#include "selfcrm/text/degrees.hpp"
#include "selfcrm/text/interaction_columns.hpp"
#include "shared_lexicon.hpp"

namespace selfcrm::wasm {
namespace {

/// The lines of an NDJSON buffer the core's JSON reader refuses, as LineRejects: for records read
/// in JS, so they are refused by the one rule (repeated keys, numbers out of range, cut lines).
std::string jsonLineRejects(std::uintptr_t text, std::size_t bytes, std::size_t firstLine) {
  return guarded([&] { return selfcrm::jsonLineRejects(heapText(text, bytes), firstLine); });
}

/// The module's lexicon: the built-in one plus whatever the host added.
text::Lexicon& lexicon() { return sharedLexicon(); }

std::string textAnalyze(std::uintptr_t bytes, std::size_t length) {
  return guarded([&] {
    if (length > text::kMaxTextBytes) {
      throw Error(ErrorCode::Range, "", "a text is at most " + std::to_string(text::kMaxTextBytes) + " bytes of UTF-8");
    }
    const auto t = heapText(bytes, length);
    return text::analysisJson(text::analyzeText(t, lexicon(), true), t);
  });
}

std::string textAnalyzeBatch(std::uintptr_t bytes, std::size_t length, std::uintptr_t offsets, std::size_t count,
                             std::uintptr_t compound, std::uintptr_t labels, std::uintptr_t cues) {
  return guarded([&] {
    text::analyzeBatch(heapText(bytes, length), heapArray<std::uint32_t>(offsets), count, lexicon(),
                       reinterpret_cast<double*>(compound), reinterpret_cast<std::uint8_t*>(labels),
                       reinterpret_cast<std::uint32_t*>(cues));
    return count;
  });
}

std::string textExplainBatch(std::uintptr_t bytes, std::size_t length, std::uintptr_t offsets, std::size_t count) {
  return guarded([&] {
    const auto all = heapText(bytes, length);
    const auto* at = heapArray<std::uint32_t>(offsets);
    const auto list = text::explainBatch(all, at, count, lexicon());
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      out.push_back(text::analysisJson(list[i], all.substr(at[i], at[i + 1] - at[i])));
    }
    return out;
  });
}

std::string textClassifyInteractions(std::uintptr_t bytes, std::size_t length, std::uintptr_t offsets,
                                     std::uintptr_t fields, std::size_t count) {
  return guarded([&] {
    const auto records = text::interactionsFromColumns(heapText(bytes, length), heapArray<std::uint32_t>(offsets),
                                                       heapArray<double>(fields), count);
    return text::classifyInteractions(records, lexicon());
  });
}

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_text) {
  using namespace selfcrm::wasm;
  emscripten::constant("textMaxBytes", static_cast<double>(selfcrm::text::kMaxTextBytes));
  emscripten::function("jsonLineRejects", &jsonLineRejects);
  emscripten::function("textAnalyze", &textAnalyze);
  emscripten::function("textAnalyzeBatch", &textAnalyzeBatch);
  emscripten::function("textExplainBatch", &textExplainBatch);
  emscripten::function("textAddLexicon", &textAddLexicon);
  emscripten::function("textClearLexicon", &textClearLexicon);
  emscripten::function("textClassifyInteractions", &textClassifyInteractions);
}
