// The wasm build's memcpy. Emscripten 3.1.6's copies one byte at a time whenever source and
// destination differ in alignment mod 4 (most appends to a growing output string), and calls out
// to JavaScript from 512 bytes on. WebAssembly loads and stores need no alignment, so eight bytes
// at a time serve every case. Built without LTO and without builtins (CMakeLists.txt), so the
// loops are not turned back into a call to memcpy itself.
#include <cstddef>
#include <cstdint>

namespace {
typedef std::uint64_t __attribute__((aligned(1), may_alias)) Word;
typedef std::uint32_t __attribute__((aligned(1), may_alias)) Half;
}  // namespace

extern "C" void* memcpy(void* __restrict dest, const void* __restrict src, std::size_t n) {
  auto* d = static_cast<unsigned char*>(dest);
  const auto* s = static_cast<const unsigned char*>(src);
  for (; n >= 32; n -= 32, d += 32, s += 32) {
    const std::uint64_t a = ((const Word*)s)[0], b = ((const Word*)s)[1], c = ((const Word*)s)[2], e = ((const Word*)s)[3];
    ((Word*)d)[0] = a;
    ((Word*)d)[1] = b;
    ((Word*)d)[2] = c;
    ((Word*)d)[3] = e;
  }
  for (; n >= 8; n -= 8, d += 8, s += 8) *(Word*)d = *(const Word*)s;
  if (n >= 4) {
    *(Half*)d = *(const Half*)s;
    *(Half*)(d + n - 4) = *(const Half*)(s + n - 4);
    return dest;
  }
  for (; n > 0; --n) *d++ = *s++;
  return dest;
}
