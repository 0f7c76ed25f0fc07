#include "selfcrm/company/crm_rating.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "selfcrm/detail/json_text.hpp"
#include "tape_records.hpp"

namespace selfcrm::company {

namespace {

constexpr const char* kScoredBands[] = {"band:clv", "band:engagement", "band:influence"};

/// A band's points, or -1 for a value that is not a band (a list counts by its first element).
int bandPoints(JsonView value) {
  while (value.isArray()) {
    if (value.size() == 0) return -1;
    JsonView first = value;
    value.forEachElement([&](std::size_t i, JsonView element) {
      if (i == 0) first = element;
    });
    value = first;
  }
  if (!value.isString()) return -1;
  const std::string_view s = value.string();
  return s == "low" ? 0 : s == "medium" ? 50 : s == "high" ? 100 : -1;
}

}  // namespace

const char* stageName(LifecycleStage stage) noexcept {
  switch (stage) {
    case LifecycleStage::Evangelist: return "Evangelist";
    case LifecycleStage::Customer: return "Customer";
    case LifecycleStage::Lead: break;
  }
  return "Lead";
}

void to_json(nlohmann::json& out, const CrmRating& rating) {
  out = {{"stage", stageName(rating.stage)}, {"leadScore", nullptr}};
  if (rating.leadScore) out["leadScore"] = *rating.leadScore;
}

CrmRating rateClaims(JsonView claims) {
  if (!claims.isObject()) throw Error(ErrorCode::Schema, "/claims", "claims must be an object");
  bool evangelist = false, bought = false;
  int points = 0, bands = 0;
  claims.forEachMember([&](std::string_view name, JsonView value) {
    if (name == "segment:evangelist") evangelist = value.isBoolean() && value.boolean();
    if (name == "band:clv" || name == "rfm:segment") bought = true;
    for (const char* band : kScoredBands) {
      if (name != band) continue;
      const int p = bandPoints(value);
      if (p >= 0) {
        points += p;
        ++bands;
      }
    }
  });
  CrmRating rating;
  rating.stage = evangelist ? LifecycleStage::Evangelist : bought ? LifecycleStage::Customer : LifecycleStage::Lead;
  if (bands > 0) rating.leadScore = static_cast<int>(std::floor(static_cast<double>(points) / bands + 0.5));
  return rating;
}

NdjsonResult rateRows(std::string_view ndjson, std::size_t firstLine) {
  NdjsonResult result;
  result.rejects = forEachTapeRecord(ndjson, firstLine, [&](std::size_t, JsonView row) {
    if (!row.isObject()) throw Error(ErrorCode::Schema, "", "a row is a JSON object {\"subject\", \"claims\"}");
    JsonView claims = row;
    if (!row.find("claims", claims)) throw Error(ErrorCode::Schema, "/claims", "claims is required (an object, {} for none)");
    const nlohmann::json line = rateClaims(claims);
    appendJson(result.ndjson, line);
    result.ndjson += '\n';
    ++result.results;
  });
  return result;
}

}  // namespace selfcrm::company
