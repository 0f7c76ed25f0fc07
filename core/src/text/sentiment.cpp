#include "selfcrm/text/sentiment.hpp"
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "selfcrm/text/tokenizer.hpp"
#include "text/word_lists.hpp"
#include "text/word_table.hpp"

namespace selfcrm::text {
namespace {

// VADER's empirically derived constants (Hutto & Gilbert 2014).
constexpr double kBoost = 0.293;
constexpr double kCapsBoost = 0.733;
constexpr double kNegation = -0.74;
constexpr double kExclamation = 0.292;
constexpr double kAlpha = 15.0;
// Beyond this many sentiment-bearing tokens the sum is scaled by √(kLongText / n), so a long
// mixed text no longer saturates at ±1 (VADER #151) while the sign is kept.
constexpr double kLongText = 4.0;

double sign(double v) { return v < 0 ? -1.0 : 1.0; }

std::uint32_t firstCodePoint(std::string_view s) {
  const unsigned char c = static_cast<unsigned char>(s[0]);
  std::size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
  std::uint32_t cp = n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (std::size_t k = 1; k < n && k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[k]) & 0x3Fu);
  return cp;
}

/// Longest idiom starting at word token `i` (words only, no punctuation inside); returns length.
std::size_t matchIdiom(const std::vector<Token>& tokens, const std::vector<const detail::WordInfo*>& info,
                       std::size_t i, const detail::WordInfo& first, double& valence) {
  for (const detail::Phrase& idiom : first.idioms()) {
    if (i + idiom.size > tokens.size()) continue;
    bool all = true;
    for (std::size_t k = 1; k < idiom.size && all; ++k) {
      all = tokens[i + k].kind == TokenKind::Word && info[i + k] == idiom.words[k];
    }
    if (all) {
      valence = idiom.valence;
      return idiom.size;
    }
  }
  return 0;
}

}  // namespace

const char* labelName(SentimentLabel label) noexcept {
  switch (label) {
    case SentimentLabel::Negative: return "negative";
    case SentimentLabel::Positive: return "positive";
    case SentimentLabel::Neutral: break;
  }
  return "neutral";
}

SentimentLabel labelFor(double compound) noexcept {
  if (compound >= 0.05) return SentimentLabel::Positive;
  if (compound <= -0.05) return SentimentLabel::Negative;
  return SentimentLabel::Neutral;
}

SentimentResult analyzeSentiment(std::string_view text, const Lexicon& lexicon, bool explain) {
  const TokenList list = tokenize(text);
  return analyzeSentiment(text, list.tokens, lexicon, explain);
}

SentimentResult analyzeSentiment(std::string_view text, const std::vector<Token>& tokens, const Lexicon& lexicon,
                                 bool explain) {
  const auto& info = detail::lookUpTokens(tokens);
  return detail::scoreTokens(text, tokens, info, detail::keysOf(tokens, info), detail::countTokens(tokens, info),
                             lexicon, explain);
}

