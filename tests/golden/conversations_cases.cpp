#include <string>

#include "golden.hpp"
#include "selfcrm/conversations/conversation_plan.hpp"
#include "selfcrm/conversations/support_queue.hpp"
#include "selfcrm/detail/envelope.hpp"

using namespace selfcrm;
using namespace selfcrm::conversations;

namespace {

// A deterministic population touching every claim the models read, with odd values so the
// arithmetic and the number formatting of the reasons are exercised at full precision.
std::string population(std::size_t n, std::uint32_t seed) {
  static const char* const bands[] = {"\"low\"", "\"medium\"", "\"high\""};
  static const char* const degrees[] = {"monologue", "venting", "skewed", "social-pressure", "objective", "community"};
  static const char* const nps[] = {"detractor", "passive", "promoter"};
  static const char* const channels[] = {"[\"email\"]", "[\"phone\",\"chat\"]", "\"instagram\"", "[]"};
  std::string out;
  auto next = [&] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (std::size_t i = 0; i < n; ++i) {
    out += "{\"subject\":\"c" + std::to_string(next() % 100000) + "-" + std::to_string(i) + "\",\"claims\":{";
    out += next() % 2 ? "\"band:clv\":" + std::to_string(next() % 300000 / 100.0) : std::string("\"band:clv\":") + bands[next() % 3];
    if (next() % 4) out += ",\"band:alive\":" + std::to_string((next() % 1000) / 999.0);
    if (next() % 3) out += std::string(",\"band:crv\":") + bands[next() % 3];
    if (next() % 3) out += ",\"band:influence\":" + std::to_string(next() % 101);
    if (next() % 2) out += std::string(",\"nps:category\":\"") + nps[next() % 3] + "\"";
    if (next() % 3 == 0) out += ",\"feedback:complaint\":true";
    if (next() % 5 == 0) out += ",\"feedback:churn\":true";
    if (next() % 2) out += ",\"feedback:sentiment\":" + std::to_string((static_cast<int>(next() % 201) - 100) / 100.0);
    if (next() % 2) out += std::string(",\"feedback:degree\":\"") + degrees[next() % 6] + "\"";
    out += std::string(",\"/preferential/channels\":") + channels[next() % 4];
    if (next() % 2) out += ",\"/identities/email/primary\":\"x@example.com\"";
    out += "}}\n";
  }
  return out;
}

}  // namespace

SELFCRM_GOLDEN("conversations/plan-budget-25") {
  ConversationPlan plan(25);
  const std::string rows = population(400, 11) + "{\"subject\":1}\n{\"subject\":\"x\",\"claims\":{\"band:alive\":2}}\n";
  return guarded([&] {
    nlohmann::json out = plan.output();
    out["rejects"] = plan.addNdjson(rows, 1);
    out["after"] = plan.output();
    return out;
  });
}
SELFCRM_GOLDEN("conversations/plan-all-custom-params") {
  ConversationParams p = conversationParamsFromJson(nlohmann::json{{"saveRate", 0.3}, {"activation", {0.01, 0.1, 0.4}}});
  ConversationPlan plan(0, p);
  return guarded([&] {
    plan.addNdjson(population(60, 5), 1);
    return plan.output();
  });
}
SELFCRM_GOLDEN("conversations/support-queue") {
  SupportQueue queue(0);
  return guarded([&] {
    nlohmann::json out;
    out["rejects"] = queue.addNdjson(population(200, 3), 1);
    out["queue"] = queue.output();
    return out;
  });
}
SELFCRM_GOLDEN("conversations/params-bad") {
  return guarded([] { return nlohmann::json(conversationParamsFromJson(nlohmann::json{{"urgency", {1, 2}}})); });
}
