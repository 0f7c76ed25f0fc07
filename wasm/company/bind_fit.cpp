// Fitting, for the company's side only (a Node batch, the CLI, a company's own page): every
// customer-base model fitted from transactions or profiles, and the sBG and BG/BB reports. The
// customer's module (wasm/*.cpp) keeps scoring with a fitted model; this module is never loaded by
// a customer's page. The base model crosses as its JSON document, since each module has its own heap.
#include <emscripten/bind.h>

#include <optional>
#include <string>

#include "../heap.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/ndjson.hpp"
#include "selfcrm/scores/discrete_reports.hpp"
#include "selfcrm/scores/fit_profiles.hpp"
#include "selfcrm/scores/model.hpp"
#include "selfcrm/scores/transaction_batch.hpp"

namespace selfcrm::wasm {
namespace {

std::optional<Timestamp> optionalTime(const std::string& iso, const std::string& path) {
  if (iso.empty()) return std::nullopt;
  return parseIsoTime(iso, path);
}

/// `base` "" is the default model; `repeatModel` "" keeps the base model's; `asOf` "" is the
/// latest transaction; `holdoutFrom` "" means no holdout.
scores::FitOptions fitOptions(const std::string& base, const std::string& asOf, const std::string& repeatModel,
                              const std::string& holdoutFrom, bool compare) {
  scores::FitOptions options;
  if (!base.empty()) options.base = scores::Model::parse(base);
  options.asOf = optionalTime(asOf, "/asOf");
  if (!repeatModel.empty()) options.repeatModel = scores::parseRepeatModel(repeatModel, "/model");
  options.holdoutFrom = optionalTime(holdoutFrom, "/holdoutFrom");
  options.compare = compare;
  return options;
}

/// Fits from NDJSON transactions.
std::string fitTransactions(const std::string& base, std::uintptr_t text, std::size_t bytes, const std::string& asOf,
                            const std::string& repeatModel, const std::string& holdoutFrom, bool compare) {
  return guarded([&] {
    return scores::fitModel(heapText(text, bytes), fitOptions(base, asOf, repeatModel, holdoutFrom, compare));
  });
}

/// Fits from NDJSON profiles (their history.transactions); rejects name the profile line.
std::string fitProfiles(const std::string& base, std::uintptr_t text, std::size_t bytes, std::size_t firstLine,
                        const std::string& asOf, const std::string& repeatModel, const std::string& holdoutFrom,
                        bool compare) {
  return guarded([&] {
    const auto options = fitOptions(base, asOf, repeatModel, holdoutFrom, compare);
    return scores::fitModelFromProfiles(heapText(text, bytes), firstLine, options);
  });
}

/// Why each profile line is not one JSON value: for the E_EMPTY error of fitProfiles.
std::string jsonLineRejects(std::uintptr_t text, std::size_t bytes, std::size_t firstLine) {
  return guarded([&] { return selfcrm::jsonLineRejects(heapText(text, bytes), firstLine); });
}

/// sBG and BG/BB take a JSON request (see discrete_reports.hpp) and return the report.
std::string sbgReport(std::uintptr_t text, std::size_t bytes) {
  return guarded([&] { return scores::sbgReport(parseJson(std::string(heapText(text, bytes)), "the request")); });
}
std::string bgbbReport(std::uintptr_t text, std::size_t bytes) {
  return guarded([&] { return scores::bgbbReport(parseJson(std::string(heapText(text, bytes)), "the request")); });
}

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_company_fit) {
  using namespace selfcrm::wasm;
  emscripten::function("fitTransactions", &fitTransactions);
  emscripten::function("fitProfiles", &fitProfiles);
  emscripten::function("jsonLineRejects", &jsonLineRejects);
  emscripten::function("sbgReport", &sbgReport);
  emscripten::function("bgbbReport", &bgbbReport);
}
