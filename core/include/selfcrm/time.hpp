#pragma once
/// @file
/// Instants as whole seconds since 1970-01-01T00:00:00Z, read from and written as ISO-8601.
/// Integer seconds keep native and wasm arithmetic identical and comparisons exact.

#include <cstdint>
#include <string>
#include <string_view>

namespace selfcrm {

/// Seconds since the Unix epoch, UTC.
using Timestamp = std::int64_t;

constexpr Timestamp kSecondsPerDay = 86400;

/// Parses "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM[:SS[.fff…]](Z|±HH:MM)".
/// Fractions of a second are truncated. Throws Error(E_RANGE, path) for anything else,
/// including impossible dates such as 2023-02-29 and years outside 1000–9999.
Timestamp parseIsoTime(std::string_view text, const std::string& path = "");

/// True when `text` parses as parseIsoTime accepts.
bool isIsoTime(std::string_view text) noexcept;
/// parseIsoTime without the throw: false, and `out` untouched, when the text is not a date.
bool tryParseIsoTime(std::string_view text, Timestamp& out) noexcept;

/// Formats as "YYYY-MM-DDTHH:MM:SSZ".
std::string formatIsoTime(Timestamp t);

/// Formats the UTC calendar date as "YYYY-MM-DD".
std::string formatIsoDate(Timestamp t);

/// Days since the epoch of the UTC calendar date containing `t` (floor division).
std::int64_t epochDay(Timestamp t) noexcept;

/// Timestamp of midnight UTC on the given civil date (proleptic Gregorian).
Timestamp fromCivil(int year, unsigned month, unsigned day) noexcept;

}  // namespace selfcrm
