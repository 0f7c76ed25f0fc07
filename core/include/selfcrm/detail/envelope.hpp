#pragma once
/// @file
/// Internal to SelfCRM (detail/: no stability promise), shared by the core, its bindings and tools.
/// The result envelope every front end uses to hand results across a boundary without exceptions:
/// `{"ok":true,"value":…}` or `{"ok":false,"error":{"code","path","message"}}`.
/// Native tools and the wasm bindings share it, so both print byte-identical results.

#include <new>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"

namespace selfcrm {

/// Serialises an error as the `error` member of an envelope.
nlohmann::json errorJson(ErrorCode code, const std::string& path, const std::string& message);

/// Wraps a successful value.
std::string okEnvelope(const nlohmann::json& value);
/// Wraps a successful value already written as JSON text (in dump()'s form), without a tree.
std::string okEnvelopeAround(std::string_view valueText);
/// Wraps an error.
std::string errorEnvelope(ErrorCode code, const std::string& path, const std::string& message);

/// What every envelope function returns when not even an error envelope can be built.
inline constexpr const char* kOutOfMemoryEnvelope =
    R"({"ok":false,"error":{"code":"E_MEMORY","path":"","message":"out of memory"}})";

/// Runs `fn` (which returns something convertible to nlohmann::json) and returns its envelope.
/// Catches everything: this is the last line before a language boundary.
template <class Fn>
std::string guarded(Fn&& fn) noexcept {
  try {
    try {
      return okEnvelope(nlohmann::json(std::forward<Fn>(fn)()));
    } catch (const Error& e) {
      return errorEnvelope(e.code(), e.path(), e.what());
    } catch (const nlohmann::json::exception& e) {
      return errorEnvelope(ErrorCode::Schema, "", e.what());
    } catch (const std::bad_alloc&) {
      return errorEnvelope(ErrorCode::Memory, "", "out of memory");
    } catch (const std::exception& e) {
      return errorEnvelope(ErrorCode::Internal, "", e.what());
    } catch (...) {
      return errorEnvelope(ErrorCode::Internal, "", "unknown failure");
    }
  } catch (...) {
    // Building the error envelope itself failed (no memory left): a fixed literal still fits.
    return kOutOfMemoryEnvelope;
  }
}

/// guarded() for `fn` returning its value as JSON text (see okEnvelopeAround).
template <class Fn>
std::string guardedText(Fn&& fn) noexcept {
  try {
    return okEnvelopeAround(std::forward<Fn>(fn)());
  } catch (...) {
    return guarded([]() -> nlohmann::json { throw; });  // the same error envelope guarded() gives
  }
}

/// guarded() for a batch result with an `ndjson` member: its lines as they are, each ending in
/// "\n", then the envelope (its own `ndjson` left empty) as the last line, with no "\n" after it.
/// Escaping megabytes of result lines into one JSON string, and unescaping them on the other side,
/// cost more than computing them; the envelope goes last because appending it to the lines is
/// free where putting it first copied them all.
template <class Fn>
std::string guardedLines(Fn&& fn) noexcept {
  std::string lines;
  std::string head = guarded([&] {
    auto result = std::forward<Fn>(fn)();
    lines.swap(result.ndjson);
    return nlohmann::json(result);
  });
  try {
    if (!lines.empty() && lines.back() != '\n') lines += '\n';
    lines += head;
    return lines;
  } catch (...) {
    return kOutOfMemoryEnvelope;
  }
}

}  // namespace selfcrm
