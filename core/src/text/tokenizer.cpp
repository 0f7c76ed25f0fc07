#include "selfcrm/text/tokenizer.hpp"

#include <algorithm>
#include <array>

#include "text/word_table.hpp"

namespace selfcrm::text {
namespace {

// One table read classifies an ASCII byte for every test the scan makes.
enum : std::uint8_t {
  kSpace = 1 << 0,
  kAlnum = 1 << 1,
  kUpper = 1 << 2,
  kLower = 1 << 3,
  kMark = 1 << 4,     ///< found in every lexicon emoticon: a chunk without one is not an emoticon
  kDot = 1 << 5,      ///< "..." is the one emoticon-like chunk without a mark
  kTrailing = 1 << 6, ///< sentence punctuation that may follow an emoticon: . , ! ?
  kHigh = 1 << 7,     ///< not ASCII
};

constexpr std::array<std::uint8_t, 256> makeClasses() {
  std::array<std::uint8_t, 256> c{};
  for (unsigned char s : {' ', '\t', '\n', '\r', '\f', '\v'}) c[s] |= kSpace;
  for (int b = 'a'; b <= 'z'; ++b) c[b] |= kAlnum | kLower;
  for (int b = 'A'; b <= 'Z'; ++b) c[b] |= kAlnum | kUpper;
  for (int b = '0'; b <= '9'; ++b) c[b] |= kAlnum;
  for (unsigned char m : std::string_view(":;=<>()[]{}|\\/^*_-$%#@8&")) c[m] |= kMark;
  c['.'] |= kDot | kTrailing;
  for (unsigned char t : {',', '!', '?'}) c[t] |= kTrailing;
  for (int b = 0x80; b < 0x100; ++b) c[b] |= kHigh;
  return c;
}
constexpr std::array<std::uint8_t, 256> kClass = makeClasses();

constexpr std::array<unsigned char, 256> makeFolded() {
  std::array<unsigned char, 256> f{};
  for (int b = 0; b < 256; ++b) f[b] = static_cast<unsigned char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
  return f;
}
/// ASCII lower-casing as one table read.
constexpr std::array<unsigned char, 256> kFolded = makeFolded();

bool has(unsigned char c, std::uint8_t bits) { return (kClass[c] & bits) != 0; }

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
/// Letters beyond ASCII that words are made of (Latin, Greek, Cyrillic …).
bool isWordCodePoint(std::uint32_t cp) { return cp >= 0xC0 && cp < 0x2000; }

// U+2019, the typographic apostrophe.
bool isCurlyApostrophe(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]) == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
         static_cast<unsigned char>(s[i + 2]) == 0x99;
}
bool isApostrophe(std::string_view s, std::size_t i, std::size_t& len) {
  if (s[i] == '\'') return len = 1, true;
  if (isCurlyApostrophe(s, i)) return len = 3, true;
  return false;
}

/// Lower-cases ASCII and turns "’" into "'" (what normalizeToken does) into `at`, which has room
/// for raw.size() bytes; returns the bytes written and their hash.
std::size_t normalizeInto(std::string_view raw, char* at, std::uint32_t& hash) {
  std::uint32_t h = detail::kHashSeed;
  std::size_t n = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c == 0xE2 && i + 2 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0x80 &&
        static_cast<unsigned char>(raw[i + 2]) == 0x99) {
      c = '\'';
      i += 2;
    } else if (has(c, kUpper)) {
      c = static_cast<unsigned char>(c - 'A' + 'a');
    }
    at[n++] = static_cast<char>(c);
    h = detail::hashStep(h, c);
  }
  hash = h;
  return n;
}

