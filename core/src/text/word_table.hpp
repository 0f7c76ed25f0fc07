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
  /// Some rule can give it a valence (it has one, or starts an idiom): the others are skipped.
  bool mayScore = false;
  /// Starts a cue phrase or opens a question: the cue rules read no other word.
  bool cueStart = false;
  /// mayScore or cueStart: some rule reads the token. The tokenizer lists these tokens on the
  /// way (see keysOf), so the scoring and cue passes skip the rest without reading them.
  bool key = false;
  PhraseSpan idioms;      ///< idioms starting with this word, longest first
  PhraseSpan cuePhrases;  ///< intent phrases starting with this word
};

/// FNV-1a step: the tokenizer hashes a word while it lower-cases it, so the lookup reads no byte
/// twice. The same on every platform.
constexpr std::uint32_t kHashSeed = 2166136261u;
constexpr std::uint32_t hashStep(std::uint32_t h, unsigned char c) noexcept { return (h ^ c) * 16777619u; }

/// The table, open addressing: 4-byte slots (the hash's high half as a tag, entry number) keep
/// the probe array small enough for the cache, which a batch that follows other work finds
/// cold; a word that is not in the table (most words) usually costs one slot and no key
/// comparison.
struct WordTable {
  struct Slot {
    std::uint16_t tag = 0;    ///< hash >> 16 (the slot number comes from the low bits)
    std::uint16_t entry = 0;  ///< 1-based; 0 marks an empty slot
  };
  static constexpr std::size_t kMaxEntries = 0xFFFF;
  static constexpr std::uint16_t tagOf(std::uint32_t hash) noexcept { return static_cast<std::uint16_t>(hash >> 16); }
  struct Entry {
    std::string_view key;
    WordInfo info;
  };
  const Slot* slots = nullptr;
  const Entry* entries = nullptr;
  std::uint32_t mask = 0;

  /// What is known of a lower-cased token whose FNV-1a hash is `hash`, or nullptr. Inline: the
  /// tokenizer calls it once per word.
  const WordInfo* find(std::string_view token, std::uint32_t hash) const noexcept {
    for (std::uint32_t at = hash & mask;; at = (at + 1) & mask) {
      const Slot& s = slots[at];
      if (s.entry == 0) break;
      if (s.tag == tagOf(hash) && sameBytes(entries[s.entry - 1].key, token)) return &entries[s.entry - 1].info;
    }
    return endsWithNt(token) ? &contraction() : nullptr;
  }

  /// Words are short: a plain loop beats a call to memcmp.
  static bool sameBytes(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  static bool endsWithNt(std::string_view w) noexcept {
    const std::size_t n = w.size();
    return n > 3 && w[n - 3] == 'n' && w[n - 2] == '\'' && w[n - 1] == 't';
  }
  /// What an unlisted "…n't" word is: a negator.
  static const WordInfo& contraction() noexcept;
};

/// The one table, built on first use.
const WordTable& wordTable();

/// What is known of a lower-cased token, or nullptr when nothing is.
const WordInfo* wordInfo(std::string_view token);
/// The same, with `hash` the FNV-1a of `token` (seed kHashSeed, hashStep per byte).
inline const WordInfo* wordInfo(std::string_view token, std::uint32_t hash) { return wordTable().find(token, hash); }

/// wordInfo of every word and emoticon token (nullptr for the others), in a buffer reused by the
/// next call on this thread.
const std::vector<const WordInfo*>& lookUpTokens(const std::vector<Token>& tokens);

/// What the rules need to know of a whole text before they read it token by token.
struct TokenCounts {
  std::size_t words = 0;
  std::size_t caps = 0;  ///< ALL-CAPS words
  std::size_t exclamations = 0;
  std::size_t questions = 0;
  bool contrast = false;  ///< some token is "but" or "however"
};
/// The counts of tokens already looked up.
TokenCounts countTokens(const std::vector<Token>& tokens, const std::vector<const WordInfo*>& info);

/// The key tokens' positions, ascending: emoji, and the tokens whose entry is a key. With no
/// custom lexicon entries, no other token can change a score or a cue. In a buffer reused by
/// the next call on this thread.
const std::vector<std::uint32_t>& keysOf(const std::vector<Token>& tokens, const std::vector<const WordInfo*>& info);

/// tokenizeInto, lookUpTokens and keysOf in one pass: `info[i]` is wordInfo of token i for words
/// and emoticons, nullptr for the others. Returns the tokens' counts, made on the way.
TokenCounts tokenizeAndLookUp(std::string_view text, TokenList& out, std::vector<const WordInfo*>& info,
                              std::vector<std::uint32_t>& keys);

/// analyzeSentiment and detectCues over words already looked up (one lookup serves both).
SentimentResult scoreTokens(std::string_view text, const std::vector<Token>& tokens,
                            const std::vector<const WordInfo*>& info, const std::vector<std::uint32_t>& keys,
                            const TokenCounts& counts,
                            const Lexicon& lexicon, bool explain);
std::uint32_t cuesOf(const std::vector<Token>& tokens, const std::vector<const WordInfo*>& info,
                     const std::vector<std::uint32_t>& keys, const TokenCounts& counts, double compound);

}  // namespace selfcrm::text::detail
