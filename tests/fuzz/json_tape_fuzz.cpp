// Differential: the JSON tape accepts exactly what nlohmann::json accepts, with the same values,
// but for a key repeated in one object (refused by the tape).
#include "../native/repeated_keys.hpp"
#include "fuzz_util.hpp"
#include "selfcrm/detail/json_tape.hpp"

using namespace selfcrm;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::text(data, size);
  // nlohmann stops at a NUL byte; no JSON text holds one, and the tape refuses it.
  const bool hasNul = text.find('\0') != std::string_view::npos;
  const auto expected = hasNul ? nlohmann::json(nlohmann::json::value_t::discarded) : nlohmann::json::parse(text, nullptr, false);
  JsonTape tape;
  try {
    tape.parse(text);
  } catch (const Error& e) {
    // Nesting deeper than 512 levels is the one refusal nlohmann does not share.
    fuzz::require(expected.is_discarded() || std::string_view(e.what()).find("512") != std::string_view::npos ||
                  (e.code() == ErrorCode::Schema && test::hasRepeatedKey(text)));
    return 0;
  }
  fuzz::require(!expected.is_discarded());
  fuzz::require(tape.root().dump() == expected.dump());
  // A borrowing parse reads the same and leaves the text as it was.
  const std::string borrowed(text);
  JsonTape borrowing;
  borrowing.parseBorrowing(borrowed);
  fuzz::require(borrowing.root().dump() == expected.dump());
  fuzz::require(borrowed == text);
  return 0;
}
