#pragma once
// Shared by the fuzz targets: a coded selfcrm::Error is a correct answer to bad input; any other
// exception escaping, or a broken property, is a finding (abort, so libFuzzer records the input).
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"

namespace selfcrm::fuzz {

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Runs fn; returns false when it threw a selfcrm::Error (an orderly rejection).
template <class Fn>
bool accepted(Fn&& fn) {
  try {
    fn();
    return true;
  } catch (const Error&) {
    return false;
  }
}

inline void require(bool property) {
  if (!property) std::abort();
}

}  // namespace selfcrm::fuzz
