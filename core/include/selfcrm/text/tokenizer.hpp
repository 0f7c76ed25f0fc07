#pragma once
/// @file
/// Splits short English feedback into the tokens sentiment and cue rules read: words (with their
/// contractions kept whole: "don't", "can't"), emoticons (":-)", "<3"), emoji, and punctuation.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace selfcrm::text {

enum class TokenKind : std::uint8_t { Word, Emoticon, Emoji, Punct };

struct Token {
  TokenKind kind = TokenKind::Word;
  std::string norm;          ///< lower-cased, "’" as "'"; for emoji the UTF-8 of the code point
  std::uint32_t offset = 0;  ///< byte offset in the text
  std::uint32_t length = 0;  ///< bytes in the text
  bool allCaps = false;      ///< a word of two or more letters, all upper-case
};

/// Tokens of `text` in order. Never throws on any byte sequence: bytes that are not valid UTF-8
/// are skipped like spaces.
std::vector<Token> tokenize(std::string_view text);

/// True for a token that ends a clause: . , ; : ! ? and the like.
bool isClauseBreak(const Token& token) noexcept;
/// True for a token that ends a sentence: . ! ?
bool isSentenceBreak(const Token& token) noexcept;

}  // namespace selfcrm::text
