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

// Results go back as std::string, which Embind (3.1.6) copies into a block it mallocs without
// checking for null: out of memory, it would write the result over address 0 and break the module
// for good. So every binding's guarded() below (found before selfcrm::guarded by name lookup)
// first makes sure such a block fits, else frees the result and returns a fixed E_MEMORY envelope.
#include <string>
#include <utility>

#include "selfcrm/detail/envelope.hpp"

namespace selfcrm::wasm {

/// `out`, or the E_MEMORY envelope when a copy of it could not be allocated (bind_runtime.cpp;
/// one copy of the code for every binding).
std::string fitsAcross(std::string out) noexcept;

template <class Fn>
std::string guarded(Fn&& fn) noexcept {
  return fitsAcross(selfcrm::guarded(std::forward<Fn>(fn)));
}

template <class Fn>
std::string guardedLines(Fn&& fn) noexcept {
  return fitsAcross(selfcrm::guardedLines(std::forward<Fn>(fn)));
}

}  // namespace selfcrm::wasm
