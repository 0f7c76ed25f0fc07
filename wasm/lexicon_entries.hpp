#pragma once
// Custom lexicon entries as JS hands them over (tokens in one UTF-8 buffer with offsets, valences
// as doubles): the bound add and clear calls, written once for both modules, which each hold their
// own lexicon.
#include <string>
#include <vector>

#include "heap.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/error.hpp"
#include "shared_lexicon.hpp"

namespace selfcrm::wasm {

/// Adds the entries to the module's lexicon (all or nothing); the value is the number of custom entries.
inline std::string textAddLexicon(std::uintptr_t bytes, std::size_t length, std::uintptr_t offsets,
                                  std::uintptr_t valences, std::size_t count) {
  return guarded([&] {
    const auto all = heapText(bytes, length);
    const auto* at = heapArray<std::uint32_t>(offsets);
    const auto* v = heapArray<double>(valences);
    std::vector<text::LexiconEntry> entries;
    for (std::size_t i = 0; i < count; ++i) {
      if (at[i + 1] < at[i] || at[i + 1] > all.size()) {
        throw Error(ErrorCode::Range, pointerAppend("/offsets", i + 1), "offsets must rise within the text buffer");
      }
      entries.push_back({std::string(all.substr(at[i], at[i + 1] - at[i])), v[i]});
    }
    sharedLexicon().add(entries);
    return sharedLexicon().customSize();
  });
}

inline std::string textClearLexicon() {
  return guarded([] {
    sharedLexicon().clearCustom();
    return 0;
  });
}

}  // namespace selfcrm::wasm
