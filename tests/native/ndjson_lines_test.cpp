// Line splitting under every batch entry point: each line seen once, with its number, wherever
// the '\n' falls against the eight-byte blocks the scan reads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "selfcrm/ndjson.hpp"
#include "split_mix.hpp"

using namespace selfcrm;

namespace {
std::vector<std::pair<std::size_t, std::string>> lines(const std::string& text, std::size_t first = 1) {
  std::vector<std::pair<std::size_t, std::string>> out;
  const std::size_t count = forEachLine(text, first, [&](std::size_t n, std::string_view line) { out.emplace_back(n, line); });
  CHECK(count == static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n') + (text.empty() || text.back() == '\n' ? 0 : 1)));
  return out;
}

// What splitting on '\n' by hand gives: CR dropped at a line's end, blank lines skipped.
std::vector<std::pair<std::size_t, std::string>> byHand(const std::string& text, std::size_t first = 1) {
  std::vector<std::pair<std::size_t, std::string>> out;
  std::size_t n = first, start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t\r") != std::string::npos) out.emplace_back(n, line);
    ++n;
    start = end + 1;
  }
  return out;
}
}  // namespace

TEST_CASE("forEachLine numbers lines and skips blank ones", "[ndjson]") {
  using L = std::vector<std::pair<std::size_t, std::string>>;
  CHECK(lines("").empty());
  CHECK(lines("{}") == L{{1, "{}"}});
  CHECK(lines("{}\r\n\n \t\r\n  {\"a\":1}\n[1]", 7) == L{{7, "{}"}, {10, "  {\"a\":1}"}, {11, "[1]"}});
  CHECK(lines("\n\n\n") == L{});
}

TEST_CASE("forEachLine finds every newline wherever it sits in a block", "[ndjson]") {
  test::SplitMix rng{17};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const std::size_t size = rng.next() % 70;
    for (std::size_t i = 0; i < size; ++i) {
      const auto r = rng.next() % 10;
      // Bytes that differ from '\n' by one bit, and high bytes, test the block check's borrows.
      text += r < 2 ? '\n' : r == 2 ? '\x0b' : r == 3 ? '\x8a' : r == 4 ? ' ' : r == 5 ? '\r' : static_cast<char>('a' + r);
    }
    INFO("round " << round);
    REQUIRE(lines(text, 3) == byHand(text, 3));
  }
}