SentimentResult detail::scoreTokens(std::string_view text, const std::vector<Token>& tokens,
                                    const std::vector<const WordInfo*>& info, const std::vector<std::uint32_t>& keys,
                                    const TokenCounts& counts,
                                    const Lexicon& lexicon, bool explain) {
  SentimentResult result;

  // ALL-CAPS only emphasises when the rest of the text is not shouting too.
  const std::size_t exclamations = counts.exclamations, questions = counts.questions;
  const bool capsDiffer = counts.caps > 0 && counts.caps < counts.words;
  const bool anyContrast = counts.contrast;

  // Contrast: per sentence, the position of its last "but"/"however".
  // Per-call scratch kept between calls: the hot path allocates nothing once warm.
  thread_local std::vector<std::size_t> contrastAt;
  if (anyContrast) {
    contrastAt.resize(tokens.size());
    for (std::size_t begin = 0; begin < tokens.size();) {
      std::size_t end = begin;
      while (end < tokens.size() && !isSentenceBreak(tokens[end])) ++end;
      std::size_t at = SIZE_MAX;
      for (std::size_t k = begin; k < end; ++k) {
        if (info[k] != nullptr && info[k]->contrast) at = k;
      }
      for (std::size_t k = begin; k < end; ++k) contrastAt[k] = at;
      begin = end + 1;
    }
  }

  const bool custom = lexicon.customSize() > 0;

  // stop[k]: 1 + the index of the nearest word or clause break before token k (0: none), built
  // only as far as a look-back needed it. Only key tokens are scored, so the table is not built
  // up front: stopBefore first walks back a few tokens (all that ordinary text needs) and turns to
  // the table only in a long run of emoji, emoticons or punctuation, where walking would cost n²/2.
  thread_local std::vector<std::uint32_t> stop;
  std::size_t stopsBuilt = 0;
  std::uint32_t lastStop = 0;
  const auto isStop = [](const Token& t) { return t.kind == TokenKind::Word || isClauseBreak(t); };
  const auto stopBefore = [&](std::size_t k) -> std::size_t {
    std::size_t j = k;
    for (int budget = 8; budget > 0; --budget) {
      if (j == 0) return 0;
      if (isStop(tokens[--j])) return j + 1;
    }
    if (stop.size() < tokens.size()) stop.resize(tokens.size());
    for (; stopsBuilt <= k; ++stopsBuilt) {
      stop[stopsBuilt] = lastStop;
      if (isStop(tokens[stopsBuilt])) lastStop = static_cast<std::uint32_t>(stopsBuilt + 1);
    }
    return stop[k];
  };

  double sum = 0;
  std::size_t bearing = 0;
  // Adds what token i contributes; returns how many tokens that covers (an idiom, more than one).
  const auto scoreAt = [&](std::size_t i) -> std::size_t {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::Punct) return 1;
    const detail::WordInfo* w = info[i];
    // Most words carry nothing: one test skips them (a custom entry may give any token a valence).
    if (!custom && t.kind != TokenKind::Emoji && (w == nullptr || !w->mayScore)) return 1;
    std::size_t span = 1;
    std::uint32_t rules = 0;
    std::optional<double> base;
    double idiom = 0;
    if (custom && lexicon.isCustom(t.norm)) {
      base = lexicon.find(t.norm);
      rules |= RuleCustom;
    } else if (t.kind == TokenKind::Emoji) {
      base = detail::emojiValence(firstCodePoint(t.norm));
    } else if (w == nullptr) {
    } else if (std::size_t n = w->idiomCount == 0 ? 0 : matchIdiom(tokens, info, i, *w, idiom); n > 0) {
      span = n;
      base = idiom;
      rules |= RuleIdiom;
    } else if (t.kind == TokenKind::Emoticon) {
      if (w->hasValence) base = w->valence;
    } else if (w->isLike && !(i > 0 && info[i - 1] != nullptr && info[i - 1]->likeVerbAfter)) {
      // "like" as a preposition ("tasted like rubber") carries no sentiment.
    } else if (w->kindOrSort && i + 1 < tokens.size() && info[i + 1] != nullptr && info[i + 1]->isOf) {
      // "kind of" dampens what follows; it is not kindness.
    } else if (w->bearing) {
      base = w->valence;
    }
    if (!base || *base == 0) return span;
    double v = *base;
    if (t.allCaps && capsDiffer && span == 1) {
      v += sign(v) * kCapsBoost;
      rules |= RuleCaps;
    }
    // The three words before, within the clause: boosters scale by distance, negators flip.
    int negators = 0;
    std::size_t seen = 0;
    for (std::size_t next = stopBefore(i); next != 0 && seen < 3; next = stopBefore(next - 1)) {
      const std::size_t k = next - 1;
      const Token& p = tokens[k];
      const detail::WordInfo* pw = p.kind == TokenKind::Word ? info[k] : nullptr;
      if (isClauseBreak(p) || (pw != nullptr && pw->contrast)) break;
      ++seen;
      const double distance = seen == 1 ? 1.0 : seen == 2 ? 0.95 : 0.9;
      int booster = pw != nullptr ? pw->booster : 0;
      if (pw != nullptr && pw->isOf && k > 0 && info[k - 1] != nullptr && info[k - 1]->kindOrSort) booster = -1;
      if (booster != 0) {
        v += sign(v) * booster * kBoost * distance;
        rules |= booster > 0 ? RuleIntensified : RuleDampened;
      }
      if (pw != nullptr && pw->negator) ++negators;
    }
    if (negators % 2 == 1) {
      v *= kNegation;
      rules |= RuleNegated;
    }
    if (anyContrast && contrastAt[i] != SIZE_MAX) {
      v *= i < contrastAt[i] ? 0.5 : 1.5;
      rules |= i < contrastAt[i] ? RuleBeforeContrast : RuleAfterContrast;
    }
    sum += v;
    ++bearing;
    if (explain) {
      const Token& last = tokens[i + span - 1];
      Driver d;
      d.offset = t.offset;
      d.length = last.offset + last.length - t.offset;
      d.token = std::string(text.substr(d.offset, d.length));
      d.lexicon = *base;
      d.valence = v;
      d.rules = rules;
      result.drivers.push_back(std::move(d));
    }
    return span;
  };
  if (custom) {
    for (std::size_t i = 0; i < tokens.size(); i += scoreAt(i)) {
    }
  } else {
    // Only key tokens can score without custom entries: the others are never read.
    std::size_t next = 0;
    for (const std::uint32_t i : keys) {
      if (i >= next) next = i + scoreAt(i);
    }
  }

  if (sum != 0) {
    double emphasis = static_cast<double>(std::min<std::size_t>(exclamations, 4)) * kExclamation;
    if (questions > 1) emphasis += questions <= 3 ? static_cast<double>(questions) * 0.18 : 0.96;
    result.emphasis = emphasis;
    sum += sign(sum) * emphasis;
  }
  if (static_cast<double>(bearing) > kLongText) sum *= std::sqrt(kLongText / static_cast<double>(bearing));
  double compound = sum / std::sqrt(sum * sum + kAlpha);
  result.compound = std::max(-1.0, std::min(1.0, compound));
  result.label = labelFor(result.compound);
  return result;
}

void to_json(nlohmann::json& out, const Driver& d) {
  static const char* const names[] = {"negated", "intensified", "dampened", "caps",
                                      "beforeContrast", "afterContrast", "idiom", "custom"};
  nlohmann::json rules = nlohmann::json::array();
  for (std::uint32_t b = 0; b < 8; ++b) {
    if (d.rules & (1u << b)) rules.push_back(names[b]);
  }
  out = {{"token", d.token}, {"offset", d.offset}, {"length", d.length},
         {"lexicon", d.lexicon}, {"valence", d.valence}, {"rules", std::move(rules)}};
}

void to_json(nlohmann::json& out, const SentimentResult& r) {
  out = {{"compound", r.compound}, {"label", labelName(r.label)}, {"emphasis", r.emphasis}, {"drivers", r.drivers}};
}

}  // namespace selfcrm::text
