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
    for (auto& [word, info] : m) {
      if (endsWithNt(word)) info.negator = true;
      if (info.negator) info.likeVerbAfter = true;
    }
    return m;
  }();
  return map;
}

}  // namespace

const WordInfo* wordInfo(std::string_view token) {
  const auto& m = table();
  auto it = m.find(token);
  if (it != m.end()) return &it->second;
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
