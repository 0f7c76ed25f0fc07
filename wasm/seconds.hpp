#pragma once
// The one time convention across the boundary: JS passes instants as whole seconds since the
// epoch in a double. The core checks the calendar range; this keeps the cast defined (NaN, ±∞
// and out-of-range doubles are an error, never undefined behaviour).
#include <cmath>
#include <string>

#include "selfcrm/error.hpp"
#include "selfcrm/time.hpp"

namespace selfcrm::wasm {

// Out of line and once: the error's string building is not repeated at every call site.
[[noreturn, gnu::noinline, gnu::cold]] inline void notSeconds(const char* path, const char* what) {
  throw Error(ErrorCode::Range, path, std::string(what) + " is not a finite number of seconds");
}

inline Timestamp checkedSeconds(double seconds, const char* path, const char* what) {
  if (!(std::fabs(seconds) < 1e15)) notSeconds(path, what);
  return static_cast<Timestamp>(std::floor(seconds));
}

/// An evaluation instant (`asOf`), the argument most bindings take.
inline Timestamp asOfSeconds(double seconds) { return checkedSeconds(seconds, "/asOf", "asOf"); }

}  // namespace selfcrm::wasm
