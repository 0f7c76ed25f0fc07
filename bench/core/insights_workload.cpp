// NDJSON profiles of ~50 records through the scores (what `selfcrm score` does per chunk).
#include <string>

#include <nlohmann/json.hpp>

#include "bench.hpp"
#include "selfcrm/insights/insights.hpp"
#include "selfcrm/time.hpp"

namespace {
std::string profiles;
const selfcrm::scores::Model model = selfcrm::scores::Model::defaults();
const selfcrm::segments::SegmentPack segs = selfcrm::segments::SegmentPack::defaults();
const selfcrm::segments::PersonaPack personas = selfcrm::segments::PersonaPack::defaults();
const selfcrm::text::Lexicon lexicon;

std::size_t makeProfiles() {
  using nlohmann::json;
  const char* texts[] = {"Love the new boots!", "Where is my refund? Third time I ask.", "Do you ship to Oslo?"};
  const std::size_t n = 2000;
  profiles.clear();
  for (std::size_t i = 0; i < n; ++i) {
    json p = {{"schemaVersion", 1}, {"id", "p" + std::to_string(i)}};
    auto& h = p["history"];
    for (int k = 0; k < 30; ++k) {
      h["transactions"].push_back({{"id", "t" + std::to_string(k)},
                                   {"at", selfcrm::formatIsoTime(selfcrm::fromCivil(2024, 1 + k % 12, 1 + (i + k) % 27))},
                                   {"amount", 10.0 + (i + k * 31) % 190}, {"margin", 3.0 + (i + k) % 40}});
    }
    for (int k = 0; k < 12; ++k) {
      h["interactions"].push_back({{"id", "i" + std::to_string(k)},
                                   {"at", selfcrm::formatIsoTime(selfcrm::fromCivil(2025, 1 + k, 1 + i % 27))},
                                   {"channel", "email"}, {"direction", k % 3 ? "customer-to-business" : "business-to-customer"},
                                   {"isPublic", k % 2 == 0}, {"participants", 2}, {"threadId", ""},
                                   {"replyExpected", true}, {"replyReceived", k % 2 == 1}, {"text", texts[(i + k) % 3]}});
    }
    for (int k = 0; k < 5; ++k) h["surveys"].push_back({{"id", "s" + std::to_string(k)}, {"at", "2025-06-01"}, {"score", (i + k) % 11}});
    h["referrals"].push_back({{"id", "r"}, {"at", "2025-02-01"}, {"referredCustomerId", "x"}, {"converted", true}, {"value", 50}});
    h["reach"].push_back({{"network", "twitter"}, {"at", "2025-03-01"}, {"followers", i * 10}, {"posts", 40}, {"reshares", 5}, {"mentions", 2}});
    profiles += p.dump() + "\n";
  }
  return n;
}

selfcrm::bench::Register scoreProfiles({
    "score-profiles-ndjson", "profiles", makeProfiles, [] {
      const auto out = selfcrm::insights::analyzeProfilesNdjson({model, segs, personas, lexicon}, profiles, 1,
                                                                selfcrm::parseIsoTime("2026-01-01"),
                                                                selfcrm::insights::InsightParts::ScoresOnly);
      return static_cast<double>(out.ndjson.size());
    }});

selfcrm::bench::Register analyzeProfiles({
    "analyze-profiles-ndjson", "profiles", [] { return profiles.size() ? std::size_t{2000} : makeProfiles(); }, [] {
      const auto out = selfcrm::insights::analyzeProfilesNdjson({model, segs, personas, lexicon}, profiles, 1,
                                                                selfcrm::parseIsoTime("2026-01-01"),
                                                                selfcrm::insights::InsightParts::All);
      return static_cast<double>(out.ndjson.size());
    }});
}  // namespace
