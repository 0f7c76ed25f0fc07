// The JSON tape parser alone, on profile lines as JavaScript writes them (keys in insertion order,
// not sorted): what every batch pays before any record is read.
#include <string>

#include <nlohmann/json.hpp>

#include "bench.hpp"
#include "selfcrm/detail/json_tape.hpp"

namespace {
std::vector<std::string> lines;

std::size_t makeLines() {
  using nlohmann::ordered_json;
  const char* texts[] = {"Love the new boots!", "Where is my refund? Third time I ask.", "Do you ship to Oslo?"};
  lines.clear();
  for (int i = 0; i < 2000; ++i) {
    ordered_json p = {{"schemaVersion", 1}, {"id", "p" + std::to_string(i)}};
    auto& h = p["history"];
    for (int k = 0; k < 30; ++k) {
      h["transactions"].push_back({{"id", "t" + std::to_string(k)}, {"at", "2024-03-0" + std::to_string(1 + k % 9) + "T00:00:00Z"},
                                   {"amount", 10 + (i + k * 31) % 190}, {"margin", 3 + (i + k) % 40}});
    }
    for (int k = 0; k < 12; ++k) {
      h["interactions"].push_back({{"id", "i" + std::to_string(k)}, {"at", "2025-01-01T00:00:00Z"}, {"channel", "email"},
                                   {"direction", k % 3 ? "customer-to-business" : "business-to-customer"},
                                   {"isPublic", k % 2 == 0}, {"participants", 2}, {"threadId", ""}, {"replyExpected", true},
                                   {"replyReceived", k % 2 == 1}, {"text", texts[(i + k) % 3]}});
    }
    for (int k = 0; k < 5; ++k) h["surveys"].push_back({{"id", "s" + std::to_string(k)}, {"at", "2025-06-01T00:00:00Z"}, {"score", (i + k) % 11}});
    lines.push_back(p.dump());
  }
  return lines.size();
}

selfcrm::bench::Register parseLines({
    "tape-parse-profiles", "lines", makeLines, [] {
      selfcrm::JsonTape tape;
      double nodes = 0;
      for (const auto& line : lines) {
        tape.parseBorrowing(line);
        nodes += static_cast<double>(tape.root().size());
      }
      return nodes;
    }});
}  // namespace
