#include "selfcrm/text/cues.hpp"

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "text/word_lists.hpp"

namespace selfcrm::text {
namespace {

using Phrase = std::vector<std::string_view>;

// Words of the text in order; a clause break is kept as "." so phrases never span it.
const std::vector<std::string_view>& wordsOf(const std::vector<Token>& tokens) {
  thread_local std::vector<std::string_view> words;  // reused between calls
  words.clear();
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::Word) words.push_back(t.norm);
    else if (isClauseBreak(t)) words.push_back(".");
  }
  return words;
}

bool negatedBefore(const std::vector<std::string_view>& words, std::size_t at) {
  for (std::size_t k = at, seen = 0; k > 0 && seen < 3; ++seen) {
    if (words[--k] == ".") return false;
    if (detail::isNegator(words[k])) return true;
  }
  return false;
}

// Phrase kinds found in the one pass over the words.
constexpr std::uint32_t kQuestionPhrase = 1u << 0, kComplaintPhrase = 1u << 1, kPraisePhrase = 1u << 2,
                        kChurnPhrase = 1u << 3, kPurchasePhrase = 1u << 4, kRecommendPhrase = 1u << 5;

struct Entry {
  Phrase phrase;
  std::uint32_t bit;
  bool unlessNegated;  ///< skipped when a negator stands in the three words before
};

const std::unordered_map<std::string_view, std::vector<Entry>>& phraseIndex() {
  static const auto index = [] {
    const std::vector<std::pair<std::uint32_t, std::vector<Phrase>>> groups = {
        {kQuestionPhrase,
         {{"any", "idea"}, {"any", "ideas"}, {"wondering"}, {"i", "wonder"}, {"does", "anyone"},
          {"anyone", "know"}, {"please", "advise"}, {"let", "me", "know"}}},
        {kComplaintPhrase,
         {{"doesn't", "work"}, {"does", "not", "work"}, {"not", "working"}, {"stopped", "working"},
          {"broken"}, {"refund"}, {"still", "waiting"}, {"never", "arrived"}, {"never", "received"},
          {"unacceptable"}, {"complaint"}, {"complain"}, {"ripped", "off"}, {"rip", "off"},
          {"waste", "of"}, {"fix", "this"}, {"charged", "twice"}, {"overcharged"}, {"not", "happy"},
          {"disappointed"}, {"terrible", "service"}, {"worst"}}},
        {kPraisePhrase,
         {{"thank", "you"}, {"thanks"}, {"well", "done"}, {"great", "job"}, {"love", "it"},
          {"love", "you"}, {"love", "this"}, {"kudos"}, {"amazing"}, {"excellent"}, {"awesome"}}},
        {kChurnPhrase,
         {{"cancel", "my"}, {"cancelling"}, {"canceling"}, {"close", "my", "account"}, {"switching", "to"},
          {"switch", "to"}, {"moving", "to"}, {"go", "elsewhere"}, {"going", "elsewhere"},
          {"take", "my", "business"}, {"never", "again"}, {"won't", "be", "back"}, {"will", "not", "be", "back"},
          {"not", "coming", "back"}, {"never", "coming", "back"}, {"unsubscribe"}, {"done", "with", "you"},
          {"leaving", "you"}, {"find", "another"}, {"look", "elsewhere"}, {"last", "time", "i"},
          {"never", "buy"}, {"never", "order"}, {"not", "renew"}, {"won't", "renew"}}},
        {kPurchasePhrase,
         {{"want", "to", "buy"}, {"looking", "to", "buy"}, {"going", "to", "buy"}, {"planning", "to", "buy"},
          {"will", "buy"}, {"how", "much"}, {"price", "of"}, {"where", "can", "i", "buy"}, {"do", "you", "sell"},
          {"in", "stock"}, {"want", "to", "order"}, {"like", "to", "order"}, {"interested", "in"},
          {"pre-order"}, {"preorder"}, {"sign", "up"}, {"upgrade", "to"}, {"a", "quote"}, {"buy", "another"},
          {"order", "another"}, {"add", "to", "my", "order"}, {"subscribe", "to"}}},
        {kRecommendPhrase,
         {{"recommend"}, {"recommended"}, {"recommending"}, {"told", "my", "friends"}, {"tell", "my", "friends"},
          {"told", "everyone"}, {"tell", "everyone"}, {"you", "should", "try"}, {"you", "have", "to", "try"},
          {"must", "try"}, {"a", "must"}, {"check", "it", "out"}, {"check", "them", "out"}, {"referred"},
          {"spread", "the", "word"}}},
    };
    std::unordered_map<std::string_view, std::vector<Entry>> map;
    for (const auto& [bit, phrases] : groups) {
      const bool unlessNegated = bit == kPurchasePhrase || bit == kRecommendPhrase;
      for (const auto& p : phrases) map[p[0]].push_back({p, bit, unlessNegated});
    }
    return map;
  }();
  return index;
}

bool isQuestion(const std::vector<Token>& tokens, const std::vector<std::string_view>& words) {
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::Punct && t.norm[0] == '?') return true;
  }
  static const std::unordered_set<std::string_view> openers = {
      "how", "what", "when", "where", "why", "who", "which", "can", "could", "would", "will",
      "is", "are", "do", "does", "did", "should", "anyone", "anybody", "whats", "what's", "how's"};
  bool sentenceStart = true;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == ".") {
      sentenceStart = true;
      continue;
    }
    // An opener must be followed by more words to read as a question ("Can you help me").
    if (sentenceStart && openers.count(words[i]) && i + 2 < words.size() && words[i + 1] != "." &&
        words[i + 2] != ".") {
      return true;
    }
    sentenceStart = false;
  }
  return false;
}

}  // namespace

std::uint32_t detectCues(const std::vector<Token>& tokens, double compound) {
  const auto& words = wordsOf(tokens);
  std::uint32_t found = 0;
  // One pass: each word looks up the phrases that start with it.
  const auto& index = phraseIndex();
  for (std::size_t i = 0; i < words.size(); ++i) {
    auto it = index.find(words[i]);
    if (it == index.end()) continue;
    for (const Entry& e : it->second) {
      if ((found & e.bit) != 0 || i + e.phrase.size() > words.size()) continue;
      bool match = true;
      for (std::size_t k = 1; k < e.phrase.size() && match; ++k) match = words[i + k] == e.phrase[k];
      if (match && !(e.unlessNegated && negatedBefore(words, i))) found |= e.bit;
    }
  }
  std::uint32_t cues = 0;
  if ((found & kQuestionPhrase) != 0 || isQuestion(tokens, words)) cues |= CueQuestion;
  if (compound <= -0.3 || (found & kComplaintPhrase) != 0) cues |= CueComplaint;
  if (compound >= 0.5 || (compound >= 0.05 && (found & kPraisePhrase) != 0)) cues |= CuePraise;
  if ((found & kChurnPhrase) != 0) cues |= CueChurnThreat;
  if ((found & kPurchasePhrase) != 0) cues |= CuePurchaseIntent;
  if ((found & kRecommendPhrase) != 0) cues |= CueRecommendation;
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
