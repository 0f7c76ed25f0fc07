// A company's transaction exports and populations: per-customer summaries and RFM of transaction
// lines, the lines grouped into one profile per customer, and NPS with advocacy over a population.
// Company-side (see bind_fit.cpp): a customer's page never reads an export of many customers.
#include <emscripten/bind.h>

#include <optional>
#include <string>

#include "../heap.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/insights/transaction_profiles.hpp"
#include "selfcrm/scores/model.hpp"
#include "selfcrm/scores/nps_extended.hpp"
#include "selfcrm/scores/transaction_batch.hpp"

namespace selfcrm::wasm {
namespace {

/// Per-customer (x, t_x, T, spend) in the periods of the model `base` ("" = the default model).
std::string transactionSummaries(const std::string& base, std::uintptr_t text, std::size_t bytes, const std::string& asOf) {
  return guarded([&] {
    const double periodDays = base.empty() ? scores::Model::defaults().periodDays : scores::Model::parse(base).periodDays;
    std::optional<Timestamp> at;
    if (!asOf.empty()) at = parseIsoTime(asOf, "/asOf");
    return scores::summarizeTransactions(heapText(text, bytes), at, periodDays);
  });
}

/// `monetary` "total" sums spend, anything else averages it (checked in TypeScript).
std::string rfmSummary(std::uintptr_t text, std::size_t bytes, const std::string& asOf, const std::string& monetary) {
  return guarded([&] {
    const auto kind = monetary == "total" ? scores::MonetaryKind::Total : scores::MonetaryKind::Mean;
    return scores::rfmSummary(heapText(text, bytes), parseIsoTime(asOf, "/asOf"), kind);
  });
}

std::string transactionProfiles(std::uintptr_t text, std::size_t bytes, std::size_t firstLine) {
  return guarded([&] { return insights::profilesFromTransactions(heapText(text, bytes), firstLine); });
}

/// Rows of scores::kAdvocacyColumns doubles: latest answer (NaN for none), referrals, converted.
std::string npsAdvocacy(std::uintptr_t rows, std::size_t count) {
  return guarded([&] { return scores::populationAdvocacy(heapArray<double>(rows), count); });
}

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_company_transactions) {
  using namespace selfcrm::wasm;
  emscripten::function("transactionSummaries", &transactionSummaries);
  emscripten::function("rfmSummary", &rfmSummary);
  emscripten::function("transactionProfiles", &transactionProfiles);
  emscripten::function("npsAdvocacy", &npsAdvocacy);
}
