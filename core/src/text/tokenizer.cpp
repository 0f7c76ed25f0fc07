#include "selfcrm/text/tokenizer.hpp"

#include <array>

#include "selfcrm/text/lexicon.hpp"
#include "text/word_table.hpp"

namespace selfcrm::text {
namespace {

bool isSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool isAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool isUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool isLower(unsigned char c) { return c >= 'a' && c <= 'z'; }

/// Decodes one UTF-8 sequence at `i`; returns its length (0 if invalid) and the code point.
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (std::size_t k = 1; k < n; ++k) {
    const unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d >> 6) != 0x2) return 0;
    cp = (cp << 6) | (d & 0x3Fu);
  }
  return n;
}

bool isEmoji(std::uint32_t cp) {
  return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || cp == 0x2B50;
}
// Joiners and variation selectors that ride along with an emoji.
bool isEmojiModifier(std::uint32_t cp) {
  return cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E || (cp >= 0x1F3FB && cp <= 0x1F3FF);
}
bool isApostrophe(std::string_view s, std::size_t i, std::size_t& len) {
  if (s[i] == '\'') return len = 1, true;
  if (static_cast<unsigned char>(s[i]) == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x99) {
    return len = 3, true;
  }
  return false;
}

// Emoticons are recognised as whole whitespace-separated chunks, optionally followed by
// sentence punctuation, when the lexicon knows them (":)", ":-(", "<3", ":D" …).
bool emoticonChunk(std::string_view chunk) {
  if (chunk.size() > 8) return false;
  // Every emoticon in the lexicon has one of these; plain "word," chunks skip the lookup.
  static const auto marks = [] {
    std::array<bool, 256> m{};
    for (unsigned char c : std::string_view(":;=<>()[]{}|\\/^*_-$%#@8&")) m[c] = true;
    return m;
  }();
  bool candidate = false;
  for (unsigned char c : chunk) candidate = candidate || marks[c] || (c == '.' && chunk.size() == 3);
  if (!candidate) return false;
  const detail::WordInfo* w = detail::wordInfo(normalizeToken(chunk));
  return w != nullptr && w->hasValence;
}

// Appends normalised bytes to the list's buffer, which was sized for the whole text up front.
struct Builder {
  std::vector<Token>& out;
  char* buffer;
  std::size_t used = 0;

  std::string_view keep(std::string_view raw, bool lower) {
    char* at = buffer + used;
    std::size_t n = 0;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(raw[i]);
      if (lower && c == 0xE2 && i + 2 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0x80 &&
          static_cast<unsigned char>(raw[i + 2]) == 0x99) {
        at[n++] = '\'';
        i += 2;
      } else {
        at[n++] = lower && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      }
    }
    used += n;
    return {at, n};
  }
};

void pushWord(Builder& b, std::string_view text, std::size_t start, std::size_t end) {
  // Apostrophes at either end belong to quotes, not to the word.
  std::size_t len = 0;
  while (start < end && isApostrophe(text, start, len)) start += len;
  while (end > start) {
    if (text[end - 1] == '\'') --end;
    else if (end >= 3 && end - 3 >= start && isApostrophe(text, end - 3, len) && len == 3) end -= 3;
    else break;
  }
  if (start >= end) return;
  Token t;
  t.kind = TokenKind::Word;
  t.offset = static_cast<std::uint32_t>(start);
  t.length = static_cast<std::uint32_t>(end - start);
  std::string_view w = text.substr(start, end - start);
  t.norm = b.keep(w, true);
  int upper = 0;
  bool anyLower = false;
  for (unsigned char c : w) {
    upper += isUpper(c) ? 1 : 0;
    anyLower = anyLower || isLower(c);
  }
  t.allCaps = upper >= 2 && !anyLower;
  b.out.push_back(t);
}

