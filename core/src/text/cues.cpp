#include "selfcrm/text/cues.hpp"
#include <nlohmann/json.hpp>

#include <string>

#include "text/word_lists.hpp"
#include "text/word_table.hpp"

namespace selfcrm::text {
namespace {

// Phrases read the words of a clause in order: other tokens (emoji, quotes, dashes) are stepped
// over, and a clause break ends the phrase. Walking the tokens costs less than copying the words
// out, since only words that start a phrase walk at all.
bool isWordOrBreak(const Token& t) { return t.kind == TokenKind::Word || isClauseBreak(t); }

/// The next word after token `at` (moving `at` to it), or nullptr when a clause break or the end
/// comes first.
const detail::WordInfo* const* wordAfter(const std::vector<Token>& tokens, const std::vector<const detail::WordInfo*>& info,
                                         std::size_t& at) {
  for (++at; at < tokens.size(); ++at) {
    const Token& t = tokens[at];
    if (t.kind == TokenKind::Word) return &info[at];
    if (isClauseBreak(t)) return nullptr;
  }
  return nullptr;
}

bool matches(const std::vector<Token>& tokens, const std::vector<const detail::WordInfo*>& info, std::size_t at,
             const detail::Phrase& phrase) {
  for (std::size_t k = 1; k < phrase.size; ++k) {
    const detail::WordInfo* const* w = wordAfter(tokens, info, at);
    if (w == nullptr || *w != phrase.words[k]) return false;
  }
  return true;
}

/// A negator among the three words before token `at`, in its clause.
bool negatedBefore(const std::vector<Token>& tokens, const std::vector<const detail::WordInfo*>& info, std::size_t at) {
  for (std::size_t seen = 0; at > 0 && seen < 3;) {
    const Token& t = tokens[--at];
    if (!isWordOrBreak(t)) continue;
    if (t.kind != TokenKind::Word) return false;
    if (info[at] != nullptr && info[at]->negator) return true;
    ++seen;
  }
  return false;
}

/// No word comes before token `at` in its clause: it opens a sentence or a clause.
bool opensClause(const std::vector<Token>& tokens, std::size_t at) {
  while (at > 0) {
    const Token& t = tokens[--at];
    if (t.kind == TokenKind::Word) return false;
    if (isClauseBreak(t)) return true;
  }
  return true;
}

/// Two more words follow token `at` in its clause ("Can you help", not "Can?").
bool twoWordsFollow(const std::vector<Token>& tokens, const std::vector<const detail::WordInfo*>& info,
                    std::size_t at) {
  return wordAfter(tokens, info, at) != nullptr && wordAfter(tokens, info, at) != nullptr;
}

}  // namespace

std::uint32_t detectCues(const std::vector<Token>& tokens, double compound) {
  const auto& info = detail::lookUpTokens(tokens);
  return detail::cuesOf(tokens, info, detail::keysOf(tokens, info), detail::countTokens(tokens, info), compound);
}

std::uint32_t detail::cuesOf(const std::vector<Token>& tokens, const std::vector<const WordInfo*>& info,
                             const std::vector<std::uint32_t>& keys, const TokenCounts& counts,
                             double compound) {
  std::uint32_t found = 0;
  // A "?", or a sentence that opens with a question word followed by two more words.
  bool question = counts.questions > 0;
  // Only words that start a phrase or open a question can add a cue: most words are never read.
  for (const std::uint32_t i : keys) {
    const WordInfo* w = info[i];
    // Emoji (no entry) and emoticons are keys too, but never start a cue.
    if (w == nullptr || !w->cueStart || tokens[i].kind != TokenKind::Word) continue;
    if (!question && w->questionOpener && opensClause(tokens, i) && twoWordsFollow(tokens, info, i)) question = true;
    for (const Phrase& e : w->cuePhrases()) {
      if ((found & e.kind) != 0 || !matches(tokens, info, i, e)) continue;
      if (!(e.unlessNegated && negatedBefore(tokens, info, i))) found |= e.kind;
    }
  }
  std::uint32_t cues = 0;
  if ((found & kQuestionPhrase) != 0 || question) cues |= CueQuestion;
  if (compound <= -0.3 || (found & kComplaintPhrase) != 0) cues |= CueComplaint;
  if (compound >= 0.5 || (compound >= 0.05 && (found & kPraisePhrase) != 0)) cues |= CuePraise;
  if ((found & kChurnPhrase) != 0) cues |= CueChurnThreat;
  if ((found & kPurchasePhrase) != 0) cues |= CuePurchaseIntent;
  if ((found & kRecommendPhrase) != 0) cues |= CueRecommendation;
  return cues;
}

const char* cueName(std::uint32_t bit) {
  static const char* const names[kCueCount] = {"question", "complaint", "praise", "churnThreat", "purchaseIntent",
                                               "recommendation"};
  return names[bit];
}

nlohmann::json cueNames(std::uint32_t cues) {
  nlohmann::json out = nlohmann::json::array();
  for (std::uint32_t b = 0; b < kCueCount; ++b) {
    if (cues & (1u << b)) out.push_back(cueName(b));
  }
  return out;
}

}  // namespace selfcrm::text
