#include "text/word_lists.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace selfcrm::text::detail {
namespace {

bool endsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

}  // namespace

const std::vector<std::string_view>& negatorWords() {
  static const std::vector<std::string_view> words = {
      "not",     "no",       "never",    "nothing", "nobody",  "none",     "neither", "nor",
      "nowhere", "without",  "cannot",   "rarely",  "seldom",  "aint",     "arent",   "cant",
      "couldnt", "didnt",    "doesnt",   "dont",    "hadnt",   "hasnt",    "havent",  "isnt",
      "mightnt", "mustnt",   "neednt",   "shant",   "shouldnt", "wasnt",   "werent",  "wont",
      "wouldnt", "nope",     "nah"};
  return words;
}

bool isNegator(std::string_view w) {
  static const std::unordered_set<std::string_view> words(negatorWords().begin(), negatorWords().end());
  return words.count(w) > 0 || (w.size() > 3 && endsWith(w, "n't"));
}

const std::vector<std::pair<std::string_view, int>>& boosterWords() {
  static const std::vector<std::pair<std::string_view, int>> words = {
      {"absolutely", 1},  {"amazingly", 1},   {"awfully", 1},      {"completely", 1},  {"considerably", 1},
      {"decidedly", 1},   {"deeply", 1},      {"enormously", 1},   {"entirely", 1},    {"especially", 1},
      {"exceptionally", 1}, {"extremely", 1}, {"fabulously", 1},   {"fully", 1},       {"greatly", 1},
      {"hella", 1},       {"highly", 1},      {"hugely", 1},       {"incredibly", 1},  {"intensely", 1},
      {"majorly", 1},     {"more", 1},        {"most", 1},         {"particularly", 1}, {"purely", 1},
      {"quite", 1},       {"really", 1},      {"remarkably", 1},   {"so", 1},          {"substantially", 1},
      {"thoroughly", 1},  {"totally", 1},     {"tremendously", 1}, {"uber", 1},        {"unbelievably", 1},
      {"unusually", 1},   {"utterly", 1},     {"very", 1},         {"super", 1},       {"truly", 1},
      {"almost", -1},     {"barely", -1},     {"hardly", -1},      {"kinda", -1},      {"less", -1},
      {"little", -1},     {"marginally", -1}, {"occasionally", -1}, {"partly", -1},    {"scarcely", -1},
      {"slightly", -1},   {"somewhat", -1},   {"sorta", -1},       {"fairly", -1}};
  return words;
}

int boosterSign(std::string_view w) {
  static const std::unordered_map<std::string_view, int> words(boosterWords().begin(), boosterWords().end());
  auto it = words.find(w);
  return it == words.end() ? 0 : it->second;
}

const std::vector<std::string_view>& likeVerbWords() {
  static const std::vector<std::string_view> words = {
      "i", "we", "you", "they", "i'd", "we'd", "would", "really", "also", "do", "does", "did",
      "still", "just", "definitely", "totally", "absolutely", "truly", "to", "will", "i'll", "we'll"};
  return words;
}

bool likeIsVerbAfter(std::string_view w) {
  static const std::unordered_set<std::string_view> words(likeVerbWords().begin(), likeVerbWords().end());
  return words.count(w) > 0 || isNegator(w);
}

bool isContrast(std::string_view w) { return w == "but" || w == "however"; }

namespace {

// The lists below are constant data with words split on first use: written as nested vectors
// they compiled into ~27 KB of wasm that built them (issue #10).
std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find(separator, start), text.size());
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

struct IdiomText {
  const char* words;
  double valence;
};
constexpr IdiomText kIdioms[] = {
    {"no problem", 1.5},           {"no problems", 1.5},           {"no worries", 1.5},
    {"no doubt", 1.0},             {"without a doubt", 1.5},       {"dying to", 1.5},
    {"to die for", 3.0},           {"can't wait", 2.0},            {"cannot wait", 2.0},
    {"cant wait", 2.0},            {"couldn't be happier", 3.0},   {"could not be happier", 3.0},
    {"couldn't be better", 3.0},   {"could not be better", 3.0},   {"can't complain", 1.5},
    {"cannot complain", 1.5},      {"can't go wrong", 2.0},        {"cannot go wrong", 2.0},
    {"never again", -2.0},         {"yeah right", -2.0},           {"the bomb", 3.0},
    {"kiss of death", -1.5},       {"cut the mustard", 2.0},       {"waste of money", -2.5},
    {"waste of time", -2.5},       {"piece of junk", -2.5},        {"fell apart", -2.0},
    {"stopped working", -2.0},     {"doesn't work", -2.0},         {"does not work", -2.0},
    {"didn't work", -2.0},         {"did not work", -2.0},         {"don't work", -2.0},
    {"won't work", -2.0},          {"won't be back", -2.0},        {"will not be back", -2.0},
    {"not go back", -2.0},         {"never go back", -2.0},        {"not coming back", -2.0},
    {"never coming back", -2.0},
};

