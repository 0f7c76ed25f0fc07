#pragma once
// The generated table (see scripts/gen-lexicon.mjs); sorted by token bytes. One text of
// NUL-terminated tokens and one array of 8-bit valences in tenths, rather than a {pointer, double}
// record per entry: those records were 190 KB raw, 47 KB gzip of the wasm module (issue #10, size
// goal). The generator checks that every valence is a whole number of tenths, so tenths / 10.0 is
// exactly the double the decimal literal was.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace selfcrm::text::detail {

extern const char kBuiltinTokens[];              ///< kBuiltinLexiconSize tokens, each ended by '\0'
extern const std::int8_t kBuiltinValenceTenths[];  ///< valence × 10, in token order
extern const std::size_t kBuiltinLexiconSize;

/// Calls f(token, valence) for every entry, in table order.
template <class F>
void forEachBuiltinEntry(F&& f) {
  const char* token = kBuiltinTokens;
  for (std::size_t i = 0; i < kBuiltinLexiconSize; ++i) {
    const std::string_view t(token);
    f(t, kBuiltinValenceTenths[i] / 10.0);
    token += t.size() + 1;
  }
}

}  // namespace selfcrm::text::detail
