#pragma once
// One hash lookup per token: everything the rules need to know about a word, merged from the
// generated lexicon and the closed word lists.
#include <cstdint>
#include <string_view>
#include <vector>

#include "selfcrm/text/sentiment.hpp"
#include "selfcrm/text/tokenizer.hpp"
#include "text/word_lists.hpp"

namespace selfcrm::text::detail {

struct WordInfo;

/// An idiom or cue phrase with its words resolved to table entries, so matching compares
/// pointers instead of strings.
struct Phrase {
  static constexpr std::size_t kMaxWords = 4;
  const WordInfo* words[kMaxWords] = {};
  std::uint32_t size = 0;
  double valence = 0;         ///< idioms
  std::uint32_t kind = 0;     ///< cue phrases: k…Phrase
  bool unlessNegated = false; ///< cue phrases
};

/// The phrases that start with one word: a slice of the table's array.
struct PhraseSpan {
  const Phrase* first = nullptr;
  std::uint32_t count = 0;
  bool empty() const noexcept { return count == 0; }
  const Phrase* begin() const noexcept { return first; }
  const Phrase* end() const noexcept { return first + count; }
};

// Kept small and in one array, so the words a batch meets stay in the cache. Every word of a
// phrase has an entry (flags all false if it has nothing else), which is what lets
// phrases match by pointer.
struct WordInfo {
  double valence = 0;
  bool hasValence = false;
  bool negator = false;
  std::int8_t booster = 0;  ///< +1 intensifier, −1 dampener
  bool contrast = false;
  bool likeVerbAfter = false;
  bool questionOpener = false;
  /// The scoring rules single these words out; flags spare a string comparison per token.
  bool isLike = false;
  bool kindOrSort = false;  ///< "kind", "sort": with "of" after, a dampener, not a valence
  bool isOf = false;
  /// Carries its lexicon valence unless a rule says otherwise: not a negator, booster or contrast.
  bool bearing = false;
  PhraseSpan idioms;      ///< idioms starting with this word, longest first
  PhraseSpan cuePhrases;  ///< intent phrases starting with this word
};

/// FNV-1a step: the tokenizer hashes a word while it lower-cases it, so the lookup reads no byte
/// twice. The same on every platform.
constexpr std::uint32_t kHashSeed = 2166136261u;
constexpr std::uint32_t hashStep(std::uint32_t h, unsigned char c) noexcept { return (h ^ c) * 16777619u; }

/// What is known of a lower-cased token, or nullptr when nothing is.
const WordInfo* wordInfo(std::string_view token);
/// The same, with `hash` the FNV-1a of `token` (seed kHashSeed, hashStep per byte).
const WordInfo* wordInfo(std::string_view token, std::uint32_t hash);

/// wordInfo of every word and emoticon token (nullptr for the others), in a buffer reused by the
/// next call on this thread.
const std::vector<const WordInfo*>& lookUpTokens(const std::vector<Token>& tokens);

/// tokenizeInto and lookUpTokens in one pass: `info[i]` is wordInfo of token i for words and
/// emoticons, nullptr for the others.
void tokenizeAndLookUp(std::string_view text, TokenList& out, std::vector<const WordInfo*>& info);

/// analyzeSentiment and detectCues over words already looked up (one lookup serves both).
SentimentResult scoreTokens(std::string_view text, const std::vector<Token>& tokens,
                            const std::vector<const WordInfo*>& info, const Lexicon& lexicon, bool explain);
std::uint32_t cuesOf(const std::vector<Token>& tokens, const std::vector<const WordInfo*>& info, double compound);

}  // namespace selfcrm::text::detail