// Emoticons are recognised as whole whitespace-separated chunks, optionally followed by
// sentence punctuation, when the lexicon knows them (":)", ":-(", "<3", ":D" …).
const detail::WordInfo* emoticonInfo(std::string_view chunk) {
  if (chunk.size() > 8) return nullptr;
  bool candidate = false;
  for (unsigned char c : chunk) candidate = candidate || has(c, kMark) || (c == '.' && chunk.size() == 3);
  if (!candidate) return nullptr;
  char norm[8];
  std::uint32_t hash = 0;
  const std::size_t n = normalizeInto(chunk, norm, hash);
  const detail::WordInfo* w = detail::wordInfo({norm, n}, hash);
  return w != nullptr && w->hasValence ? w : nullptr;
}

// Appends tokens, their normalised bytes (into the list's buffer, sized for the whole text up
// front) and, when asked, what the word table knows of them. One pass over the bytes: a chunk
// (the bytes between whitespace) is tokenised as it is read, and only a chunk that could be an
// emoticon is looked at again when it ends.
template <bool LookUp>
struct Builder {
  std::string_view text;
  std::vector<Token>& out;
  std::vector<const detail::WordInfo*>* info;
  std::vector<std::uint32_t>* keys;  ///< with LookUp: see detail::keysOf
  char* buffer;
  const detail::WordTable& table;
  std::size_t used = 0;
  std::uint8_t seen = 0;  ///< classes of the ASCII bytes read in the current chunk

  detail::TokenCounts counts{};
  std::size_t contrastWords = 0;  ///< so uncount() can take some back without rescanning

  void push(const Token& t, const detail::WordInfo* w) {
    if constexpr (LookUp) {
      if (w != nullptr ? w->key : t.kind == TokenKind::Emoji) keys->push_back(static_cast<std::uint32_t>(out.size()));
      info->push_back(w);
    }
    out.push_back(t);
  }
  void pushWord(const Token& t, const detail::WordInfo* w) {
    ++counts.words;
    counts.caps += t.allCaps ? 1 : 0;
    // Only words are contrast words ("but", "however"); emoticons never are.
    if (w != nullptr && w->contrast) {
      ++contrastWords;
      counts.contrast = true;
    }
    push(t, w);
  }
  /// Takes back the counts of the tokens from `first` on, before they are dropped.
  void uncount(std::size_t first) {
    for (std::size_t k = first; k < out.size(); ++k) {
      const Token& t = out[k];
      if (t.kind == TokenKind::Word) {
        if constexpr (LookUp) {
          if ((*info)[k] != nullptr && (*info)[k]->contrast) --contrastWords;
        }
        --counts.words;
        counts.caps -= t.allCaps ? 1 : 0;
      } else if (t.kind == TokenKind::Punct) {
        counts.exclamations -= t.norm[0] == '!' ? 1 : 0;
        counts.questions -= t.norm[0] == '?' ? 1 : 0;
      }
    }
    counts.contrast = contrastWords > 0;
  }

  void punct(std::size_t at) {
    Token t;
    t.kind = TokenKind::Punct;
    t.offset = static_cast<std::uint32_t>(at);
    t.length = 1;
    buffer[used] = text[at];
    t.norm = {buffer + used, 1};
    ++used;
    counts.exclamations += text[at] == '!' ? 1 : 0;
    counts.questions += text[at] == '?' ? 1 : 0;
    push(t, nullptr);
  }

  std::string_view keepNormal(std::string_view raw, std::uint32_t& hash) {
    const std::size_t n = normalizeInto(raw, buffer + used, hash);
    used += n;
    return {buffer + used - n, n};
  }

