// ISO-8601 parsing: any text is either rejected with a coded error or parses to an instant that
// formats and parses back to itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "selfcrm/error.hpp"
#include "selfcrm/time.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const selfcrm::Timestamp t = selfcrm::parseIsoTime(text, "/t");
    if (selfcrm::parseIsoTime(selfcrm::formatIsoTime(t)) != t) std::abort();
  } catch (const selfcrm::Error& e) {
    if (e.code() != selfcrm::ErrorCode::Range || e.path() != "/t") std::abort();
  }
  return 0;
}
