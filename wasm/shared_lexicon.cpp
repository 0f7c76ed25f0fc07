#include "shared_lexicon.hpp"

namespace selfcrm::wasm {
text::Lexicon& sharedLexicon() {
  static text::Lexicon shared;
  return shared;
}
}  // namespace selfcrm::wasm
