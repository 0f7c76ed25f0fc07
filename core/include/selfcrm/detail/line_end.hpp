#pragma once
/// @file
/// Internal to SelfCRM (detail/: no stability promise): the line scan under forEachLine.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace selfcrm::detail {
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
}  // namespace selfcrm::detail
