#pragma once
/// @file
/// The one error type of the core. Every public function reports bad input by throwing
/// `selfcrm::Error`; front ends (wasm bindings, CLI tools) catch it at their boundary and turn it
/// into data, so no exception ever leaves the library's callers uncontrolled.

#include <stdexcept>
#include <string>

namespace selfcrm {

/** @name Error codes
 *  Stable identifiers: they are part of the public API (JS sees them as `err.code`).
 */
enum class ErrorCode {
  Parse,      ///< E_PARSE: text is not well-formed (JSON, NDJSON line, CSV)
  Schema,     ///< E_SCHEMA: well-formed but wrong shape: missing/unknown field, wrong type
  Range,      ///< E_RANGE: a value outside its allowed domain
  Empty,      ///< E_EMPTY: an operation that needs data was given none
  Version,    ///< E_VERSION: a document from a newer schema version than this reader
  Conflict,   ///< E_CONFLICT: an operation that contradicts the current state
  NotFound,   ///< E_NOT_FOUND: a named thing does not exist
  Convergence,///< E_CONVERGENCE: a numerical fit failed to converge
  Memory,     ///< E_MEMORY: allocation failed
  Internal,   ///< E_INTERNAL: a bug; please report it
};

/// The stable string for a code, e.g. "E_RANGE".
const char* codeName(ErrorCode code) noexcept;

/// A coded error with the JSON Pointer (or `line:N`) of the offending value.
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string path, const std::string& message)
      : std::runtime_error(message), code_(code), path_(std::move(path)) {}

  ErrorCode code() const noexcept { return code_; }
  /// JSON Pointer ("/answers/3"), "line:N" for line-oriented input, or "" when it has no place.
  const std::string& path() const noexcept { return path_; }

 private:
  ErrorCode code_;
  std::string path_;
};

/// Appends a reference token to a JSON Pointer, escaping `~` and `/` as RFC 6901 requires.
std::string pointerAppend(const std::string& pointer, const std::string& token);
/// Appends an array index to a JSON Pointer.
std::string pointerAppend(const std::string& pointer, std::size_t index);

}  // namespace selfcrm
