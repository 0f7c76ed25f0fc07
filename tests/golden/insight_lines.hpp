#pragma once
// Analysed-profile lines (the insights step's output shape, only the members the population report
// reads) for the aggregate tests: values spread over many magnitudes so exact sums matter.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace selfcrm::golden {

inline std::vector<std::string> insightLines(std::size_t n, std::uint32_t seed) {
  const char* segments[] = {"loyal", "at-risk", "new", "vip"};
  const char* personas[] = {"evangelist", "bargain-hunter", "lurker"};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    const auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    const double scale = static_cast<double>(std::uint64_t{1} << (next() >> 27));  // 2^0 … 2^31
    const double clv = static_cast<double>(next() >> 8) / 4096.0 * scale / 65536.0 + 0.1 * (i % 10);
    const std::size_t referrals = next() % 4;
    nlohmann::json line = {{"scores",
                            {{"clv", {{"value", clv}}},
                             {"crv", {{"value", referrals * 12.5}, {"referrals", referrals}, {"converted", referrals / 2}}},
                             {"influence", {{"value", static_cast<double>(next() % 1000) / 7.0}}},
                             {"engagement", {{"value", i % 9 == 0 ? nlohmann::json(nullptr) : nlohmann::json(static_cast<double>(next() % 97) / 96.0)}}},
                             {"nps", {{"value", i % 5 == 0 ? nlohmann::json(nullptr) : nlohmann::json(next() % 11)}}},
                             {"rfm", {{"segment", i % 7 == 0 ? "" : segments[next() % 4]}}}}},
                           {"segments", {{"segments", nlohmann::json::array()}}},
                           {"persona", {{"persona", i % 4 == 0 ? nlohmann::json(nullptr) : nlohmann::json{{"name", personas[next() % 3]}}}}}};
    for (std::size_t s = 0; s < next() % 3; ++s) line["segments"]["segments"].push_back({{"name", segments[(i + s) % 4]}});
    out.push_back(line.dump());
  }
  return out;
}

}  // namespace selfcrm::golden
