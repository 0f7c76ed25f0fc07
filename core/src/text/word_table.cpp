#include "text/word_table.hpp"

#include <string>
#include <unordered_map>

#include "text/builtin_lexicon.hpp"

namespace selfcrm::text::detail {
namespace {

bool endsWithNt(std::string_view w) { return w.size() > 3 && w.substr(w.size() - 3) == "n't"; }

const std::unordered_map<std::string_view, WordInfo>& table() {
  static const auto map = [] {
    std::unordered_map<std::string_view, WordInfo> m;
    m.reserve(kBuiltinLexiconSize * 2);
    for (std::size_t i = 0; i < kBuiltinLexiconSize; ++i) {
      WordInfo& w = m[kBuiltinLexicon[i].token];
      w.valence = kBuiltinLexicon[i].valence;
      w.hasValence = true;
    }
    for (std::string_view n : negatorWords()) m[n].negator = true;
    for (const auto& [word, sign] : boosterWords()) m[word].booster = static_cast<std::int8_t>(sign);
    for (std::string_view c : {"but", "however"}) m[c].contrast = true;
    for (std::string_view l : likeVerbWords()) m[l].likeVerbAfter = true;
    for (const Idiom& idiom : idioms()) m[idiom.words[0]].idioms.push_back(&idiom);
    for (const CuePhrase& p : cuePhrases()) m[p.words[0]].cuePhrases.push_back(&p);
    for (auto& [word, info] : m) {
      if (endsWithNt(word)) info.negator = true;
      if (info.negator) info.likeVerbAfter = true;
    }
    return m;
  }();
  return map;
}

// FNV-1a: a few operations per byte, the same on every platform.
std::uint32_t hashOf(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

// Open addressing over the map's nodes (which never move): a lookup is a hash, a masked index
// and usually one comparison, much cheaper in wasm than the standard map's buckets.
struct Slot {
  std::string_view key;
  const WordInfo* info = nullptr;
};

struct FastTable {
  std::vector<Slot> slots;
  std::uint32_t mask = 0;
};

const FastTable& fastTable() {
  static const FastTable fast = [] {
    const auto& m = table();
    FastTable f;
    std::size_t capacity = 1;
    while (capacity < m.size() * 4) capacity <<= 1;
    f.slots.resize(capacity);
    f.mask = static_cast<std::uint32_t>(capacity - 1);
    for (const auto& [key, info] : m) {
      std::uint32_t at = hashOf(key) & f.mask;
      while (f.slots[at].info != nullptr) at = (at + 1) & f.mask;
      f.slots[at] = {key, &info};
    }
    return f;
  }();
  return fast;
}

}  // namespace

const WordInfo* wordInfo(std::string_view token) {
  const FastTable& f = fastTable();
  for (std::uint32_t at = hashOf(token) & f.mask;; at = (at + 1) & f.mask) {
    const Slot& s = f.slots[at];
    if (s.info == nullptr) break;
    if (s.key == token) return s.info;
  }
  if (endsWithNt(token)) {
    static const WordInfo contraction = [] {
      WordInfo w;
      w.negator = true;
      w.likeVerbAfter = true;
      return w;
    }();
    return &contraction;
  }
  return nullptr;
}

}  // namespace selfcrm::text::detail
