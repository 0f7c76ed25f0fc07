// NDJSON parsing and tallying: the shape of every batch entry point.
#include <string>

#include "bench.hpp"
#include "selfcrm/nps_ndjson.hpp"

namespace {
std::string input;

selfcrm::bench::Register npsNdjson({
    "nps-ndjson-tally",
    "lines",
    [] {
      const std::size_t n = 300000;
      input.clear();
      for (std::size_t i = 0; i < n; ++i) {
        input += "{\"id\":\"c" + std::to_string(i) + "\",\"score\":" + std::to_string(i * 7 % 11) + "}\n";
      }
      return n;
    },
    [] {
      selfcrm::NpsTally tally;
      selfcrm::tallyNpsNdjson(tally, input, 1);
      return tally.summary().nps;
    },
});
}  // namespace
