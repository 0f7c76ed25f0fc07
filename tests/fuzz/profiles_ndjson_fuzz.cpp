// NDJSON profiles through every engine: each non-blank line is a result or a reject, never lost.
#include "fuzz_util.hpp"
#include "selfcrm/insights/insights.hpp"
#include "selfcrm/time.hpp"

using namespace selfcrm;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto model = scores::Model::defaults();
  static const auto segs = segments::SegmentPack::defaults();
  static const auto personas = segments::PersonaPack::defaults();
  static const text::Lexicon lexicon;
  const auto t = fuzz::text(data, size);
  const auto out = insights::analyzeProfilesNdjson({model, segs, personas, lexicon}, t, 1, parseIsoTime("2026-11-01"),
                                                   insights::InsightParts::All);
  std::size_t lines = 0;
  forEachLine(t, 1, [&](std::size_t, std::string_view) { ++lines; });
  fuzz::require(out.results + out.rejects.size() == lines);
  return 0;
}
