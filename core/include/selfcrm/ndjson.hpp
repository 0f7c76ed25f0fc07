#pragma once
/// @file
/// Line-oriented input (NDJSON): every batch entry point reads one buffer of lines and reports
/// each bad line as data, so a batch never stops at the first bad record and nothing is dropped
/// silently (lines in = results + rejects).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/detail/line_end.hpp"

namespace selfcrm {

/// One rejected input line: where, which code, which field, why.
struct LineReject {
  std::size_t line = 0;  ///< 1-based line number in the whole input
  ErrorCode code = ErrorCode::Parse;
  std::string path;      ///< JSON Pointer inside the line's record, "" for the whole line
  std::string message;
};

void to_json(nlohmann::json& out, const LineReject& reject);

/// What a per-line batch gives: one result line per usable input line, in input order, and the
/// other lines as rejects (lines in = results + rejects, blank lines aside).
struct NdjsonResult {
  std::string ndjson;
  std::size_t results = 0;
  std::vector<LineReject> rejects;
};

void to_json(nlohmann::json& out, const NdjsonResult& result);

/// True for a line with nothing but spaces, tabs or a carriage return.
bool isBlankLine(std::string_view line) noexcept;


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

/// The lines of `ndjson` that are not one JSON value each (syntax, a number out of range, a key
/// given twice), as rejects: the check that hosts reading lines themselves apply first.
std::vector<LineReject> jsonLineRejects(std::string_view ndjson, std::size_t firstLine);

/// Parses one line as a JSON value; throws Error(E_PARSE, "") with the parser's reason.
nlohmann::json parseJsonLine(std::string_view line);

}  // namespace selfcrm
