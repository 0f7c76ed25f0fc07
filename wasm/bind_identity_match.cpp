// Identity matching: which outside records are the owner's, and merge proposals (one call each,
// JSON text in, an envelope out).
#include <emscripten/bind.h>

#include <string>

#include "heap.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/ndjson.hpp"
#include "selfcrm/vault/identity_match.hpp"

namespace selfcrm::wasm {
namespace {

std::string identityOwnRecords(std::uintptr_t text, std::size_t bytes) {
  return guarded([&] { return ownRecordsJson(parseJsonLine(heapText(text, bytes))); });
}

std::string identityProposeMerges(std::uintptr_t text, std::size_t bytes) {
  return guarded([&] { return proposeMergesJson(parseJsonLine(heapText(text, bytes))); });
}

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_identity_match) {
  using namespace selfcrm::wasm;
  emscripten::function("identityOwnRecords", &identityOwnRecords);
  emscripten::function("identityProposeMerges", &identityProposeMerges);
}
