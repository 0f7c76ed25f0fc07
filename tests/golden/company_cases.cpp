#include <cstdint>
#include <string>

#include "golden.hpp"
#include "selfcrm/company/crm_rating.hpp"
#include "selfcrm/company/shared_claims.hpp"
#include "selfcrm/detail/envelope.hpp"

using namespace selfcrm;
using namespace selfcrm::company;

namespace {

// Rows as the intake store gives them, with every kind of value the rules meet: bands as words,
// lists, numbers, nulls and objects; segments true and not; personas with non-ASCII names.
std::string rows(std::size_t n, std::uint32_t seed) {
  static const char* const values[] = {"\"high\"", "\"medium\"", "\"low\"", "[\"high\"]", "[]", "null", "5", "\"HIGH\"", "[[\"medium\"]]", "true", "{\"a\":1}"};
  static const char* const personas[] = {"\"explorer\"", "\"\xC3\x9C" "ber\"", "\"\xF0\x9F\x98\x80\"", "\"\xEE\x80\x80\"", "\"10\"", "7"};
  static const char* const nps[] = {"\"promoter\"", "\"passive\"", "\"detractor\"", "\"PROMOTER\"", "null"};
  std::string out;
  auto next = [&] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (std::size_t i = 0; i < n; ++i) {
    out += "{\"subject\":\"s" + std::to_string(i) + "\",\"claims\":{";
    out += std::string("\"band:engagement\":") + values[next() % 11];
    if (next() % 2) out += std::string(",\"band:clv\":") + values[next() % 11];
    if (next() % 3 == 0) out += std::string(",\"band:influence\":") + values[next() % 11];
    if (next() % 4 == 0) out += ",\"rfm:segment\":\"champions\"";
    if (next() % 3 == 0) out += std::string(",\"segment:evangelist\":") + (next() % 2 ? "true" : "false");
    if (next() % 2) out += ",\"segment:s" + std::to_string(next() % 7) + "\":true";
    if (next() % 2) out += std::string(",\"persona\":") + personas[next() % 6];
    if (next() % 2) out += std::string(",\"nps:category\":") + nps[next() % 5];
    out += "}}\n";
  }
  return out;
}

}  // namespace

SELFCRM_GOLDEN("company/crm-ratings") {
  return guarded([] { return rateRows(rows(300, 3) + "{\"claims\":[]}\nnot json\n", 1); });
}

SELFCRM_GOLDEN("company/shared-claims") {
  return guarded([] {
    SharedClaims counts;
    nlohmann::json out;
    out["rejects"] = counts.addNdjson(rows(500, 9) + "{\"subject\":1,\"claims\":0}\n", 1);
    out["summary"] = counts.summary();
    out["shares"] = sharesOf({977, 13, 5, 0, 1});
    return out;
  });
}
