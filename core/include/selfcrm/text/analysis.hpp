#pragma once
/// @file
/// One pass over a text: sentiment and intent cues together; and the batch form that reads many
/// texts from one UTF-8 buffer with offsets and writes flat result arrays.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/text/cues.hpp"
#include "selfcrm/text/lexicon.hpp"
#include "selfcrm/text/sentiment.hpp"
#include "selfcrm/text/tokenizer.hpp"

namespace selfcrm::text {

/// The most UTF-8 bytes one text may have: every text function is linear, and this bounds what
/// one text can cost (about 5 ms to score at the limit, more with explanations). Batches refuse a
/// longer text with E_RANGE at `/i` before analysing anything.
inline constexpr std::size_t kMaxTextBytes = std::size_t{1} << 20;

struct TextAnalysis {
  SentimentResult sentiment;
  std::uint32_t cues = 0;      ///< Cue bits
  TokenList tokens;            ///< only when explained
};

/// Sentiment and cues of one text; `explain` keeps the tokens and the drivers.
TextAnalysis analyzeText(std::string_view text, const Lexicon& lexicon, bool explain = false);

/// Texts `i` = bytes[offsets[i], offsets[i+1]) for i < count (so `offsets` holds count + 1
/// entries). Writes compound[i], label[i] (SentimentLabel) and cues[i]; with `cues` null, cue
/// detection is skipped (it reads only the words that start a cue: a few per cent of the time).
/// Throws E_RANGE at `/offsets/i` when offsets decrease or pass the end of `bytes`, and at `/i`
/// when text i is longer than kMaxTextBytes, before writing anything.
void analyzeBatch(std::string_view bytes, const std::uint32_t* offsets, std::size_t count, const Lexicon& lexicon,
                  double* compound, std::uint8_t* label, std::uint32_t* cues);

/// The explained analysis of every text of a batch (same layout and errors as analyzeBatch).
std::vector<TextAnalysis> explainBatch(std::string_view bytes, const std::uint32_t* offsets, std::size_t count,
                                       const Lexicon& lexicon);

/// {"compound","label","cues":[names],"cueMask","drivers":[…],"tokens":[{"text","kind"}]}; the
/// token texts are read from `text`, which must be the analysed text.
nlohmann::json analysisJson(const TextAnalysis& analysis, std::string_view text);

}  // namespace selfcrm::text