void tokenizeChunk(std::string_view text, std::size_t begin, std::size_t end, Builder& b) {
  std::vector<Token>& out = b.out;
  std::size_t trimmed = end;
  while (trimmed > begin && (text[trimmed - 1] == '.' || text[trimmed - 1] == ',' || text[trimmed - 1] == '!' ||
                             text[trimmed - 1] == '?')) {
    --trimmed;
  }
  for (std::size_t cut : {end, trimmed}) {
    if (cut > begin && emoticonChunk(text.substr(begin, cut - begin))) {
      Token t;
      t.kind = TokenKind::Emoticon;
      t.offset = static_cast<std::uint32_t>(begin);
      t.length = static_cast<std::uint32_t>(cut - begin);
      t.norm = b.keep(text.substr(begin, cut - begin), true);
      out.push_back(t);
      begin = cut;
      break;
    }
  }
  std::size_t i = begin;
  while (i < end) {
    std::uint32_t cp = 0;
    const std::size_t n = decode(text, i, cp);
    if (n == 0) {
      ++i;
      continue;
    }
    std::size_t apostrophe = 0;
    if (isAsciiAlnum(static_cast<unsigned char>(text[i])) || (n > 1 && !isEmoji(cp) && !isEmojiModifier(cp) && cp >= 0xC0 && cp < 0x2000)) {
      // A word: letters, digits, non-ASCII letters, inner apostrophes.
      std::size_t j = i;
      while (j < end) {
        const unsigned char a = static_cast<unsigned char>(text[j]);
        if (a < 0x80) {  // the common case, without decoding
          if (!isAsciiAlnum(a) && a != '\'') break;
          ++j;
          continue;
        }
        std::uint32_t c2 = 0;
        const std::size_t m = decode(text, j, c2);
        if (m == 1 && isAsciiAlnum(static_cast<unsigned char>(text[j]))) j += 1;
        else if (isApostrophe(text, j, apostrophe)) j += apostrophe;
        else if (m > 1 && c2 >= 0xC0 && c2 < 0x2000) j += m;
        else break;
      }
      pushWord(b, text, i, j);
      i = j;
    } else if (n > 1 && isEmoji(cp)) {
      Token t;
      t.kind = TokenKind::Emoji;
      t.offset = static_cast<std::uint32_t>(i);
      t.norm = b.keep(text.substr(i, n), false);
      i += n;
      std::uint32_t mod = 0;
      for (std::size_t m = 0; i < end && (m = decode(text, i, mod)) > 0 && isEmojiModifier(mod);) i += m;
      t.length = static_cast<std::uint32_t>(i - t.offset);
      out.push_back(t);
    } else if (n == 1 && !isApostrophe(text, i, apostrophe)) {
      Token t;
      t.kind = TokenKind::Punct;
      t.offset = static_cast<std::uint32_t>(i);
      t.length = 1;
      t.norm = b.keep(text.substr(i, 1), false);
      out.push_back(t);
      ++i;
    } else {
      i += n;
    }
  }
}

}  // namespace

void tokenizeInto(std::string_view text, TokenList& list) {
  list.tokens.clear();
  // Normalised tokens never take more bytes than the text: the views never move.
  if (list.buffer_.size() < text.size() + 1) list.buffer_.resize(text.size() + 1);
  Builder b{list.tokens, list.buffer_.data()};
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && isSpace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t j = i;
    while (j < text.size() && !isSpace(static_cast<unsigned char>(text[j]))) ++j;
    if (j > i) tokenizeChunk(text, i, j, b);
    i = j;
  }
}

TokenList tokenize(std::string_view text) {
  TokenList list;
  tokenizeInto(text, list);
  return list;
}

bool isClauseBreak(const Token& t) noexcept {
  if (t.kind != TokenKind::Punct) return false;
  const char c = t.norm[0];
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' || c == ')';
}

bool isSentenceBreak(const Token& t) noexcept {
  if (t.kind != TokenKind::Punct) return false;
  const char c = t.norm[0];
  return c == '.' || c == '!' || c == '?';
}

}  // namespace selfcrm::text
