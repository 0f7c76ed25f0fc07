#pragma once
// The closed word lists sentiment rules use: negators, boosters, contrast words, idioms, emoji.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <string_view>
#include <vector>

namespace selfcrm::text::detail {

/// "not", "no", "never", "without", and any "…n't" or "…nt" contraction of an auxiliary.
bool isNegator(std::string_view word);
/// The listed negators (words ending in "n't" are negators without being listed).
const std::vector<std::string_view>& negatorWords();
/// Intensifiers (+1) and dampeners (−1).
const std::vector<std::pair<std::string_view, int>>& boosterWords();
/// Words after which "like" is the verb.
const std::vector<std::string_view>& likeVerbWords();
/// +1 for an intensifier ("very"), −1 for a dampener ("slightly"), 0 otherwise.
int boosterSign(std::string_view word);
/// "but", "however": the clause after carries more weight than the one before.
bool isContrast(std::string_view word);

/// True when "like" after this word is the verb ("I like", "would like", "don't like").
bool likeIsVerbAfter(std::string_view previous);

struct Idiom {
  std::vector<std::string_view> words;
  double valence;
};
/// Idioms, longest first.
const std::vector<Idiom>& idioms();

/** Phrases that signal intent (see cues.hpp), each of one kind. */
constexpr std::uint32_t kQuestionPhrase = 1u << 0, kComplaintPhrase = 1u << 1, kPraisePhrase = 1u << 2,
                        kChurnPhrase = 1u << 3, kPurchasePhrase = 1u << 4, kRecommendPhrase = 1u << 5;
struct CuePhrase {
  std::vector<std::string_view> words;
  std::uint32_t kind;
  bool unlessNegated;  ///< does not count with a negator in the three words before
};
const std::vector<CuePhrase>& cuePhrases();
/// Words that open a question when they start a sentence ("how", "can", "is" …).
const std::vector<std::string_view>& questionOpeners();

/// Valence (VADER scale) of an emoji code point, if it carries one.
std::optional<double> emojiValence(std::uint32_t codePoint);

}  // namespace selfcrm::text::detail
