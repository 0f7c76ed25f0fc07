#pragma once
/// @file
/// Line-oriented input (NDJSON): every batch entry point reads one buffer of lines and reports
/// each bad line as data, so a batch never stops at the first bad record and nothing is dropped
/// silently (lines in = results + rejects).

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/json_tape.hpp"

namespace selfcrm {

/// One rejected input line: where, which code, which field, why.
struct LineReject {
  std::size_t line = 0;  ///< 1-based line number in the whole input
  ErrorCode code = ErrorCode::Parse;
  std::string path;      ///< JSON Pointer inside the line's record, "" for the whole line
  std::string message;
};

void to_json(nlohmann::json& out, const LineReject& reject);

/// True for a line with nothing but spaces, tabs or a carriage return.
bool isBlankLine(std::string_view line) noexcept;

namespace detail {
/// Where the next '\n' at or after `from` is, or text.size(). Eight bytes at a time, inline: in
/// wasm memchr is a call into a scalar libc loop, a cost paid on every short line.
inline std::size_t lineEnd(std::string_view text, std::size_t from) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  const char* p = text.data() + from;
  const char* const end = text.data() + text.size();
  for (; end - p >= 8; p += 8) {
    std::uint64_t block;
    std::memcpy(&block, p, 8);
    const std::uint64_t x = block ^ (kOnes * '\n');
    if (((x - kOnes) & ~x & kHighs) != 0) break;
  }
  while (p != end && *p != '\n') ++p;
  return static_cast<std::size_t>(p - text.data());
}
}  // namespace detail

/// Calls `fn(lineNumber, line)` for every non-blank line of `text`; the first line is numbered
/// `firstLine`. A trailing "\r" is stripped. Returns the number of lines seen, blank ones included.
template <class Fn>
std::size_t forEachLine(std::string_view text, std::size_t firstLine, Fn&& fn) {
  std::size_t count = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = detail::lineEnd(text, start);
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // A record line starts with '{' or '['; only a line starting with a blank needs the full check.
    const bool blank = line.empty() || ((line[0] == ' ' || line[0] == '\t' || line[0] == '\r') && isBlankLine(line));
    if (!blank) fn(firstLine + count, line);
    ++count;
    start = end + 1;
  }
  return count;
}

/// Parses one line as a JSON value; throws Error(E_PARSE, "") with the parser's reason.
nlohmann::json parseJsonLine(std::string_view line);

/// Parses each non-blank line and hands the record to `fn(lineNumber, record)`. A line that fails
/// to parse, or for which `fn` throws selfcrm::Error, becomes a LineReject; `fn` must leave its
/// own state unchanged when it throws.
template <class Fn>
std::vector<LineReject> forEachRecord(std::string_view text, std::size_t firstLine, Fn&& fn) {
  std::vector<LineReject> rejects;
  forEachLine(text, firstLine, [&](std::size_t lineNo, std::string_view line) {
    try {
      fn(lineNo, parseJsonLine(line));
    } catch (const Error& e) {
      rejects.push_back({lineNo, e.code(), e.path(), e.what()});
    }
  });
  return rejects;
}

/// forEachRecord on one reused JsonTape: `fn(lineNumber, JsonView record)`, with no allocation per
/// line once the tape has grown to the longest line, and no copy of a line without escapes. The
/// view is valid during the call only.
template <class Fn>
std::vector<LineReject> forEachTapeRecord(std::string_view text, std::size_t firstLine, Fn&& fn) {
  std::vector<LineReject> rejects;
  JsonTape tape;
  forEachLine(text, firstLine, [&](std::size_t lineNo, std::string_view line) {
    try {
      tape.parseBorrowing(line);
      fn(lineNo, tape.root());
    } catch (const Error& e) {
      rejects.push_back({lineNo, e.code(), e.path(), e.what()});
    }
  });
  return rejects;
}

}  // namespace selfcrm