// Phrases of one kind, separated by '|'.
struct CueText {
  std::uint32_t kind;
  const char* phrases;
};
constexpr CueText kCues[] = {
    {kQuestionPhrase, "any idea|any ideas|wondering|i wonder|does anyone|anyone know|please advise|let me know"},
    {kComplaintPhrase,
     "doesn't work|does not work|not working|stopped working|broken|refund|still waiting|never arrived|"
     "never received|unacceptable|complaint|complain|ripped off|rip off|waste of|fix this|charged twice|"
     "overcharged|not happy|disappointed|terrible service|worst"},
    {kPraisePhrase, "thank you|thanks|well done|great job|love it|love you|love this|kudos|amazing|excellent|awesome"},
    {kChurnPhrase,
     "cancel my|cancelling|canceling|close my account|switching to|switch to|moving to|go elsewhere|"
     "going elsewhere|take my business|never again|won't be back|will not be back|not coming back|"
     "never coming back|unsubscribe|done with you|leaving you|find another|look elsewhere|last time i|"
     "never buy|never order|not renew|won't renew"},
    {kPurchasePhrase,
     "want to buy|looking to buy|going to buy|planning to buy|will buy|how much|price of|where can i buy|"
     "do you sell|in stock|want to order|like to order|interested in|pre-order|preorder|sign up|upgrade to|"
     "a quote|buy another|order another|add to my order|subscribe to"},
    {kRecommendPhrase,
     "recommend|recommended|recommending|told my friends|tell my friends|told everyone|tell everyone|"
     "you should try|you have to try|must try|a must|check it out|check them out|referred|spread the word"},
};

}  // namespace

const std::vector<Idiom>& idioms() {
  static const std::vector<Idiom> list = [] {
    std::vector<Idiom> all;
    std::size_t longest = 0;
    for (const IdiomText& i : kIdioms) {
      all.push_back({split(i.words, ' '), i.valence});
      longest = std::max(longest, all.back().words.size());
    }
    std::vector<Idiom> l;  // longest first, in list order within a length
    for (std::size_t n = longest; n > 0; --n) {
      for (const Idiom& i : all) {
        if (i.words.size() == n) l.push_back(i);
      }
    }
    return l;
  }();
  return list;
}

const std::vector<std::string_view>& questionOpeners() {
  static const std::vector<std::string_view> words = {
      "how", "what", "when", "where", "why", "who", "which", "can", "could", "would", "will",
      "is", "are", "do", "does", "did", "should", "anyone", "anybody", "whats", "what's", "how's"};
  return words;
}

const std::vector<CuePhrase>& cuePhrases() {
  static const std::vector<CuePhrase> list = [] {
    std::vector<CuePhrase> l;
    for (const CueText& group : kCues) {
      const bool unlessNegated = group.kind == kPurchasePhrase || group.kind == kRecommendPhrase;
      for (std::string_view phrase : split(group.phrases, '|')) l.push_back({split(phrase, ' '), group.kind, unlessNegated});
    }
    return l;
  }();
  return list;
}

std::optional<double> emojiValence(std::uint32_t cp) {
  // Hand-rated on VADER's scale for the emoji most common in feedback.
  static const std::unordered_map<std::uint32_t, double> table = {
      {0x1F600, 2.5}, {0x1F601, 2.5}, {0x1F602, 2.0}, {0x1F603, 2.5}, {0x1F604, 2.5}, {0x1F605, 1.0},
      {0x1F606, 2.0}, {0x1F609, 1.5}, {0x1F60A, 2.5}, {0x1F60B, 2.0}, {0x1F60D, 3.0}, {0x1F60E, 1.5},
      {0x1F618, 2.5}, {0x1F642, 1.5}, {0x1F929, 3.0}, {0x1F970, 3.0}, {0x1F44D, 2.0}, {0x1F44F, 2.0},
      {0x2764, 3.0},  {0x2665, 3.0},  {0x1F495, 3.0}, {0x1F4AF, 2.0}, {0x1F389, 2.5}, {0x2728, 1.5},
      {0x2B50, 1.5},  {0x1F64F, 1.5}, {0x1F61E, -2.0}, {0x1F620, -2.5}, {0x1F621, -3.0}, {0x1F622, -2.0},
      {0x1F62D, -2.0}, {0x1F629, -2.0}, {0x1F612, -1.5}, {0x1F641, -1.5}, {0x2639, -2.0}, {0x1F44E, -2.0},
      {0x1F494, -2.5}, {0x1F92E, -3.0}, {0x1F624, -2.0}, {0x1F62B, -2.0}, {0x1F614, -1.5}, {0x1F615, -1.0},
      {0x1F92C, -3.0}, {0x1F616, -2.0}, {0x1F623, -1.5}};
  auto it = table.find(cp);
  if (it == table.end()) return std::nullopt;
  return it->second;
}

}  // namespace selfcrm::text::detail
