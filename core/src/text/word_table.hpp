#pragma once
// One hash lookup per token: everything the rules need to know about a word, merged from the
// generated lexicon and the closed word lists.
#include <cstdint>
#include <string_view>
#include <vector>

#include "text/word_lists.hpp"

namespace selfcrm::text::detail {

struct WordInfo {
  double valence = 0;
  bool hasValence = false;
  bool negator = false;
  std::int8_t booster = 0;  ///< +1 intensifier, −1 dampener
  bool contrast = false;
  bool likeVerbAfter = false;
  std::vector<const Idiom*> idioms;  ///< idioms starting with this word, longest first
  std::vector<const CuePhrase*> cuePhrases;  ///< intent phrases starting with this word
};

/// What is known of a lower-cased token, or nullptr when nothing is.
const WordInfo* wordInfo(std::string_view token);

}  // namespace selfcrm::text::detail
