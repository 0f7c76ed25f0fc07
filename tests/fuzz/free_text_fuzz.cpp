// Free text: any bytes get a finite compound score in [-1, 1] and drivers inside the text.
#include <cmath>

#include "fuzz_util.hpp"
#include "selfcrm/text/analysis.hpp"

using namespace selfcrm;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const text::Lexicon lexicon;
  const auto t = fuzz::text(data, size);
  const auto a = text::analyzeText(t, lexicon, /*explain=*/true);
  fuzz::require(std::isfinite(a.sentiment.compound) && a.sentiment.compound >= -1 && a.sentiment.compound <= 1);
  for (const auto& d : a.sentiment.drivers) fuzz::require(d.offset <= t.size());
  return 0;
}
