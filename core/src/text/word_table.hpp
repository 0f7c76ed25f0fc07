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

struct WordInfo {
  double valence = 0;
  bool hasValence = false;
  bool negator = false;
  std::int8_t booster = 0;  ///< +1 intensifier, −1 dampener
  bool contrast = false;
  bool likeVerbAfter = false;
  bool questionOpener = false;
  std::vector<const Idiom*> idioms;  ///< idioms starting with this word, longest first
  std::vector<const CuePhrase*> cuePhrases;  ///< intent phrases starting with this word
};

/// What is known of a lower-cased token, or nullptr when nothing is.
const WordInfo* wordInfo(std::string_view token);

/// wordInfo of every word and emoticon token (nullptr for the others), in a buffer reused by the
/// next call on this thread.
const std::vector<const WordInfo*>& lookUpTokens(const std::vector<Token>& tokens);

/// analyzeSentiment and detectCues over words already looked up (one lookup serves both).
SentimentResult scoreTokens(std::string_view text, const std::vector<Token>& tokens,
                            const std::vector<const WordInfo*>& info, const Lexicon& lexicon, bool explain);
std::uint32_t cuesOf(const std::vector<Token>& tokens, const std::vector<const WordInfo*>& info, double compound);

}  // namespace selfcrm::text::detail
