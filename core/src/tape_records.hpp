#pragma once
// Internal: NDJSON records read onto one reused tape, for the core's batch paths.
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>

#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/ndjson.hpp"

namespace selfcrm {

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
