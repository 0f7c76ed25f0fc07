#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace selfcrm::detail {

// Equal bytes, eight at a time: field names are short, and in wasm a memcmp call (musl's, a byte
// loop) costs more than the comparison itself.
inline bool sameBytes(const char* a, const char* b, std::size_t n) {
  for (; n >= 8; a += 8, b += 8, n -= 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
  }
  for (; n > 0; ++a, ++b, --n) {
    if (*a != *b) return false;
  }
  return true;
}

}  // namespace selfcrm::detail
