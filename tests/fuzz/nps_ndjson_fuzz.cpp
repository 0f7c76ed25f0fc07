// NDJSON batch lines: any bytes must give counts and rejects, never an escaping exception, and
// every non-blank line must be either counted or rejected.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "selfcrm/nps_ndjson.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  selfcrm::NpsTally tally;
  const auto rejects = selfcrm::tallyNpsNdjson(tally, text, 1);
  std::size_t nonBlank = 0;
  selfcrm::forEachLine(text, 1, [&](std::size_t, std::string_view) { ++nonBlank; });
  if (tally.count() + rejects.size() != nonBlank) std::abort();
  return 0;
}
