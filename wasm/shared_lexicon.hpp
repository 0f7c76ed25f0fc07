#pragma once
// One lexicon per module: the built-in one plus whatever the host added, shared by the text and
// the insights bindings so custom entries affect every analysis alike.
#include "selfcrm/text/lexicon.hpp"

namespace selfcrm::wasm {
text::Lexicon& sharedLexicon();
}
