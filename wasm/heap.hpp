#pragma once
// JS hands bulk data over as (pointer, length) into the module's heap; these turn the numbers
// Embind can carry into typed views without copying.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace selfcrm::wasm {

template <class T>
inline const T* heapArray(std::uintptr_t address) {
  return reinterpret_cast<const T*>(address);
}

inline std::string_view heapText(std::uintptr_t address, std::size_t bytes) {
  return {reinterpret_cast<const char*>(address), bytes};
}

}  // namespace selfcrm::wasm
