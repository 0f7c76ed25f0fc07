// Sentiment over NDJSON lines: a batch job (the CLI's `sentiment`), so company-side; a customer's
// page analyses its own texts with textAnalyzeBatch in selfcrm.wasm. This module has its own
// lexicon: the TypeScript layer copies the host's custom entries here before each batch
// (web/src/text/text.ts), so both modules score a text alike.
#include <emscripten/bind.h>

#include <string>

#include "../heap.hpp"
#include "../lexicon_entries.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/ndjson.hpp"
#include "selfcrm/text/sentiment_ndjson.hpp"

namespace selfcrm::wasm {
namespace {

std::string textSentimentNdjson(std::uintptr_t text, std::size_t bytes, std::size_t firstLine, bool explain) {
  return guardedLines([&] { return text::sentimentNdjson(heapText(text, bytes), firstLine, explain, sharedLexicon()); });
}

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_company_text) {
  using namespace selfcrm::wasm;
  emscripten::function("textSentimentNdjson", &textSentimentNdjson);
  emscripten::function("textAddLexicon", &textAddLexicon);
  emscripten::function("textClearLexicon", &textClearLexicon);
}
