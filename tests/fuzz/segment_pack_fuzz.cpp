// Segment packs and their conditions: compiled or rejected with a code; a compiled pack evaluates
// any facts document without failing in any other way.
#include "fuzz_util.hpp"
#include "selfcrm/segments/segment_pack.hpp"
#include "selfcrm/time.hpp"

using namespace selfcrm;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const nlohmann::json facts = nlohmann::json::parse(R"({"id":"f","attributes":{"preferential":{"channels":["email"]}},
    "scores":{"clv":{"value":420},"nps":{"category":"promoter"}},"cues":{"sentiment":{"trend":-0.1}},
    "history":{"transactions":[{"at":"2026-01-01T00:00:00Z","amount":5}],"interactions":[],"referrals":[{"at":"2026-02-01","converted":true}]}})");
  std::optional<segments::SegmentPack> pack;
  if (!fuzz::accepted([&] { pack = segments::SegmentPack::fromText(fuzz::text(data, size)); })) return 0;
  fuzz::accepted([&] { pack->evaluate(facts, parseIsoTime("2026-06-01")); });
  return 0;
}
