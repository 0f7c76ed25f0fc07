// Introspection for leak and stack tests: the JS side asserts these return to their start.
#include <emscripten/bind.h>
#include <emscripten/stack.h>
#include <malloc.h>

#include <cstdlib>
#include <string>

#include "heap.hpp"
#include "live_objects.hpp"

namespace selfcrm::wasm {

std::size_t& liveObjectCount() {
  static std::size_t count = 0;
  return count;
}

[[gnu::noinline]] std::string fitsAcross(std::string out) noexcept {
  void* room = std::malloc(out.size() + 16);
  if (room != nullptr) {
    std::free(room);
    return out;
  }
  std::string().swap(out);
  return R"({"ok":false,"error":{"code":"E_MEMORY","path":"","message":"out of memory"}})";
}

namespace {
double stackPointer() { return static_cast<double>(emscripten_stack_get_current()); }
double heapBytesInUse() { return static_cast<double>(mallinfo().uordblks); }
double liveObjects() { return static_cast<double>(liveObjectCount()); }
}  // namespace

}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_runtime) {
  emscripten::function("stackPointer", &selfcrm::wasm::stackPointer);
  emscripten::function("heapBytesInUse", &selfcrm::wasm::heapBytesInUse);
  emscripten::function("liveObjects", &selfcrm::wasm::liveObjects);
}
