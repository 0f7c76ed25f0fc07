#include <cstdint>
#include <vector>

#include "../native/segments_fixtures.hpp"
#include "golden.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/segments/decay.hpp"
#include "selfcrm/segments/kmeans.hpp"
#include "selfcrm/segments/persona_pack.hpp"
#include "selfcrm/segments/segment_ndjson.hpp"
#include "selfcrm/segments/segment_pack.hpp"

using namespace selfcrm;
using namespace selfcrm::segments;

namespace {
// Gaussian-free but irregular data: a linear congruential sequence around five centres.
std::vector<double> features(std::size_t n, std::size_t d, std::uint32_t seed) {
  std::vector<double> out(n * d);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j) {
      seed = seed * 1664525u + 1013904223u;
      out[i * d + j] = static_cast<double>(i % 5) * 3.0 + static_cast<double>(seed >> 8) / 8388608.0 + 0.1 * j;
    }
  }
  return out;
}
}  // namespace

SELFCRM_GOLDEN("segments/default-pack-sample") {
  return guarded([] { return SegmentPack::defaults().evaluate(segtest::sampleFacts(), segtest::asOf()); });
}
SELFCRM_GOLDEN("segments/default-personas-sample") {
  return guarded([] { return PersonaPack::defaults().assign(segtest::sampleFacts(), {segtest::asOf(), nullptr}); });
}
SELFCRM_GOLDEN("segments/ndjson") {
  return guarded([] {
    std::string text = segtest::sampleFacts().dump() + "\n{\"id\": 2, \"history\": {\"interactions\": [{\"at\": \"2024-05-31T13:17:00Z\", \"direction\": \"customer-to-business\"}]}}\nnope\n";
    return segmentNdjson(SegmentPack::defaults(), PersonaPack::defaults(), text, 1, segtest::asOf(), true);
  });
}
SELFCRM_GOLDEN("segments/ndjson-compact") {
  return guarded([] {
    std::string text = segtest::sampleFacts().dump() + "\n{\"id\": 3, \"scores\": {\"clv\": {\"value\": 5000}}}\n";
    return segmentNdjson(SegmentPack::defaults(), PersonaPack::defaults(), text, 1, segtest::asOf());
  });
}
SELFCRM_GOLDEN("segments/decay-factors") {
  return guarded([] {
    std::vector<double> out;
    for (double age : {0.5, 1.0, 3.3, 7.0, 29.9, 45.0, 100.25, 365.0, 1000.0}) {
      for (double half : {7.0, 30.0, 90.0}) out.push_back(halfLifeFactor(age, half));
    }
    return out;
  });
}
SELFCRM_GOLDEN("segments/malformed-condition") {
  return guarded([] {
    return SegmentPack::fromText(R"({"segments": [{"name": "x", "condition": {"and": [{"field": "scores.clv.value", "op": "eq", "value": "high"}]}}]})")
        .segmentNames();
  });
}
SELFCRM_GOLDEN("kmeans/plusplus-2000x4-k5") {
  auto rows = features(2000, 4, 17);
  KMeansOptions o;
  o.k = 5;
  o.seed = 12345;
  return guarded([&] { return summaryJson(kmeans(rows.data(), 2000, 4, o)); });
}
SELFCRM_GOLDEN("kmeans/standardized-500x3-k4") {
  auto rows = features(500, 3, 5);
  KMeansOptions o;
  o.k = 4;
  o.seed = 8;
  o.standardize = true;
  return guarded([&] {
    auto r = kmeans(rows.data(), 500, 3, o);
    auto summary = summaryJson(r);
    summary["silhouette"] = silhouette(rows.data(), 500, 3, r.assignments.data(), 4, 200, 1);
    return summary;
  });
}
SELFCRM_GOLDEN("kmeans/choose-k") {
  auto rows = features(300, 2, 3);
  KMeansOptions o;
  o.seed = 4;
  return guarded([&] { return chooseK(rows.data(), 300, 2, 2, 7, o, 150); });
}

// "contains" on strings with borders (KMP's hard cases) and the limits a pack may not exceed.
SELFCRM_GOLDEN("segments/contains-and-limits") {
  return guarded([] {
    const auto packOf = [](const nlohmann::json& condition) {
      nlohmann::json segment = nlohmann::json::object();
      segment["name"] = "s";
      segment["condition"] = condition;
      nlohmann::json pack = nlohmann::json::object();
      pack["segments"] = nlohmann::json::array({segment});
      return SegmentPack::fromJson(pack);
    };
    const auto compare = [](const char* op, nlohmann::json value) {
      nlohmann::json c = nlohmann::json::object();
      c["field"] = "attributes.personal.bio";
      c["op"] = op;
      c["value"] = std::move(value);
      return c;
    };
    nlohmann::json out = nlohmann::json::array();
    const char* needles[] = {"aab", "abab", "aaaa", "abaab", "b", ""};
    const char* fields[] = {"aaab", "abaabab", "aaaaaa", "ababab", "", "abaaabaab"};
    for (const char* needle : needles) {
      const SegmentPack pack = packOf(compare("contains", needle));
      for (const char* field : fields) {
        nlohmann::json facts = nlohmann::json::object();
        facts["attributes"]["personal"]["bio"] = field;
        out.push_back(pack.evaluate(facts, 0).segments.size());
      }
    }
    for (const nlohmann::json& condition :
         {compare("contains", std::string(4097, 'x')), compare("in", nlohmann::json(std::vector<int>(4097, 1)))}) {
      try {
        packOf(condition);
        out.push_back("accepted");
      } catch (const Error& e) {
        out.push_back(e.path());
      }
    }
    return out;
  });
}
