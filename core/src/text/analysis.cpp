#include "selfcrm/text/analysis.hpp"
#include <nlohmann/json.hpp>

#include <string>

#include "selfcrm/error.hpp"
#include "text/word_table.hpp"

namespace selfcrm::text {
namespace {

void checkOffsets(std::string_view bytes, const std::uint32_t* offsets, std::size_t count) {
  if (count == 0) return;
  if (offsets == nullptr) throw Error(ErrorCode::Schema, "/offsets", "offsets are missing");
  for (std::size_t i = 0; i <= count; ++i) {
    if (offsets[i] > bytes.size()) {
      throw Error(ErrorCode::Range, pointerAppend("/offsets", i), "offset past the end of the text buffer");
    }
    if (i > 0 && offsets[i] < offsets[i - 1]) {
      throw Error(ErrorCode::Range, pointerAppend("/offsets", i), "offsets must not decrease");
    }
    if (i > 0 && offsets[i] - offsets[i - 1] > kMaxTextBytes) {
      throw Error(ErrorCode::Range, pointerAppend("", i - 1),
                  "a text is at most " + std::to_string(kMaxTextBytes) + " bytes of UTF-8");
    }
  }
}

const char* kindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::Emoticon: return "emoticon";
    case TokenKind::Emoji: return "emoji";
    case TokenKind::Punct: return "punct";
    case TokenKind::Word: break;
  }
  return "word";
}

}  // namespace

TextAnalysis analyzeText(std::string_view text, const Lexicon& lexicon, bool explain) {
  TextAnalysis out;
  TokenList tokens = tokenize(text);
  out.sentiment = analyzeSentiment(text, tokens.tokens, lexicon, explain);
  out.cues = detectCues(tokens.tokens, out.sentiment.compound);
  if (explain) out.tokens = std::move(tokens);
  return out;
}

void analyzeBatch(std::string_view bytes, const std::uint32_t* offsets, std::size_t count, const Lexicon& lexicon,
                  double* compound, std::uint8_t* label, std::uint32_t* cues) {
  checkOffsets(bytes, offsets, count);
  // Reused: one allocation for the batch, not one per text.
  TokenList scratch;
  std::vector<const detail::WordInfo*> info;
  std::vector<std::uint32_t> keys;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view text = bytes.substr(offsets[i], offsets[i + 1] - offsets[i]);
    const detail::TokenCounts counts = detail::tokenizeAndLookUp(text, scratch, info, keys);
    const SentimentResult s = detail::scoreTokens(text, scratch.tokens, info, keys, counts, lexicon, false);
    compound[i] = s.compound;
    label[i] = static_cast<std::uint8_t>(s.label);
    if (cues != nullptr) cues[i] = detail::cuesOf(scratch.tokens, info, keys, counts, s.compound);
  }
}

std::vector<TextAnalysis> explainBatch(std::string_view bytes, const std::uint32_t* offsets, std::size_t count,
                                       const Lexicon& lexicon) {
  checkOffsets(bytes, offsets, count);
  std::vector<TextAnalysis> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    out.push_back(analyzeText(bytes.substr(offsets[i], offsets[i + 1] - offsets[i]), lexicon, true));
  }
  return out;
}

nlohmann::json analysisJson(const TextAnalysis& a, std::string_view text) {
  nlohmann::json tokens = nlohmann::json::array();
  for (const Token& t : a.tokens.tokens) {
    tokens.push_back({{"text", std::string(text.substr(t.offset, t.length))}, {"kind", kindName(t.kind)}});
  }
  nlohmann::json out = a.sentiment;
  out["cues"] = cueNames(a.cues);
  out["cueMask"] = a.cues;
  out["tokens"] = std::move(tokens);
  return out;
}

}  // namespace selfcrm::text
