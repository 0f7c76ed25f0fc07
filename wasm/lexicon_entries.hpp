#pragma once
// Custom lexicon entries as JS hands them over (tokens in one UTF-8 buffer with offsets, valences
// as doubles): read once here for both modules, which each hold their own lexicon.
#include <string>
#include <vector>

#include "heap.hpp"
#include "selfcrm/error.hpp"
#include "shared_lexicon.hpp"

namespace selfcrm::wasm {

/// Adds the entries to the module's lexicon (all or nothing); returns the number of custom entries.
inline std::size_t addLexiconEntries(std::uintptr_t bytes, std::size_t length, std::uintptr_t offsets,
                                     std::uintptr_t valences, std::size_t count) {
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
}

}  // namespace selfcrm::wasm