  void word(std::size_t start, std::size_t end) {
    // Apostrophes at either end belong to quotes, not to the word.
    std::size_t len = 0;
    while (start < end && isApostrophe(text, start, len)) start += len;
    while (end > start) {
      if (text[end - 1] == '\'') --end;
      else if (end >= 3 && end - 3 >= start && isCurlyApostrophe(text, end - 3)) end -= 3;
      else break;
    }
    if (start >= end) return;
    Token t;
    t.kind = TokenKind::Word;
    t.offset = static_cast<std::uint32_t>(start);
    t.length = static_cast<std::uint32_t>(end - start);
    const std::string_view raw = text.substr(start, end - start);
    std::uint32_t hash = 0;
    t.norm = keepNormal(raw, hash);
    int upper = 0;
    bool anyLower = false;
    for (unsigned char c : raw) {
      upper += has(c, kUpper) ? 1 : 0;
      anyLower = anyLower || has(c, kLower);
    }
    t.allCaps = upper >= 2 && !anyLower;
    pushWord(t, LookUp ? table.find(t.norm, hash) : nullptr);
  }

  // The common word, ASCII letters and digits only, in one pass: lower-cased, hashed and checked
  // for capitals as it is read. Anything else in it (an apostrophe, a non-ASCII letter) sends
  // the word to the general path. Returns where the word ends.
  std::size_t asciiWord(std::size_t start) {
    // Locals only: a store through char* may alias anything, which would make the compiler
    // reload every member after each byte written.
    const unsigned char* const bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    char* const to = buffer + used - start;
    std::uint32_t hash = detail::kHashSeed;
    std::uint8_t classes = 0;
    std::size_t j = start;
    for (; j < size; ++j) {
      const unsigned char c = bytes[j];
      const std::uint8_t k = kClass[c];
      if ((k & kAlnum) == 0) break;
      const unsigned char folded = kFolded[c];
      to[j] = static_cast<char>(folded);
      hash = detail::hashStep(hash, folded);
      classes |= k;
    }
    seen |= classes;
    if (j < size && (bytes[j] == '\'' || bytes[j] >= 0x80)) {
      const std::size_t stop = wordEnd(j);
      word(start, stop);
      return stop;
    }
    Token t;
    t.kind = TokenKind::Word;
    t.offset = static_cast<std::uint32_t>(start);
    t.length = static_cast<std::uint32_t>(j - start);
    t.norm = {to + start, j - start};
    // Capitals are counted only in the rare word that has no lower-case letter.
    t.allCaps = (classes & (kLower | kUpper)) == kUpper && capitals(start, j) >= 2;
    used += j - start;
    pushWord(t, LookUp ? table.find(t.norm, hash) : nullptr);
    return j;
  }

  std::size_t capitals(std::size_t from, std::size_t to) const {
    std::size_t n = 0;
    for (std::size_t k = from; k < to; ++k) n += has(static_cast<unsigned char>(text[k]), kUpper) ? 1 : 0;
    return n;
  }

  // A word: letters, digits, non-ASCII letters, inner apostrophes. Returns where it ends.
  std::size_t wordEnd(std::size_t j) {
    while (j < text.size()) {
      const unsigned char a = static_cast<unsigned char>(text[j]);
      if (a < 0x80) {  // the common case, without decoding
        if (!has(a, kAlnum) && a != '\'') break;
        seen |= kClass[a];
        ++j;
        continue;
      }
      std::uint32_t cp = 0;
      const std::size_t m = decode(text, j, cp);
      if (isCurlyApostrophe(text, j)) j += 3;
      else if (m > 1 && isWordCodePoint(cp)) j += m;
      else break;
    }
    return j;
  }

