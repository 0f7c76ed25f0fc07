#include "selfcrm/text/lexicon.hpp"

#include <cmath>

#include "selfcrm/error.hpp"
#include "text/builtin_lexicon.hpp"
#include "text/word_table.hpp"

namespace selfcrm::text {
namespace {

}  // namespace

std::string normalizeToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (std::size_t i = 0; i < token.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(token[i]);
    if (c == 0xE2 && i + 2 < token.size() && static_cast<unsigned char>(token[i + 1]) == 0x80 &&
        static_cast<unsigned char>(token[i + 2]) == 0x99) {
      out.push_back('\'');
      i += 2;
    } else if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::optional<double> Lexicon::find(std::string_view token) const {
  if (!custom_.empty()) {
    auto c = custom_.find(std::string(token));
    if (c != custom_.end()) {
      if (c->second == 0) return std::nullopt;
      return c->second;
    }
  }
  const detail::WordInfo* w = detail::wordInfo(token);
  if (w == nullptr || !w->hasValence) return std::nullopt;
  return w->valence;
}

bool Lexicon::isCustom(std::string_view token) const {
  return !custom_.empty() && custom_.count(std::string(token)) > 0;
}

void Lexicon::add(const std::vector<LexiconEntry>& entries) {
  // Validate everything first so a bad entry leaves the lexicon untouched.
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    const std::string at = pointerAppend("", i);
    if (e.token.empty() || e.token.size() > 64) {
      throw Error(ErrorCode::Schema, pointerAppend(at, "token"), "a token must hold 1 to 64 bytes");
    }
    for (char c : e.token) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        throw Error(ErrorCode::Schema, pointerAppend(at, "token"), "a token must not hold whitespace");
      }
    }
    if (!std::isfinite(e.valence) || e.valence < -4 || e.valence > 4) {
      throw Error(ErrorCode::Range, pointerAppend(at, "valence"), "a valence must lie in -4…4");
    }
  }
  auto next = custom_;
  for (const auto& e : entries) next[normalizeToken(e.token)] = e.valence;
  custom_.swap(next);
}

std::size_t Lexicon::builtinSize() noexcept { return detail::kBuiltinLexiconSize; }

}  // namespace selfcrm::text
