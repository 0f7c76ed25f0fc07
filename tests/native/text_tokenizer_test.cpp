#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "selfcrm/text/tokenizer.hpp"

using namespace selfcrm::text;

namespace {
std::vector<std::string> norms(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& t : tokenize(text).tokens) out.push_back(std::string(t.norm));
  return out;
}
}  // namespace

TEST_CASE("words keep their contractions and lose quotes", "[text][tokenizer]") {
  CHECK(norms("Don't   buy it") == std::vector<std::string>{"don't", "buy", "it"});
  CHECK(norms("don\xE2\x80\x99t") == std::vector<std::string>{"don't"});
  CHECK(norms("'quoted'") == std::vector<std::string>{"quoted"});
  CHECK(norms("café crème") == std::vector<std::string>{"café", "crème"});
}

TEST_CASE("punctuation, emoticons and emoji are their own tokens", "[text][tokenizer]") {
  auto t = tokenize("Wow!! :-) \xF0\x9F\x98\xA1\xF0\x9F\x98\xA1 ok:");
  REQUIRE(t.size() == 8);
  CHECK(t[0].norm == "wow");
  CHECK(t[1].kind == TokenKind::Punct);
  CHECK(t[2].norm == "!");
  CHECK(t[3].kind == TokenKind::Emoticon);
  CHECK(t[3].norm == ":-)");
  CHECK(t[4].kind == TokenKind::Emoji);
  CHECK(t[5].kind == TokenKind::Emoji);
  CHECK(t[5].length == 4);
  CHECK(t[6].norm == "ok");
  CHECK(isClauseBreak(t[7]));
  CHECK(!isSentenceBreak(t[7]));
}

TEST_CASE("an emoticon followed by sentence punctuation is still an emoticon", "[text][tokenizer]") {
  auto t = tokenize("fine :(.");
  REQUIRE(t.size() == 3);
  CHECK(t[1].kind == TokenKind::Emoticon);
  CHECK(t[2].norm == ".");
}

TEST_CASE("offsets point into the text and ALL CAPS is flagged", "[text][tokenizer]") {
  auto t = tokenize("so GOOD I");
  REQUIRE(t.size() == 3);
  CHECK(t[1].offset == 3);
  CHECK(t[1].length == 4);
  CHECK(t[1].allCaps);
  CHECK(!t[2].allCaps);  // one letter is not shouting
}

TEST_CASE("invalid UTF-8 is skipped, never a crash", "[text][tokenizer]") {
  CHECK(norms("bad\xFF\xFE byte \xC3") == std::vector<std::string>{"bad", "byte"});
}
