#include "text/word_table.hpp"

#include <map>
#include <stdexcept>
#include <string>

#include "text/builtin_lexicon.hpp"

namespace selfcrm::text::detail {
namespace {

bool endsWithNt(std::string_view w) { return WordTable::endsWithNt(w); }

std::uint32_t hashOf(std::string_view s) {
  std::uint32_t h = kHashSeed;
  for (unsigned char c : s) h = hashStep(h, c);
  return h;
}

using Slot = WordTable::Slot;
using Entry = WordTable::Entry;

struct Table {
  std::vector<Slot> slots;
  std::vector<Entry> entries;
  std::vector<std::uint32_t> filter = std::vector<std::uint32_t>(WordTable::kFilterWords);
  std::vector<Phrase> idioms;  ///< grouped by first word; spans point in here
  std::vector<Phrase> cuePhrases;
  std::uint32_t mask = 0;
};

// Phrases grouped by first word, in list order within a group.
template <typename Source>
std::map<std::string_view, std::vector<const Source*>> byFirstWord(const std::vector<Source>& list) {
  std::map<std::string_view, std::vector<const Source*>> out;
  for (const Source& p : list) {
    if (p.words.size() > Phrase::kMaxWords) throw std::logic_error("a phrase has more words than Phrase holds");
    out[p.words[0]].push_back(&p);
  }
  return out;
}

Table build() {
  // Merged in a sorted map first so the table's order (and so its probe sequences) is the same
  // on every platform.
  std::map<std::string_view, WordInfo> m;
  forEachBuiltinEntry([&m](std::string_view token, double valence) {
    WordInfo& w = m[token];
    w.valence = valence;
    w.hasValence = true;
  });
  for (std::string_view n : negatorWords()) m[n].negator = true;
  for (const auto& [word, sign] : boosterWords()) m[word].booster = static_cast<std::int8_t>(sign);
  for (std::string_view c : {"but", "however"}) m[c].contrast = true;
  for (std::string_view l : likeVerbWords()) m[l].likeVerbAfter = true;
  for (std::string_view q : questionOpeners()) m[q].questionOpener = true;
  for (const Idiom& p : idioms()) for (std::string_view w : p.words) m[w];
  for (const CuePhrase& p : cuePhrases()) for (std::string_view w : p.words) m[w];
  m["like"].isLike = true;
  m["kind"].kindOrSort = true;
  m["sort"].kindOrSort = true;
  m["of"].isOf = true;

  Table t;
  std::size_t capacity = 1;
  while (capacity < m.size() * 2) capacity <<= 1;
  if (m.size() > WordTable::kMaxEntries) throw std::logic_error("the word table has more entries than a slot numbers");
  t.slots.resize(capacity);
  t.mask = static_cast<std::uint32_t>(capacity - 1);
  // Reserved up front: the phrases and the lookups hold pointers into these arrays.
  t.entries.reserve(m.size());
  std::map<std::string_view, WordInfo*> entryOf;
  for (auto& [word, info] : m) {
    if (endsWithNt(word)) info.negator = true;
    if (info.negator) info.likeVerbAfter = true;
    info.bearing = info.hasValence && !info.negator && info.booster == 0 && !info.contrast;
    info.mayScore = info.hasValence;
    info.cueStart = info.questionOpener;
    t.entries.push_back({word, info});
    entryOf[word] = &t.entries.back().info;
    const std::uint32_t h = hashOf(word);
    std::uint32_t at = h & t.mask;
    while (t.slots[at].entry != 0) at = (at + 1) & t.mask;
    t.slots[at] = {WordTable::tagOf(h), static_cast<std::uint16_t>(t.entries.size())};
    const std::uint16_t tag = WordTable::tagOf(h);
    t.filter[tag >> 5] |= 1u << (tag & 31);
  }

  const auto resolve = [&](const std::vector<std::string_view>& words) {
    Phrase p;
    p.size = static_cast<std::uint32_t>(words.size());
    for (std::size_t k = 0; k < words.size(); ++k) p.words[k] = entryOf.at(words[k]);
    return p;
  };
  const auto idiomGroups = byFirstWord(idioms());
  const auto cueGroups = byFirstWord(cuePhrases());
  t.idioms.reserve(idioms().size());
  t.cuePhrases.reserve(cuePhrases().size());
  for (const auto& [word, list] : idiomGroups) {
    const std::size_t first = t.idioms.size();
    for (const Idiom* idiom : list) {
      t.idioms.push_back(resolve(idiom->words));
      t.idioms.back().valence = idiom->valence;
    }
    if (list.size() > 0xFFFF) throw std::logic_error("a word starts more idioms than a count holds");
    entryOf.at(word)->firstIdiom = t.idioms.data() + first;
    entryOf.at(word)->idiomCount = static_cast<std::uint16_t>(list.size());
    entryOf.at(word)->mayScore = true;
  }
  for (const auto& [word, list] : cueGroups) {
    const std::size_t first = t.cuePhrases.size();
    for (const CuePhrase* cue : list) {
      t.cuePhrases.push_back(resolve(cue->words));
      t.cuePhrases.back().kind = cue->kind;
      t.cuePhrases.back().unlessNegated = cue->unlessNegated;
    }
    WordInfo& start = *entryOf.at(word);
    if (list.size() > 0xFFFF) throw std::logic_error("a word starts more cue phrases than a count holds");
    start.firstCuePhrase = t.cuePhrases.data() + first;
    start.cuePhraseCount = static_cast<std::uint16_t>(list.size());
    start.cueStart = true;
  }
  for (Entry& e : t.entries) e.info.key = e.info.mayScore || e.info.cueStart;
  return t;
}

}  // namespace

const WordTable& wordTable() {
  static const Table t = build();
  static const WordTable view{t.slots.data(), t.entries.data(), t.filter.data(), t.mask};
  return view;
}

const WordInfo& WordTable::contraction() noexcept {
  static const WordInfo w = [] {
    WordInfo c{};
    c.negator = true;
    c.likeVerbAfter = true;
    return c;
  }();
  return w;
}

const WordInfo* wordInfo(std::string_view token) { return wordTable().find(token, hashOf(token)); }

TokenCounts countTokens(const std::vector<Token>& tokens, const std::vector<const WordInfo*>& info) {
  TokenCounts c;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (t.kind == TokenKind::Word) {
      ++c.words;
      c.caps += t.allCaps ? 1 : 0;
    } else if (t.kind == TokenKind::Punct) {
      c.exclamations += t.norm[0] == '!' ? 1 : 0;
      c.questions += t.norm[0] == '?' ? 1 : 0;
    }
    c.contrast = c.contrast || (info[k] != nullptr && info[k]->contrast);
  }
  return c;
}

const std::vector<std::uint32_t>& keysOf(const std::vector<Token>& tokens, const std::vector<const WordInfo*>& info) {
  thread_local std::vector<std::uint32_t> keys;
  keys.clear();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const bool key = info[i] != nullptr ? info[i]->key : tokens[i].kind == TokenKind::Emoji;
    if (key) keys.push_back(static_cast<std::uint32_t>(i));
  }
  return keys;
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
