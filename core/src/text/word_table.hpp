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

// Kept small and in one array, so the words a batch meets stay in the cache: flags as bits and
// phrase counts as 16 bits make an entry 32 bytes in wasm with its key (48 as plain bools and
// spans), so a looked-up entry never straddles two cache lines. Every word of a phrase has an
// entry (flags all false if it has nothing else), which is what lets phrases match by pointer.
// Bit-fields take no default initialiser in C++17: an entry is value-initialised (WordInfo{}).
struct WordInfo {
  double valence;
  const Phrase* firstIdiom;
  const Phrase* firstCuePhrase;
  std::uint16_t idiomCount;
  std::uint16_t cuePhraseCount;
  std::int8_t booster;  ///< +1 intensifier, −1 dampener
  bool hasValence : 1;
  bool negator : 1;
  bool contrast : 1;
  bool likeVerbAfter : 1;
  bool questionOpener : 1;
  /// The scoring rules single these words out; flags spare a string comparison per token.
  bool isLike : 1;
  bool kindOrSort : 1;  ///< "kind", "sort": with "of" after, a dampener, not a valence
  bool isOf : 1;
  /// Carries its lexicon valence unless a rule says otherwise: not a negator, booster or contrast.
  bool bearing : 1;
  /// Some rule can give it a valence (it has one, or starts an idiom): the others are skipped.
  bool mayScore : 1;
  /// Starts a cue phrase or opens a question: the cue rules read no other word.
  bool cueStart : 1;
  /// mayScore or cueStart: some rule reads the token. The tokenizer lists these tokens on the
  /// way (see keysOf), so the scoring and cue passes skip the rest without reading them.
  bool key : 1;

  PhraseSpan idioms() const noexcept { return {firstIdiom, idiomCount}; }  ///< longest first
  PhraseSpan cuePhrases() const noexcept { return {firstCuePhrase, cuePhraseCount}; }  ///< intent phrases
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
  static_assert(sizeof(void*) != 4 || sizeof(Entry) == 32, "an entry fills half a cache line");
  /// One bit per tag value (8 KiB): set when some entry has that tag.
  static constexpr std::size_t kFilterWords = 0x10000 / 32;
  const Slot* slots = nullptr;
  const Entry* entries = nullptr;
  const std::uint32_t* filter = nullptr;
  std::uint32_t mask = 0;

  /// What is known of a lower-cased token whose FNV-1a hash is `hash`, or nullptr. Inline: the
  /// tokenizer calls it once per word.
  const WordInfo* find(std::string_view token, std::uint32_t hash) const noexcept {
    // Most words are not in the table, and rare words find the slots cold (the slot array is
    // several times the size of the filter): the filter, small enough to stay cached, turns
    // ~9 in 10 of them away before a slot is read.
    const std::uint16_t tag = tagOf(hash);
    if (((filter[tag >> 5] >> (tag & 31)) & 1u) != 0) {
      for (std::uint32_t at = hash & mask;; at = (at + 1) & mask) {
        const Slot& s = slots[at];
        if (s.entry == 0) break;
        if (s.tag == tag && sameBytes(entries[s.entry - 1].key, token)) return &entries[s.entry - 1].info;
      }
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
