#include "selfcrm/text/cues.hpp"

#include <string>

#include "text/word_lists.hpp"
#include "text/word_table.hpp"

namespace selfcrm::text {
namespace {

// Stands in for a word the table does not know.
const detail::WordInfo& unknownWord() {
  static const detail::WordInfo none;
  return none;
}

// Words of the text in order, as what the table knows of them; a clause break is kept as
// nullptr so phrases never span it (phrase words all have entries, so nullptr matches none).
struct Words {
  const detail::WordInfo* const* at;
  std::size_t size;
};

Words wordsOf(const std::vector<Token>& tokens, const std::vector<const detail::WordInfo*>& infos,
              std::vector<const detail::WordInfo*>& scratch) {
  scratch.resize(tokens.size());
  std::size_t n = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    // A word the table does not know also matches no phrase word: it needs no special mark.
    if (t.kind == TokenKind::Word) scratch[n++] = infos[i] != nullptr ? infos[i] : &unknownWord();
    else if (isClauseBreak(t)) scratch[n++] = nullptr;
  }
  return {scratch.data(), n};
}

bool negatedBefore(const Words& words, std::size_t at) {
  for (std::size_t k = at, seen = 0; k > 0 && seen < 3; ++seen) {
    const detail::WordInfo* w = words.at[--k];
    if (w == nullptr) return false;
    if (w->negator) return true;
  }
  return false;
}

bool isQuestion(const std::vector<Token>& tokens, const Words& words) {
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::Punct && t.norm[0] == '?') return true;
  }
  bool sentenceStart = true;
  for (std::size_t i = 0; i < words.size; ++i) {
    if (words.at[i] == nullptr) {
      sentenceStart = true;
      continue;
    }
    // An opener must be followed by more words to read as a question ("Can you help me").
    if (sentenceStart && words.at[i]->questionOpener && i + 2 < words.size && words.at[i + 1] != nullptr &&
        words.at[i + 2] != nullptr) {
      return true;
    }
    sentenceStart = false;
  }
  return false;
}

}  // namespace

std::uint32_t detectCues(const std::vector<Token>& tokens, double compound) {
  return detail::cuesOf(tokens, detail::lookUpTokens(tokens), compound);
}

std::uint32_t detail::cuesOf(const std::vector<Token>& tokens, const std::vector<const WordInfo*>& infos,
                             double compound) {
  thread_local std::vector<const detail::WordInfo*> scratch;  // reused between calls
  const Words words = wordsOf(tokens, infos, scratch);
  std::uint32_t found = 0;
  // One pass: each word looks up the phrases that start with it.
  for (std::size_t i = 0; i < words.size; ++i) {
    const detail::WordInfo* info = words.at[i];
    if (info == nullptr) continue;
    for (const detail::Phrase& e : info->cuePhrases) {
      if ((found & e.kind) != 0 || i + e.size > words.size) continue;
      bool match = true;
      for (std::size_t k = 1; k < e.size && match; ++k) match = words.at[i + k] == e.words[k];
      if (match && !(e.unlessNegated && negatedBefore(words, i))) found |= e.kind;
    }
  }
  std::uint32_t cues = 0;
  if ((found & detail::kQuestionPhrase) != 0 || isQuestion(tokens, words)) cues |= CueQuestion;
  if (compound <= -0.3 || (found & detail::kComplaintPhrase) != 0) cues |= CueComplaint;
  if (compound >= 0.5 || (compound >= 0.05 && (found & detail::kPraisePhrase) != 0)) cues |= CuePraise;
  if ((found & detail::kChurnPhrase) != 0) cues |= CueChurnThreat;
  if ((found & detail::kPurchasePhrase) != 0) cues |= CuePurchaseIntent;
  if ((found & detail::kRecommendPhrase) != 0) cues |= CueRecommendation;
  return cues;
}

nlohmann::json cueNames(std::uint32_t cues) {
  static const char* const names[] = {"question", "complaint", "praise", "churnThreat", "purchaseIntent",
                                      "recommendation"};
  nlohmann::json out = nlohmann::json::array();
  for (std::uint32_t b = 0; b < 6; ++b) {
    if (cues & (1u << b)) out.push_back(names[b]);
  }
  return out;
}

}  // namespace selfcrm::text
