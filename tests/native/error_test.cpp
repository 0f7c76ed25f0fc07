#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/error.hpp"

using namespace selfcrm;

TEST_CASE("every error code has a stable E_ name", "[errors]") {
  CHECK(std::string(codeName(ErrorCode::Parse)) == "E_PARSE");
  CHECK(std::string(codeName(ErrorCode::Schema)) == "E_SCHEMA");
  CHECK(std::string(codeName(ErrorCode::Range)) == "E_RANGE");
  CHECK(std::string(codeName(ErrorCode::Empty)) == "E_EMPTY");
  CHECK(std::string(codeName(ErrorCode::Version)) == "E_VERSION");
  CHECK(std::string(codeName(ErrorCode::Internal)) == "E_INTERNAL");
}

TEST_CASE("JSON Pointer tokens are escaped", "[errors]") {
  CHECK(pointerAppend("", "a/b~c") == "/a~1b~0c");
  CHECK(pointerAppend("/list", std::size_t{3}) == "/list/3");
}

TEST_CASE("guarded turns every failure into an envelope", "[errors]") {
  auto ok = nlohmann::json::parse(guarded([] { return 42; }));
  CHECK(ok["ok"] == true);
  CHECK(ok["value"] == 42);

  auto coded = nlohmann::json::parse(
      guarded([]() -> int { throw Error(ErrorCode::Range, "/a/0", "too big"); }));
  CHECK(coded["ok"] == false);
  CHECK(coded["error"]["code"] == "E_RANGE");
  CHECK(coded["error"]["path"] == "/a/0");
  CHECK(coded["error"]["message"] == "too big");

  auto internal = nlohmann::json::parse(guarded([]() -> int { throw std::logic_error("bug"); }));
  CHECK(internal["error"]["code"] == "E_INTERNAL");

  auto unknown = nlohmann::json::parse(guarded([]() -> int { throw 7; }));
  CHECK(unknown["error"]["code"] == "E_INTERNAL");
}

TEST_CASE("envelopes survive invalid UTF-8 in values", "[errors]") {
  auto env = nlohmann::json::parse(guarded([] { return std::string("caf\xe9"); }));
  CHECK(env["ok"] == true);
}
