// Identity matching: which outside records are the owner's, and merge proposals (one call each,
// JSON text in, an envelope out).
#include <emscripten/bind.h>

#include <string>

#include "heap.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/vault/identity_match.hpp"

namespace selfcrm::wasm {
namespace {

// The input is read on a tape: no tree of it is built on the way in.
std::string identityOwnRecords(std::uintptr_t text, std::size_t bytes) {
  return guarded([&] {
    JsonTape input;
    input.parse(heapText(text, bytes));
    return ownRecordsTape(input.root());
  });
}

std::string identityProposeMerges(std::uintptr_t text, std::size_t bytes) {
  return guarded([&] {
    JsonTape input;
    input.parse(heapText(text, bytes));
    return proposeMergesTape(input.root());
  });
}

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_identity_match) {
  using namespace selfcrm::wasm;
  emscripten::function("identityOwnRecords", &identityOwnRecords);
  emscripten::function("identityProposeMerges", &identityProposeMerges);
}
