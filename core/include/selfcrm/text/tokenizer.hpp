#pragma once
/// @file
/// Splits short English feedback into the tokens sentiment and cue rules read: words (with their
/// contractions kept whole: "don't", "can't"), emoticons (":-)", "<3"), emoji, and punctuation.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace selfcrm::text {

class TokenList;
namespace detail {
struct WordInfo;
struct TokenCounts;
TokenCounts tokenizeAndLookUp(std::string_view text, TokenList& out, std::vector<const WordInfo*>& info,
                              std::vector<std::uint32_t>& keys);
}  // namespace detail

enum class TokenKind : std::uint8_t { Word, Emoticon, Emoji, Punct };

// The one-byte fields last: no padding between them (20 bytes in wasm, 32 natively, not 24 and
// 40), and the tokenizer writes one per token.
struct Token {
  std::string_view norm;     ///< lower-cased, "’" as "'"; for emoji its UTF-8 (views TokenList's buffer)
  std::uint32_t offset = 0;  ///< byte offset in the text
  std::uint32_t length = 0;  ///< bytes in the text
  TokenKind kind = TokenKind::Word;
  bool allCaps = false;      ///< a word of two or more letters, all upper-case
};

/// Tokens in text order, with the buffer their `norm` views point into. Move-only: a move keeps
/// the views valid (the buffer is a vector, never inline storage); a copy would not.
class TokenList {
 public:
  TokenList() = default;
  TokenList(TokenList&&) = default;
  TokenList& operator=(TokenList&&) = default;
  TokenList(const TokenList&) = delete;
  TokenList& operator=(const TokenList&) = delete;

  std::vector<Token> tokens;
  std::size_t size() const noexcept { return tokens.size(); }
  const Token& operator[](std::size_t i) const { return tokens[i]; }

 private:
  std::vector<char> buffer_;
  friend void tokenizeInto(std::string_view text, TokenList& out);
  friend detail::TokenCounts detail::tokenizeAndLookUp(std::string_view text, TokenList& out,
                                                       std::vector<const detail::WordInfo*>& info,
                                                       std::vector<std::uint32_t>& keys);
};

/// Tokenises `text` into `out`, reusing its memory (a batch allocates once, not per text).
/// Never throws on any byte sequence: bytes that are not valid UTF-8 are skipped like spaces.
void tokenizeInto(std::string_view text, TokenList& out);
/// The tokens of `text`.
TokenList tokenize(std::string_view text);

// Inline: the scoring loops ask these of every token.
/// True for a token that ends a clause: . , ; : ! ? and the like.
inline bool isClauseBreak(const Token& t) noexcept {
  if (t.kind != TokenKind::Punct) return false;
  const char c = t.norm[0];
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' || c == ')';
}
/// True for a token that ends a sentence: . ! ?
inline bool isSentenceBreak(const Token& t) noexcept {
  if (t.kind != TokenKind::Punct) return false;
  const char c = t.norm[0];
  return c == '.' || c == '!' || c == '?';
}

}  // namespace selfcrm::text
