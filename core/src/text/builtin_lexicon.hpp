#pragma once
// The generated table (see scripts/gen-lexicon.mjs); sorted by token bytes.
#include <cstddef>

namespace selfcrm::text::detail {

struct LexiconSeed {
  const char* token;
  double valence;
  int source;  ///< 0 VADER, 1 AFINN-165 (rescaled by 4/5)
};

extern const LexiconSeed kBuiltinLexicon[];
extern const std::size_t kBuiltinLexiconSize;

}  // namespace selfcrm::text::detail
