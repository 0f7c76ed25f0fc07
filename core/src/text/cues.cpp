#include "selfcrm/text/cues.hpp"

#include <string>

#include "text/word_lists.hpp"
#include "text/word_table.hpp"

namespace selfcrm::text {
namespace {


// Words of the text in order; a clause break is kept as "." so phrases never span it.
struct Word {
  std::string_view text;
  const detail::WordInfo* info;
  bool operator==(std::string_view s) const { return text == s; }
  bool operator!=(std::string_view s) const { return text != s; }
};

const std::vector<Word>& wordsOf(const std::vector<Token>& tokens, const std::vector<const detail::WordInfo*>& infos) {
  thread_local std::vector<Word> words;  // reused between calls
  words.clear();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::Word) words.push_back({t.norm, infos[i]});
    else if (isClauseBreak(t)) words.push_back({".", nullptr});
  }
  return words;
}

bool negatedBefore(const std::vector<Word>& words, std::size_t at) {
  for (std::size_t k = at, seen = 0; k > 0 && seen < 3; ++seen) {
    if (words[--k] == ".") return false;
    if (words[k].info != nullptr && words[k].info->negator) return true;
  }
  return false;
}

bool isQuestion(const std::vector<Token>& tokens, const std::vector<Word>& words) {
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::Punct && t.norm[0] == '?') return true;
  }
  bool sentenceStart = true;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == ".") {
      sentenceStart = true;
      continue;
    }
    // An opener must be followed by more words to read as a question ("Can you help me").
    if (sentenceStart && words[i].info != nullptr && words[i].info->questionOpener && i + 2 < words.size() && words[i + 1] != "." &&
        words[i + 2] != ".") {
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
  const auto& words = wordsOf(tokens, infos);
  std::uint32_t found = 0;
  // One pass: each word looks up the phrases that start with it.
  for (std::size_t i = 0; i < words.size(); ++i) {
    const detail::WordInfo* info = words[i].info;
    if (info == nullptr) continue;
    for (const detail::CuePhrase* e : info->cuePhrases) {
      if ((found & e->kind) != 0 || i + e->words.size() > words.size()) continue;
      bool match = true;
      for (std::size_t k = 1; k < e->words.size() && match; ++k) match = words[i + k] == e->words[k];
      if (match && !(e->unlessNegated && negatedBefore(words, i))) found |= e->kind;
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
