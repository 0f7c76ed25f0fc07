#pragma once
// The assertion every error test makes: the call fails with this code at this JSON Pointer.
#include <catch2/catch.hpp>

#include <string>

#include "selfcrm/error.hpp"

namespace selfcrm::test {

template <class Fn>
void requireError(Fn&& fn, ErrorCode code, const std::string& path) {
  try {
    fn();
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(std::string(codeName(e.code())) == codeName(code));
    CHECK(e.path() == path);
  }
}

}  // namespace selfcrm::test
