// Persona packs: compiled or rejected with a code; a compiled pack assigns without other failure.
#include "fuzz_util.hpp"
#include "selfcrm/segments/persona_pack.hpp"
#include "selfcrm/time.hpp"

using namespace selfcrm;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const nlohmann::json facts = nlohmann::json::parse(R"({"id":"f","scores":{"influence":{"value":70}},
    "segments":["evangelist"],"history":{"interactions":[{"at":"2026-01-01T00:00:00Z","isPublic":true,"participants":4}]}})");
  std::optional<segments::PersonaPack> pack;
  if (!fuzz::accepted([&] { pack = segments::PersonaPack::fromText(fuzz::text(data, size)); })) return 0;
  fuzz::accepted([&] { pack->assign(facts, segments::EvalContext{parseIsoTime("2026-06-01"), nullptr}); });
  return 0;
}
