// Company side, over the customer rows intake keeps: the CRM export's lifecycle stage and lead
// score (`selfcrm export crm`) and the counts of `selfcrm report --store`. The rules are in
// core/src/company; results as envelopes, never a throw into JS.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>
#include <vector>

#include "../heap.hpp"
#include "selfcrm/company/crm_rating.hpp"
#include "selfcrm/company/shared_claims.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/detail/json_tape.hpp"

namespace selfcrm::wasm {
namespace {

std::string crmRateRows(std::uintptr_t text, std::size_t bytes, std::size_t firstLine) {
  return guardedLines([&] { return company::rateRows(heapText(text, bytes), firstLine); });
}

std::vector<std::uint64_t> claimCounts(const std::string& json) {
  const nlohmann::json parsed = parseJson(json, "the grant counts");
  if (!parsed.is_array()) throw Error(ErrorCode::Schema, "/grants", "the grant counts are an array of whole numbers");
  std::vector<std::uint64_t> counts;
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    if (!parsed[i].is_number_unsigned()) throw Error(ErrorCode::Schema, pointerAppend("/grants", i), "a claim count is a whole number");
    counts.push_back(parsed[i].get<std::uint64_t>());
  }
  return counts;
}

/// The report's counts over one text of rows, with each grant's share of `grantCounts` (a JSON
/// array of claim counts, one per level and purpose).
std::string sharedClaimCounts(std::uintptr_t text, std::size_t bytes, const std::string& grantCounts) {
  return guarded([&] {
    const std::vector<double> shares = company::sharesOf(claimCounts(grantCounts));
    company::SharedClaims counts;
    const auto rejects = counts.addNdjson(heapText(text, bytes), 1);
    nlohmann::json out = counts.summary();
    out["rejects"] = rejects;
    out["grantShares"] = shares;
    return out;
  });
}

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_intake_reports) {
  emscripten::function("crmRateRows", &selfcrm::wasm::crmRateRows);
  emscripten::function("sharedClaimCounts", &selfcrm::wasm::sharedClaimCounts);
}
