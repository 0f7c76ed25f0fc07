// Transaction lines (the batch RFM and fitting input): a summary, or a coded rejection.
#include "fuzz_util.hpp"
#include "selfcrm/scores/transaction_batch.hpp"
#include "selfcrm/time.hpp"

using namespace selfcrm;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto t = fuzz::text(data, size);
  fuzz::accepted([&] { scores::rfmSummary(t, parseIsoTime("2026-11-01"), scores::MonetaryKind::Mean); });
  return 0;
}
