// Introspection for leak and stack tests: the JS side asserts these return to their start.
#include <emscripten/bind.h>
#include <emscripten/stack.h>
#include <malloc.h>

#include "live_objects.hpp"

namespace selfcrm::wasm {

std::size_t& liveObjectCount() {
  static std::size_t count = 0;
  return count;
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