  // A chunk that is an emoticon, alone or before sentence punctuation, replaces the tokens read
  // from it. Only chunks with a mark or a dot can be one (see emoticonInfo).
  void endChunk(std::size_t begin, std::size_t end, std::size_t firstToken, std::size_t firstByte) {
    if ((seen & (kMark | kDot)) == 0) return;
    std::size_t trimmed = end;
    while (trimmed > begin && has(static_cast<unsigned char>(text[trimmed - 1]), kTrailing)) --trimmed;
    // Without a mark only a three-byte chunk ("...") can be one: most "word." chunks stop here.
    if ((seen & kMark) == 0 && end - begin != 3 && trimmed - begin != 3) return;
    std::size_t cut = end;
    const detail::WordInfo* w = emoticonInfo(text.substr(begin, end - begin));
    if (w == nullptr && trimmed > begin && trimmed < end) {
      cut = trimmed;
      w = emoticonInfo(text.substr(begin, cut - begin));
    }
    if (w == nullptr) return;
    uncount(firstToken);
    out.resize(firstToken);
    if constexpr (LookUp) {
      info->resize(firstToken);
      while (!keys->empty() && keys->back() >= firstToken) keys->pop_back();
    }
    used = firstByte;
    Token t;
    t.kind = TokenKind::Emoticon;
    t.offset = static_cast<std::uint32_t>(begin);
    t.length = static_cast<std::uint32_t>(cut - begin);
    std::uint32_t hash = 0;
    t.norm = keepNormal(text.substr(begin, cut - begin), hash);
    push(t, w);
    for (std::size_t k = cut; k < end; ++k) punct(k);  // only . , ! ? are left
  }

  void run() {
    const std::size_t size = text.size();
    std::size_t i = 0;
    while (i < size) {
      while (i < size && has(static_cast<unsigned char>(text[i]), kSpace)) ++i;
      if (i == size) break;
      const std::size_t begin = i, firstToken = out.size(), firstByte = used;
      seen = 0;
      while (i < size) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
          const std::uint8_t k = kClass[c];
          if ((k & kAlnum) != 0) {
            i = asciiWord(i);
            continue;
          }
          if ((k & kSpace) != 0) break;
          seen |= k;
          if (c != '\'') punct(i);
          ++i;
          continue;
        }
        std::uint32_t cp = 0;
        const std::size_t n = decode(text, i, cp);
        if (n == 0) {
          ++i;
        } else if (isWordCodePoint(cp)) {
          const std::size_t j = wordEnd(i + n);
          word(i, j);
          i = j;
        } else if (isEmoji(cp)) {
          Token t;
          t.kind = TokenKind::Emoji;
          t.offset = static_cast<std::uint32_t>(i);
          std::copy(text.data() + i, text.data() + i + n, buffer + used);
          t.norm = {buffer + used, n};
          used += n;
          i += n;
          std::uint32_t mod = 0;
          for (std::size_t m = 0; i < size && (m = decode(text, i, mod)) > 0 && isEmojiModifier(mod);) i += m;
          t.length = static_cast<std::uint32_t>(i - t.offset);
          push(t, nullptr);
        } else {
          i += n;
        }
      }
      endChunk(begin, i, firstToken, firstByte);
    }
  }
};

template <bool LookUp>
detail::TokenCounts tokenizeWith(std::string_view text, std::vector<Token>& tokens, std::vector<char>& buffer,
                                 std::vector<const detail::WordInfo*>* info, std::vector<std::uint32_t>* keys) {
  tokens.clear();
  if constexpr (LookUp) info->clear();
  if constexpr (LookUp) keys->clear();
  // Normalised tokens never take more bytes than the text: the views never move.
  if (buffer.size() < text.size() + 1) buffer.resize(text.size() + 1);
  Builder<LookUp> b{text, tokens, info, keys, buffer.data(), detail::wordTable(), 0, 0, {}};
  b.run();
  return b.counts;
}

}  // namespace

void tokenizeInto(std::string_view text, TokenList& list) {
  tokenizeWith<false>(text, list.tokens, list.buffer_, nullptr, nullptr);
}

detail::TokenCounts detail::tokenizeAndLookUp(std::string_view text, TokenList& list,
                                              std::vector<const WordInfo*>& info,
                                              std::vector<std::uint32_t>& keys) {
  return tokenizeWith<true>(text, list.tokens, list.buffer_, &info, &keys);
}

TokenList tokenize(std::string_view text) {
  TokenList list;
  tokenizeInto(text, list);
  return list;
}

}  // namespace selfcrm::text
