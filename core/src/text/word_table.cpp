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
    for (std::string_view q : questionOpeners()) m[q].questionOpener = true;
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

// Open addressing over the map's nodes (which never move): 8-byte slots (hash, entry number)
// keep the probe array small enough for the cache; the key is compared only on a hash match.
struct Slot {
  std::uint32_t hash = 0;
  std::uint32_t entry = 0;  ///< 1-based; 0 marks an empty slot
};

struct FastTable {
  std::vector<Slot> slots;
  std::vector<std::pair<std::string_view, const WordInfo*>> entries;
  std::uint32_t mask = 0;
};

const FastTable& fastTable() {
  static const FastTable fast = [] {
    const auto& m = table();
    FastTable f;
    std::size_t capacity = 1;
    while (capacity < m.size() * 2) capacity <<= 1;
    f.slots.resize(capacity);
    f.mask = static_cast<std::uint32_t>(capacity - 1);
    for (const auto& [key, info] : m) {
      f.entries.emplace_back(key, &info);
      const std::uint32_t h = hashOf(key);
      std::uint32_t at = h & f.mask;
      while (f.slots[at].entry != 0) at = (at + 1) & f.mask;
      f.slots[at] = {h, static_cast<std::uint32_t>(f.entries.size())};
    }
    return f;
  }();
  return fast;
}

}  // namespace

const WordInfo* wordInfo(std::string_view token) {
  const FastTable& f = fastTable();
  const std::uint32_t h = hashOf(token);
  for (std::uint32_t at = h & f.mask;; at = (at + 1) & f.mask) {
    const Slot& s = f.slots[at];
    if (s.entry == 0) break;
    if (s.hash == h && f.entries[s.entry - 1].first == token) return f.entries[s.entry - 1].second;
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

const std::vector<const WordInfo*>& lookUpTokens(const std::vector<Token>& tokens) {
  thread_local std::vector<const WordInfo*> info;
  info.assign(tokens.size(), nullptr);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind == TokenKind::Word || tokens[i].kind == TokenKind::Emoticon) info[i] = wordInfo(tokens[i].norm);
  }
  return info;
}

}  // namespace selfcrm::text::detail
